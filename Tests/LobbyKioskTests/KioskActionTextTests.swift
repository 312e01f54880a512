import LobbyKiosk
import LobbyKioskFixtures
import LobbyQueue
import LobbyTestSupport
import Testing

/// The text form of kiosk actions that `GET /api/v1/kiosk` and `lobbyctl kiosk status` show.
@Suite(.tags(.unit)) struct KioskActionTextTests {
    static let actions: [(KioskAction, String)] = [
        (.start, "start"), (.chooseLanguage(.az), "chooseLanguage:az"), (.chooseLanguage(.ru), "chooseLanguage:ru"),
        (.openCategory(CategoryNodeID(3)), "openCategory:3"), (.allServices, "allServices"), (.chooseService("passport"), "chooseService:passport"),
        (.nextPage, "nextPage"), (.previousPage, "previousPage"), (.letter("Ə"), "letter:Ə"), (.letter("7"), "letter:7"),
        (.deleteLetter, "deleteLetter"), (.clearLetters, "clearLetters"), (.takeTicket, "takeTicket"), (.retry, "retry"),
        (.openCheckIn, "openCheckIn"), (.checkIn, "checkIn"), (.ordinaryTicket, "ordinaryTicket"), (.back, "back"), (.home, "home"),
        (.toggleAccessible, "toggleAccessible"),
    ]

    @Test func everyActionHasAStableTextThatReadsBack() {
        for (action, text) in Self.actions {
            #expect(action.description == text)
            #expect("\(action)" == text, "interpolation uses the designed form, never Swift's debug text")
            #expect(KioskAction(text: text) == action)
        }
    }

    @Test(arguments: ["", "chooseLanguage", "chooseLanguage:de", "openCategory:x", "openCategory:-1", "chooseService:", "letter:",
                      "takeTicket:now", "dance", "TakeTicket"])
    func malformedTextIsRefused(text: String) {
        #expect(KioskAction(text: text) == nil)
    }

    /// Every button the sample screens show has a text form that reads back to its action.
    @Test func everyButtonOfTheSampleFlowReadsBack() throws {
        var kiosk = try Kiosk()
        var seen: Set<String> = []
        for step in [KioskAction.start, .chooseLanguage(.en), .allServices, .letter("P")] {
            for button in kiosk.flow.screen.buttons {
                #expect(KioskAction(text: button.action.description) == button.action, "\(button.action.description)")
                seen.insert(button.action.name)
            }
            kiosk.tap(step)
        }
        #expect(seen.isSuperset(of: ["start", "chooseLanguage", "letter", "chooseService"]), "\(seen)")
    }
}
