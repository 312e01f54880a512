import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct KioskIssueTests {
    @Test func doubleTapOnTakeTicketIssuesOnce() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport")
        #expect(kiosk.screen == .confirm)
        #expect(kiosk.effects.contains(.requestEstimate("passport")))
        kiosk.send(.estimate("passport", WaitEstimate(peopleAhead: 4, expectedWaitSeconds: 610, openWindows: 2, averageServiceSeconds: 300)))
        #expect(kiosk.flow.screen.texts.contains { $0.text == "People ahead of you: 4" })
        #expect(kiosk.flow.screen.texts.contains { $0.text == "Expected wait: about 11 min" })
        let take = try #require(kiosk.flow.screen.button(for: .takeTicket)).frame.center
        kiosk.send(.tap(x: take.x, y: take.y))
        kiosk.send(.tap(x: take.x, y: take.y), after: 40)
        kiosk.send(.action(.takeTicket), after: 40)
        #expect(kiosk.issues == [KioskTicketRequest(service: "passport", language: .en, requestID: "k1-boot7-1")])
        #expect(kiosk.screen == .printing)
    }

    @Test func retryAndReturningReuseTheRequestID() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport")
        kiosk.tap(.takeTicket)
        kiosk.send(.issueFailed("k1-boot7-1", .unavailable))
        #expect(kiosk.screen == .failure)
        kiosk.tap(.retry)
        kiosk.send(.issueFailed("k1-boot7-1", .unavailable))
        kiosk.tap(.back)
        #expect(kiosk.screen == .services)
        kiosk.tap(.chooseService("passport"))
        kiosk.tap(.takeTicket)
        #expect(kiosk.issues.map(\.requestID) == ["k1-boot7-1", "k1-boot7-1", "k1-boot7-1"])
        // A stale answer for another request changes nothing; the right one ends printing.
        kiosk.send(.issued(TicketReceipt(requestID: "other", number: "P001", peopleAhead: 0, expectedWaitSeconds: 0, printed: true)))
        #expect(kiosk.screen == .printing)
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P007", peopleAhead: 2, expectedWaitSeconds: 300, printed: true)))
        #expect(kiosk.screen == .done)
        // Another service in the same visit gets its own id; a new visit gets a new id.
        kiosk.tap(.back)
        kiosk.tap(.allServices)
        kiosk.tap(.chooseService("apostille"))
        kiosk.tap(.takeTicket)
        kiosk.tap(.home)  // disabled while printing
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-2", number: "J003", peopleAhead: 0, expectedWaitSeconds: 0, printed: true)))
        kiosk.tap(.home)
        kiosk.goToService("passport")
        kiosk.tap(.takeTicket)
        #expect(kiosk.issues.map(\.requestID).suffix(2) == ["k1-boot7-2", "k1-boot7-3"])
    }

    @Test func unprintedTicketShowsALargeNumberAndSaysSo() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport", .ru)
        kiosk.tap(.takeTicket)
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P012", peopleAhead: 3, expectedWaitSeconds: 900, printed: false)))
        #expect(kiosk.screen == .doneUnprinted)
        let number = try #require(kiosk.flow.screen.texts.first { $0.role == .number })
        #expect(number.text == "P012")
        #expect(kiosk.flow.configuration.geometry.millimetres(Int(number.size)) >= 40, "large enough to photograph")
        #expect(kiosk.flow.screen.texts.contains { $0.role == .notice && $0.text.contains("не удалось напечатать") })
        #expect(kiosk.flow.nextDeadline == kiosk.now.adding(seconds: 120))
    }

    @Test func appointmentOnlyServiceAsksForTheCodeFirst() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("appointment-migration")
        #expect(kiosk.screen == .appointment)
        #expect(kiosk.effects.contains(.startReader(.appointmentCode)))
        #expect(kiosk.flow.screen.button(for: .takeTicket) == nil)
        kiosk.send(.credentialUnreadable(.appointmentCode))
        #expect(kiosk.flow.screen.texts.contains { $0.origin == .translation(.credentialUnreadable) })
        kiosk.send(.credential(KioskCredential(kind: .idDocument, reference: "wrong-kind")))
        #expect(kiosk.screen == .appointment)
        kiosk.send(.credential(KioskCredential(kind: .appointmentCode, reference: "APPT-123")))
        #expect(kiosk.screen == .confirm)
        #expect(kiosk.effects.contains(.stopReaders))
        kiosk.tap(.takeTicket)
        #expect(kiosk.issues.first?.credentials == [KioskCredential(kind: .appointmentCode, reference: "APPT-123")])
    }

    @Test func serviceNeedingAnIDDocumentShowsTheStepAndTheListSaysSo() throws {
        var centre = try SampleCentre.load()
        let index = centre.services.firstIndex { $0.id == "passport" }!
        centre.services[index].requiresIDDocument = true
        var kiosk = try Kiosk(centre: centre)
        kiosk.tap(.start)
        kiosk.tap(.chooseLanguage(.en))
        kiosk.tap(.allServices)
        while kiosk.flow.screen.button(for: .chooseService("passport")) == nil { kiosk.tap(.nextPage) }
        #expect(kiosk.flow.screen.button(for: .chooseService("passport"))?.detail == "ID document needed")
        kiosk.tap(.chooseService("passport"))
        #expect(kiosk.screen == .idDocument)
        #expect(kiosk.effects.contains(.startReader(.idDocument)))
        kiosk.send(.credential(KioskCredential(kind: .idDocument, reference: "person:abcd")))
        #expect(kiosk.screen == .confirm)
    }
}
