import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Priority categories at the kiosk", .tags(.unit))
struct KioskPriorityTests {
    static let categories: [PriorityCategoryID] = ["disabled", "aged65", "pregnant"]

    @Test("each configured category is offered with what it needs, goes on the ticket request and on the done screen", arguments: categories)
    func categoryReachesTicketAndDoneScreen(_ category: PriorityCategoryID) throws {
        let centre = try SampleCentre.load()
        let configured = try #require(centre.priorities.first { $0.id == category })
        var kiosk = try Kiosk(priorities: true)
        kiosk.goToService("passport")
        #expect(kiosk.screen == .confirm)
        // An ordinary ticket stays one tap: "take ticket" comes first, priority below it.
        let take = try #require(kiosk.flow.screen.button(for: .takeTicket))
        let entry = try #require(kiosk.flow.screen.button(for: .openPriority))
        #expect(entry.frame.y > take.frame.y)
        #expect(entry.label == "I am entitled to priority service")
        let opened = kiosk.tap(.openPriority)
        #expect(opened)
        #expect(kiosk.screen == .priority)
        let offered = kiosk.flow.screen.buttons.compactMap { if case .choosePriority(let id) = $0.action { id } else { nil } }
        #expect(offered == Self.categories)
        let button = try #require(kiosk.flow.screen.button(for: .choosePriority(category)))
        #expect(button.label == configured.name.text(in: .en))
        #expect(button.detail == configured.proof?.text(in: .en))
        #expect(kiosk.flow.screen.button(for: .noPriority) != nil)

        kiosk.effects = []
        let chose = kiosk.tap(.choosePriority(category))
        #expect(chose)
        #expect(kiosk.screen == .confirm)
        #expect(kiosk.effects.contains(.requestPriorityEstimate("passport", category)))
        // A late ordinary estimate does not pass for the priority one.
        kiosk.send(.estimate("passport", WaitEstimate(peopleAhead: 9, expectedWaitSeconds: 3_000, openWindows: 1, averageServiceSeconds: 300)))
        #expect(!kiosk.flow.screen.texts.contains { $0.text == "People ahead of you: 9" })
        kiosk.send(.priorityEstimate("passport", category, WaitEstimate(peopleAhead: 0, expectedWaitSeconds: 0, openWindows: 1, averageServiceSeconds: 300)))
        #expect(kiosk.flow.screen.texts.contains { $0.text == "You will be called shortly" })
        let chosen = try #require(kiosk.flow.screen.button(for: .openPriority))
        #expect(chosen.label == "Priority: \(configured.name.text(in: .en))" && chosen.state == .selected)
        #expect(chosen.frame == entry.frame, "the button does not move when a category is chosen")

        kiosk.tap(.takeTicket)
        let request = try #require(kiosk.issues.last)
        #expect(request.priority == category)
        kiosk.send(.issued(TicketReceipt(requestID: request.requestID, number: "P001", peopleAhead: 0, expectedWaitSeconds: 0, printed: true,
                                         priority: category)))
        #expect(kiosk.screen == .done)
        let expected = "Priority: \(configured.name.text(in: .en)) — \(configured.proof!.text(in: .en))"
        #expect(kiosk.flow.screen.texts.contains { $0.text == expected }, "\(kiosk.flow.screen.texts.map(\.text))")
    }

    @Test("'ordinary queue' takes the choice back; back returns to the confirm screen; a priority ticket has its own request id")
    func ordinaryAfterAll() throws {
        var kiosk = try Kiosk(priorities: true)
        kiosk.goToService("passport")
        kiosk.tap(.openPriority)
        kiosk.tap(.back)
        #expect(kiosk.screen == .confirm)
        kiosk.tap(.openPriority)
        kiosk.tap(.choosePriority("pregnant"))
        kiosk.tap(.openPriority)
        kiosk.effects = []
        kiosk.tap(.noPriority)
        #expect(kiosk.screen == .confirm)
        #expect(kiosk.effects.contains(.requestEstimate("passport")))
        #expect(kiosk.flow.screen.button(for: .openPriority)?.state == .normal)
        kiosk.tap(.takeTicket)
        #expect(kiosk.issues.last?.priority == nil)
    }

    @Test("a centre without kiosk categories shows no priority button; a category marked kiosk: false is not offered")
    func noCategories() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport")
        #expect(kiosk.flow.screen.button(for: .openPriority) == nil)
        var centre = try SampleCentre.load()
        centre.priorities[0].atKiosk = false
        var limited = try Kiosk(centre: centre, priorities: true)
        limited.goToService("passport")
        limited.tap(.openPriority)
        #expect(limited.flow.screen.button(for: .choosePriority(centre.priorities[0].id)) == nil)
        #expect(limited.flow.screen.button(for: .choosePriority(centre.priorities[1].id)) != nil)
    }

    @Test("the priority screen's actions have a text form for remote taps")
    func actionText() {
        for action in [KioskAction.openPriority, .noPriority, .choosePriority("aged65")] {
            #expect(KioskAction(text: action.description) == action)
        }
    }
}

@Suite("Waits beside each service", .tags(.unit))
struct KioskServiceListWaitTests {
    @Test("opening a service list asks for every service's wait; each entry shows people waiting and the wait, never '0 min'", arguments: [
        (Language.en, "Waiting: 4 · about 10 min", "Waiting: 0 · called soon"),
        (.ru, "В очереди: 4 · около 10 мин", "В очереди: 0 · скоро"),
        (.az, "Növbədə: 4 · təxminən 10 dəq", "Növbədə: 0 · tezliklə"),
    ])
    func waitsInTheList(language: Language, long: String, short: String) throws {
        var kiosk = try Kiosk()
        kiosk.tap(.start)
        kiosk.tap(.chooseLanguage(language))
        kiosk.effects = []
        kiosk.tap(.allServices)
        #expect(kiosk.effects.filter { $0 == .requestServiceEstimates }.count == 1)
        let ids = kiosk.flow.screen.buttons.compactMap { if case .chooseService(let id) = $0.action { id } else { nil } }
        try #require(ids.count >= 2)
        let before = kiosk.flow.screen.buttons.map(\.frame)
        kiosk.send(.serviceEstimates([
            ids[0]: WaitEstimate(peopleAhead: 4, expectedWaitSeconds: 570, openWindows: 2, averageServiceSeconds: 300),
            ids[1]: WaitEstimate(peopleAhead: 0, expectedWaitSeconds: 0, openWindows: 2, averageServiceSeconds: 300),
        ]))
        let first = try #require(kiosk.flow.screen.button(for: .chooseService(ids[0])))
        let second = try #require(kiosk.flow.screen.button(for: .chooseService(ids[1])))
        #expect(first.detail?.hasPrefix(long) == true, "\(first.detail ?? "nil")")
        #expect(second.detail?.hasPrefix(short) == true, "\(second.detail ?? "nil")")
        #expect(!kiosk.flow.screen.buttons.contains { ($0.detail ?? "").contains(" 0 min") || ($0.detail ?? "").contains(" 0 мин") || ($0.detail ?? "").contains(" 0 dəq") })
        #expect(kiosk.flow.screen.buttons.map(\.frame) == before, "no control moves when the waits arrive")
        // Typing a letter stays on the list and asks nothing new.
        kiosk.effects = []
        let letter = try #require(kiosk.flow.screen.buttons.first { if case .letter = $0.action { $0.isEnabled } else { false } })
        kiosk.tap(letter.action)
        #expect(!kiosk.effects.contains(.requestServiceEstimates))
    }
}
