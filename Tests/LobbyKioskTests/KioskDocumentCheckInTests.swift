import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

/// Appointment check-in by presenting an ID document on the check-in keypad, without choosing a service.
@Suite(.tags(.unit)) struct KioskDocumentCheckInTests {
    static let document = KioskCredential(kind: .idDocument, reference: "doc-ref-1")

    static func notice(_ kiosk: Kiosk) -> KioskText? { kiosk.flow.screen.texts.first { $0.role == .notice } }

    @Test func theKeypadListensForADocumentAndSaysSo() throws {
        var kiosk = try Kiosk(documentCheckIn: true)
        kiosk.goToCheckIn()
        #expect(kiosk.screen == .checkIn)
        #expect(kiosk.effects.contains(.startReader(.idDocument)))
        #expect(kiosk.texts(containing: "or place your identity card on the reader below the screen"))
        // Back to the list: the reader stops.
        kiosk.effects = []
        kiosk.tap(.back)
        #expect(kiosk.screen == .categories)
        #expect(kiosk.effects.contains(.stopReaders))
    }

    @Test func withoutADocumentReaderTheKeypadNeitherListensNorMentionsIt() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        #expect(!kiosk.effects.contains(.startReader(.idDocument)))
        #expect(kiosk.texts(containing: "Type the 8 characters of your booking code"))
        #expect(!kiosk.texts(containing: "identity card"))
        // A document arriving anyway does nothing.
        kiosk.send(.credential(Self.document))
        #expect(kiosk.screen == .checkIn && kiosk.checkIns.isEmpty)
    }

    @Test func aDocumentOnTheKeypadChecksInByDocumentOnce() throws {
        var kiosk = try Kiosk(documentCheckIn: true)
        kiosk.goToCheckIn(.az)
        kiosk.type("AC")
        kiosk.send(.credential(Self.document))
        #expect(kiosk.checkIns == [KioskCheckInRequest(key: .document(reference: "doc-ref-1"), language: .az, requestID: "k1-boot7-1")])
        #expect(kiosk.screen == .printing)
        #expect(kiosk.effects.contains(.stopReaders))
        // The document read again while the queue answers changes nothing.
        kiosk.send(.credential(Self.document))
        #expect(kiosk.checkIns.count == 1)
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P014", peopleAhead: 0, expectedWaitSeconds: 0, printed: true,
                                         service: "passport", appointmentTime: TimeOfDay(hour: 11))))
        #expect(kiosk.screen == .done)
        #expect(kiosk.flow.screen.texts.contains { $0.role == .number && $0.text == "P014" })
        #expect(kiosk.texts(containing: "11:00"))
    }

    @Test func noAppointmentForTheDocumentOffersTypingTheCodeOrAnOrdinaryTicket() throws {
        var kiosk = try Kiosk(documentCheckIn: true)
        kiosk.goToCheckIn()
        kiosk.send(.credential(Self.document))
        kiosk.send(.issueFailed("k1-boot7-1", IssueFailure(refusal: .noAppointmentForPerson(today: LocalDate(year: 2026, month: 11, day: 21)))))
        #expect(kiosk.screen == .checkInFailure)
        #expect(Self.notice(kiosk)?.origin == .translation(.checkInNoAppointment))
        #expect(kiosk.texts(containing: "Identity document"), "the failure names the document, never its data")
        #expect(kiosk.flow.screen.button(for: .openCheckIn)?.label == "Type the booking code")
        #expect(kiosk.flow.screen.button(for: .ordinaryTicket) != nil)
        // The reader still listens here: the same document again re-uses its request id.
        kiosk.send(.credential(Self.document))
        #expect(kiosk.checkIns.map(\.requestID) == ["k1-boot7-1", "k1-boot7-1"])
        kiosk.send(.issueFailed("k1-boot7-1", .noAppointmentForDocument))
        // Typing the code instead: back to the keypad, where a booking code checks in by code.
        kiosk.tap(.openCheckIn)
        #expect(kiosk.screen == .checkIn)
        kiosk.tap(.clearLetters)
        kiosk.type(CheckInSamples.code.rawValue)
        kiosk.tap(.checkIn)
        #expect(kiosk.checkIns.last == KioskCheckInRequest(code: CheckInSamples.code, language: .en, requestID: "k1-boot7-2"))
    }

    @Test func anUnreadableDocumentSaysSoUntilTheCitizenTypesOrTriesAgain() throws {
        var kiosk = try Kiosk(documentCheckIn: true)
        kiosk.goToCheckIn(.ru)
        kiosk.send(.credentialUnreadable(.idDocument))
        #expect(Self.notice(kiosk)?.origin == .translation(.checkInDocumentUnreadable))
        #expect(kiosk.checkIns.isEmpty)
        kiosk.type("A")
        #expect(Self.notice(kiosk) == nil)
        kiosk.send(.credentialUnreadable(.idDocument))
        kiosk.send(.credential(Self.document))
        #expect(kiosk.checkIns.map(\.key) == [.document(reference: "doc-ref-1")])
    }

    @Test func aDocumentOnAServicesAppointmentKeypadIsNotACheckIn() throws {
        var kiosk = try Kiosk(documentCheckIn: true)
        kiosk.goToService("appointment-migration")
        #expect(kiosk.screen == .appointment)
        kiosk.tap(.openCheckIn)
        kiosk.send(.credential(Self.document))
        #expect(kiosk.checkIns.isEmpty && kiosk.issues.isEmpty)
        #expect(kiosk.screen == .checkIn)
    }

    @Test func theDocumentsRequestIDIsForgottenWithTheVisit() throws {
        var kiosk = try Kiosk(documentCheckIn: true)
        kiosk.goToCheckIn()
        kiosk.send(.credential(Self.document))
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P014", peopleAhead: 0, expectedWaitSeconds: 0, printed: true)))
        kiosk.tap(.home)
        #expect(kiosk.screen == .attract && kiosk.flow.state.checkInRequests.isEmpty)
        kiosk.goToCheckIn()
        kiosk.send(.credential(Self.document))
        #expect(kiosk.checkIns.map(\.requestID) == ["k1-boot7-1", "k1-boot7-2"])
    }
}
