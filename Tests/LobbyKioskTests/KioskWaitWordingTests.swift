import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Waits as citizens read them", .tags(.unit))
struct KioskWaitWordingTests {
    @Test("a wait within 90 s reads 'called shortly' on the confirm and done screens, never '0 min'", arguments: [
        (Language.en, "You will be called shortly"), (.ru, "Вас скоро вызовут"), (.az, "Tezliklə çağırılacaqsınız"),
    ])
    func shortly(language: Language, expected: String) throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport", language)
        kiosk.send(.estimate("passport", WaitEstimate(peopleAhead: 0, expectedWaitSeconds: 0, openWindows: 1, averageServiceSeconds: 300)))
        #expect(kiosk.flow.screen.texts.contains { $0.text == expected })
        #expect(!kiosk.flow.screen.texts.contains { ["0 min", "0 мин", "0 dəq"].contains(where: $0.text.contains) })
        kiosk.tap(.takeTicket)
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P001", peopleAhead: 0, expectedWaitSeconds: 45, printed: true)))
        #expect(kiosk.screen == .done)
        #expect(kiosk.flow.screen.texts.contains { $0.text == expected })
    }

    @Test("a wait over 90 s is told in whole minutes rounded up")
    func minutes() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport")
        kiosk.send(.estimate("passport", WaitEstimate(peopleAhead: 1, expectedWaitSeconds: 91, openWindows: 1, averageServiceSeconds: 300)))
        #expect(kiosk.flow.screen.texts.contains { $0.text == "Expected wait: about 2 min" })
    }
}

@Suite("The done screen says where to go", .tags(.unit))
struct KioskDoneWindowsTests {
    @Test("the windows serving the service are listed in the citizen's language", arguments: [
        (Language.en, "Service windows: 2, 5"), (.ru, "Окна обслуживания: 2, 5"), (.az, "Xidmət pəncərələri: 2, 5"),
    ])
    func windows(language: Language, expected: String) throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport", language)
        kiosk.tap(.takeTicket)
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P001", peopleAhead: 2, expectedWaitSeconds: 600, printed: false,
                                         windows: [2, 5])))
        #expect(kiosk.screen == .doneUnprinted)
        #expect(kiosk.flow.screen.texts.contains { $0.text == expected })
    }
}
