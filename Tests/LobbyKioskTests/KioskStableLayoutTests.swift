import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

/// Records every control's frame while a screen stays the same screen (list entries aside), and
/// collects the ones that moved.
struct StabilityRecorder {
    var kiosk: Kiosk
    var moved: [String] = []
    var compared = 0

    /// Sends `input` and compares the controls shown before and after when the screen did not change.
    mutating func send(_ input: KioskInput, _ what: String) {
        let before = kiosk.flow.screen
        kiosk.send(input)
        compare(before, what)
    }

    /// Taps `action` and compares likewise.
    mutating func tap(_ action: KioskAction) {
        let before = kiosk.flow.screen
        kiosk.tap(action)
        compare(before, "tap \(action)")
    }

    private mutating func compare(_ before: KioskScreenModel, _ what: String) {
        let after = kiosk.flow.screen
        guard before.name == after.name, before.accessible == after.accessible else { return }
        for old in before.buttons {
            // List entries are content: a search or another language's alphabet reorders them.
            switch old.action {
            case .chooseService, .openCategory: continue
            // Letter keys are the alphabet of the language shown.
            case .letter where what.hasPrefix("tap chooseLanguage"): continue
            default: break
            }
            guard let new = after.buttons.first(where: { $0.action == old.action }) else { continue }
            compared += 1
            if new.frame != old.frame { moved.append("\(after.name) after \(what): \(old.action) \(old.frame) → \(new.frame)") }
        }
    }
}

@Suite("No control moves under a finger", .tags(.unit))
struct KioskStableLayoutTests {
    @Test("confirm: take ticket stays put when the estimate arrives, in every language, both modes and sizes", arguments: KioskLayoutTests.geometries)
    func confirm(geometry: KioskGeometry) throws {
        for language in Language.allCases {
            for accessible in [false, true] {
                var r = StabilityRecorder(kiosk: try Kiosk(geometry: geometry))
                r.kiosk.goToService("passport", language)
                if accessible { r.tap(.toggleAccessible) }
                #expect(r.kiosk.screen == .confirm)
                r.send(.estimate("passport", WaitEstimate(peopleAhead: 12, expectedWaitSeconds: 5_400, openWindows: 2, averageServiceSeconds: 300)), "estimate")
                r.send(.estimate("passport", WaitEstimate(peopleAhead: 0, expectedWaitSeconds: 0, openWindows: 2, averageServiceSeconds: 300)), "short estimate")
                for other in Language.allCases { r.tap(.chooseLanguage(other)) }
                #expect(r.compared > 10)
                #expect(r.moved.isEmpty, "\(r.moved)")
            }
        }
    }

    @Test("requirement: the unreadable notice does not push the type-code button", arguments: KioskLayoutTests.geometries)
    func requirement(geometry: KioskGeometry) throws {
        let centre = try SampleCentre.load()
        let service = try #require(centre.services.first { $0.appointmentOnly })
        for accessible in [false, true] {
            var r = StabilityRecorder(kiosk: try Kiosk(geometry: geometry))
            if accessible { r.kiosk.tap(.toggleAccessible) }
            r.kiosk.goToService(service.id)
            #expect(r.kiosk.screen == .appointment)
            r.send(.credentialUnreadable(.appointmentCode), "unreadable")
            #expect(r.compared > 3)
            #expect(r.moved.isEmpty, "\(r.moved)")
        }
    }

    @Test("services, keypad and every screen's language switch: letters, pages and languages move nothing", arguments: KioskLayoutTests.geometries)
    func listsAndKeypad(geometry: KioskGeometry) throws {
        var r = StabilityRecorder(kiosk: try Kiosk(geometry: geometry))
        r.tap(.chooseLanguage(.en))
        for other in Language.allCases { r.tap(.chooseLanguage(other)) }
        r.tap(.allServices)
        for action in [KioskAction.letter("P"), .letter("A"), .deleteLetter, .clearLetters, .nextPage, .previousPage] { r.tap(action) }
        for other in Language.allCases { r.tap(.chooseLanguage(other)) }
        r.tap(.openCheckIn)
        for action in [KioskAction.letter("A"), .letter("C"), .deleteLetter, .clearLetters] { r.tap(action) }
        for other in Language.allCases { r.tap(.chooseLanguage(other)) }
        #expect(r.compared > 100)
        #expect(r.moved.isEmpty, "\(r.moved)")
    }
}
