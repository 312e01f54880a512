import LobbyAnnouncement
import LobbyTestSupport
import Testing

@Suite("Announcement planner", .tags(.unit))
struct AnnouncementPlannerTests {
    @Test("A call in the three languages, in the configured order")
    func callAllLanguages() throws {
        let planner = try AnnouncementPlanner(languages: [.az, .ru, .en])
        let plan = try planner.plan(Announcement(kind: .call, prefix: "A", number: 42, window: 5))
        #expect(plan.first == .clip(.chime))
        #expect(planner.text(of: plan)
            == "Bilet a qırx iki, beş nömrəli pəncərəyə. Билет а сорок два, к пятому окну. Ticket ay forty-two, to window five.")
    }

    @Test("The configured selection and order: English then Azerbaijani, no chime")
    func selectionAndOrder() throws {
        let planner = try AnnouncementPlanner(languages: [.en, .az], chime: false)
        let plan = try planner.plan(Announcement(kind: .call, prefix: "BK", number: 7, window: 12))
        #expect(!plan.contains(.clip(.chime)))
        #expect(planner.text(of: plan) == "Ticket bee kay seven, to window twelve. Bilet be ka yeddi, on iki nömrəli pəncərəyə.")
        let languages = plan.compactMap { s -> SpokenLanguage? in if case .clip(let c) = s { c.language } else { nil } }
        #expect(languages.firstIndex(of: .az)! > languages.lastIndex(of: .en)!)
    }

    @Test("A recall says so first, in every language")
    func recall() throws {
        let planner = try AnnouncementPlanner(languages: [.ru, .az, .en])
        let plan = try planner.plan(Announcement(kind: .recall, prefix: "B", number: 7, window: 2))
        #expect(planner.text(of: plan) == "Повторный вызов, Билет бэ семь, ко второму окну. Təkrar çağırış, Bilet be yeddi, iki nömrəli pəncərəyə. "
            + "Calling again, Ticket bee seven, to window two.")
    }

    @Test("Russian: 'ко' only before 'второму'; every window 1–999 planned from the pack's clips", arguments: SpokenLanguage.allCases)
    func everyWindow(_ language: SpokenLanguage) throws {
        let planner = try AnnouncementPlanner(languages: [language])
        let pack = Set(planner.requiredClips())
        for window in 1...999 {
            let plan = try planner.plan(Announcement(kind: .call, prefix: "C", number: window, window: window))
            let clips = plan.compactMap { s -> Clip? in if case .clip(let c) = s { c } else { nil } }
            #expect(clips.allSatisfy(pack.contains), "window \(window)")
            #expect(clips.first == .chime)
            if case .silence = plan.last! {} else { Issue.record("a plan ends in silence") }
            if language == .ru {
                #expect(clips.contains(Phrases.russianToBeforeCluster) == (window == 2), "window \(window)")
            }
        }
    }

    @Test("Every prefix letter is said in every language")
    func everyPrefix() throws {
        let planner = try AnnouncementPlanner(languages: [.az, .ru, .en], chime: false)
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
            let plan = try planner.plan(Announcement(kind: .call, prefix: String(letter), number: 1, window: 1))
            let letters = plan.compactMap { s -> Clip? in if case .clip(let c) = s, c.id.contains(".letter.") { c } else { nil } }
            #expect(letters.map(\.id) == ["az", "ru", "en"].map { "\($0).letter.\(letter)" })
        }
    }

    @Test("Planned silences: chime gap, comma, between languages, trailing ≥ 200 ms")
    func silences() throws {
        let planner = try AnnouncementPlanner(languages: [.az, .en])
        let plan = try planner.plan(Announcement(kind: .call, prefix: "A", number: 1, window: 1))
        #expect(plan[1] == .silence(milliseconds: 250))
        #expect(plan.contains(.silence(milliseconds: 600)))
        guard case .silence(let tail) = plan.last! else { Issue.record("no trailing silence"); return }
        #expect(tail >= 200)
        // No two silences in a row, no two clips without a gap.
        for (a, b) in zip(plan, plan.dropFirst()) {
            switch (a, b) {
            case (.silence, .silence), (.clip, .clip): Issue.record("\(a) then \(b)")
            default: break
            }
        }
    }

    @Test("Wrong input gets a specific error")
    func errors() throws {
        #expect(throws: AnnouncementError.noLanguage) { try AnnouncementPlanner(languages: []) }
        #expect(throws: AnnouncementError.repeatedLanguage(.ru)) { try AnnouncementPlanner(languages: [.ru, .en, .ru]) }
        let planner = try AnnouncementPlanner(languages: [.en])
        #expect(throws: AnnouncementError.windowOutOfRange(0)) { try planner.plan(Announcement(kind: .call, prefix: "A", number: 1, window: 0)) }
        #expect(throws: AnnouncementError.windowOutOfRange(1000)) { try planner.plan(Announcement(kind: .call, prefix: "A", number: 1, window: 1000)) }
        #expect(throws: AnnouncementError.self) { try planner.plan(Announcement(kind: .call, prefix: "a", number: 1, window: 1)) }
        for bad in ["042", "A", "ABC1", "A-42", "Ə42", "A4x"] {
            #expect(throws: AnnouncementError.self, "\(bad)") { try Announcement.parseTicket(bad) }
        }
        let t = try Announcement.parseTicket("AB007")
        #expect(t.prefix == "AB" && t.number == 7)
        #expect(AnnouncementError.windowOutOfRange(1000).description.contains("1 to 999"))
    }
}
