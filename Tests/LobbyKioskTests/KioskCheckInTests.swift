import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

/// Appointment check-in by a booking code typed on the kiosk's keypad.
@Suite(.tags(.unit)) struct KioskCheckInTests {
    static let code = CheckInSamples.code

    static func texts(_ kiosk: Kiosk) -> [String] { kiosk.flow.screen.texts.map(\.text) }

    @Test func theKeypadHasExactlyTheBookingCodeAlphabet() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        #expect(kiosk.screen == .checkIn)
        let keys = kiosk.flow.screen.buttons.compactMap { if case .letter(let l) = $0.action { l } else { nil } }
        #expect(keys == BookingCode.alphabet.map(String.init))
        // Look-alikes have no key and are not accepted even as a direct action.
        for refused in ["O", "0", "I", "1", "S", "B", "a"] {
            kiosk.send(.action(.letter(refused)))
        }
        #expect(kiosk.texts(containing: "____-____"))
    }

    @Test func typingGroupsTheCodeAndEnablesCheckInOnlyForAValidCode() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        let raw = Self.code.rawValue
        #expect(kiosk.flow.screen.button(for: .checkIn)?.state == .disabled)
        #expect(kiosk.flow.screen.button(for: .deleteLetter)?.state == .disabled)
        do { let ok = kiosk.type(String(raw.prefix(5))); #expect(ok) }
        #expect(kiosk.texts(containing: String(raw.prefix(4)) + "-" + String(raw.dropFirst(4).prefix(1)) + "___"))
        #expect(kiosk.flow.screen.button(for: .checkIn)?.state == .disabled)
        // A wrong check character: a clear notice (no personal data), check-in stays disabled, keys are full.
        do { let ok = kiosk.type(String(CheckInSamples.mistyped.dropFirst(5))); #expect(ok) }
        let notice = try #require(kiosk.flow.screen.texts.first { $0.role == .notice })
        #expect(notice.origin == .translation(.checkInInvalid))
        #expect(notice.text == "This code is not valid: a character is mistyped or two are swapped. Please check it.")
        #expect(kiosk.flow.screen.button(for: .checkIn)?.state == .disabled)
        #expect(kiosk.flow.screen.button(for: .letter("A"))?.state == .disabled)
        do { let ok = kiosk.tap(.checkIn); #expect(!ok) }
        kiosk.send(.action(.checkIn))
        #expect(kiosk.checkIns.isEmpty)
        // Delete the wrong character and type the right one.
        do { let ok = kiosk.tap(.deleteLetter); #expect(ok) }
        #expect(!kiosk.flow.screen.texts.contains { $0.role == .notice })
        do { let ok = kiosk.type(String(raw.last!)); #expect(ok) }
        #expect(kiosk.texts(containing: Self.code.display))
        #expect(kiosk.flow.screen.button(for: .checkIn)?.state == .normal)
        // Clear starts again.
        do { let ok = kiosk.tap(.clearLetters); #expect(ok) }
        #expect(kiosk.texts(containing: "____-____"))
        #expect(kiosk.flow.screen.button(for: .checkIn)?.state == .disabled)
    }

    @Test func aDoubleTapOnCheckInChecksInOnce() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn(.ru)
        kiosk.type(Self.code.rawValue)
        let button = try #require(kiosk.flow.screen.button(for: .checkIn)).frame.center
        kiosk.send(.tap(x: button.x, y: button.y))
        kiosk.send(.tap(x: button.x, y: button.y), after: 40)
        kiosk.send(.action(.checkIn), after: 40)
        #expect(kiosk.checkIns == [KioskCheckInRequest(code: Self.code, language: .ru, requestID: "k1-boot7-1")])
        #expect(kiosk.issues.isEmpty)
        #expect(kiosk.screen == .printing)
        // Back and home are disabled while the queue answers.
        do { let back = kiosk.tap(.back), home = kiosk.tap(.home); #expect(!back && !home) }
        kiosk.send(.action(.home))
        #expect(kiosk.screen == .printing)
    }

    @Test func successShowsTheNumberTheServiceAndTheAppointmentTime() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        // A stale answer for another request changes nothing.
        kiosk.send(.issued(TicketReceipt(requestID: "other", number: "X001", peopleAhead: 0, expectedWaitSeconds: 0, printed: true)))
        #expect(kiosk.screen == .printing)
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P014", peopleAhead: 5, expectedWaitSeconds: 900, printed: true,
                                         service: "passport", appointmentTime: TimeOfDay(hour: 10, minute: 30))))
        #expect(kiosk.screen == .done)
        #expect(kiosk.flow.screen.texts.contains { $0.role == .number && $0.text == "P014" })
        #expect(kiosk.texts(containing: "Appointment at 10:30: you will be called at your time."))
        #expect(!kiosk.flow.screen.texts.contains { $0.origin == .translation(.peopleAhead) }, "appointments are called at their time")
        let serviceName = try #require(kiosk.flow.catalog.services["passport"]).name.text(in: .en)
        #expect(kiosk.texts(containing: serviceName))
        #expect(kiosk.flow.nextDeadline == kiosk.now.adding(seconds: 20))
        // Back starts a new errand in the same visit; the request ids are forgotten.
        kiosk.tap(.back)
        #expect(kiosk.screen == .categories && kiosk.flow.state.checkInRequests.isEmpty)
        // Unprinted: the large number screen.
        kiosk.tap(.openCheckIn)
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        #expect(kiosk.checkIns.map(\.requestID) == ["k1-boot7-1", "k1-boot7-2"])
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-2", number: "P014", peopleAhead: 0, expectedWaitSeconds: 0, printed: false)))
        #expect(kiosk.screen == .doneUnprinted)
        #expect(kiosk.flow.nextDeadline == kiosk.now.adding(seconds: 120))
    }

    @Test func noAnswerTimesOutToARetryWithTheSameRequestID() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        kiosk.send(.tick, after: 14_000)
        #expect(kiosk.screen == .printing)
        kiosk.send(.tick, after: 1_000)
        #expect(kiosk.screen == .checkInFailure)
        #expect(kiosk.flow.screen.button(for: .ordinaryTicket) == nil)
        kiosk.tap(.retry)
        kiosk.send(.issueFailed("k1-boot7-1", .unavailable))
        kiosk.tap(.back)
        #expect(kiosk.screen == .checkIn && kiosk.texts(containing: Self.code.display), "back keeps the typed code")
        kiosk.tap(.checkIn)
        #expect(kiosk.checkIns.map(\.requestID) == ["k1-boot7-1", "k1-boot7-1", "k1-boot7-1"])
        // A late answer for the request still lands.
        kiosk.send(.issued(TicketReceipt(requestID: "k1-boot7-1", number: "P015", peopleAhead: 1, expectedWaitSeconds: 60, printed: true)))
        #expect(kiosk.screen == .done)
    }

    /// Each refusal: the message in the citizen's language, and what the screen offers to do.
    static let refusals: [(IssueFailure, String, [KioskAction])] = [
        (.unknownBookingCode, "No appointment has this code. Please check the code, or take an ordinary ticket.", [.openCheckIn, .ordinaryTicket]),
        (.appointmentCancelled, "This appointment was cancelled. You can take an ordinary ticket.", [.ordinaryTicket]),
        (.checkInTooEarly(opensAt: TimeOfDay(hour: 9, minute: 5)),
         "Check-in for this appointment opens at 09:05. Please come back then, or take an ordinary ticket now.", [.ordinaryTicket]),
        (.checkInTooLate(closedAt: TimeOfDay(hour: 10, minute: 15), walkInService: "passport"),
         "Check-in for this appointment closed at 10:15. Please take an ordinary ticket.", [.ordinaryTicket]),
        (.checkInTooLate(closedAt: TimeOfDay(hour: 10, minute: 15), walkInService: nil),
         "Check-in for this appointment closed at 10:15. This service is by appointment only: please book a new appointment.", [.ordinaryTicket]),
        (.appointmentOnOtherDay(day: LocalDate(year: 2026, month: 11, day: 18), past: false),
         "Your appointment is on 18.11.2026, not today. Please check in on that day.", [.ordinaryTicket]),
        (.appointmentOnOtherDay(day: LocalDate(year: 2026, month: 1, day: 5), past: true),
         "Your appointment was on 05.01.2026. Please book a new appointment.", [.ordinaryTicket]),
        (.unavailable, "The queue did not answer. Please try again or ask a member of staff.", [.retry]),
    ]

    @Test(arguments: refusals)
    func aRefusalSaysWhyAndWhatToDo(_ failure: IssueFailure, _ message: String, _ offered: [KioskAction]) throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        kiosk.send(.issueFailed("someone-else", failure))
        #expect(kiosk.screen == .printing, "answers for other requests are ignored")
        kiosk.send(.issueFailed("k1-boot7-1", failure))
        #expect(kiosk.screen == .checkInFailure)
        let notice = try #require(kiosk.flow.screen.texts.first { $0.role == .notice })
        #expect(notice.text == message)
        #expect(kiosk.texts(containing: Self.code.display))
        let actions = kiosk.flow.screen.buttons.filter { $0.kind != .navigation }.map(\.action)
        #expect(actions == offered)
        #expect(kiosk.flow.nextDeadline == kiosk.now.adding(seconds: 60))
    }

    @Test func anOrdinaryTicketAfterALateCheckInGoesToTheWalkInService() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        kiosk.send(.issueFailed("k1-boot7-1", .checkInTooLate(closedAt: TimeOfDay(hour: 10, minute: 15), walkInService: "passport")))
        kiosk.tap(.ordinaryTicket)
        #expect(kiosk.screen == .confirm)
        #expect(kiosk.effects.contains(.requestEstimate("passport")))
        kiosk.tap(.takeTicket)
        #expect(kiosk.issues == [KioskTicketRequest(service: "passport", language: .en, requestID: "k1-boot7-2")])
    }

    @Test func anOrdinaryTicketOtherwiseOpensTheListAndAnUnknownCodeCanBeCorrected() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn(.az)
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        kiosk.send(.issueFailed("k1-boot7-1", .unknownBookingCode))
        #expect(kiosk.flow.screen.texts.contains { $0.text == "Bu kodla qəbul vaxtı tapılmadı. Kodu yoxlayın və ya adi bilet götürün." })
        kiosk.tap(.openCheckIn)
        #expect(kiosk.screen == .checkIn && kiosk.texts(containing: Self.code.display))
        kiosk.tap(.back)
        #expect(kiosk.screen == .categories)
        kiosk.tap(.openCheckIn)
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        kiosk.send(.issueFailed("k1-boot7-1", .appointmentCancelled))
        kiosk.tap(.ordinaryTicket)
        #expect(kiosk.screen == .categories)
        #expect(kiosk.flow.state.language == .az)
    }

    @Test func homeAndTimeoutEndTheVisitAndForgetTheCode() throws {
        var kiosk = try Kiosk()
        kiosk.goToCheckIn()
        kiosk.type("ACE")
        kiosk.tap(.toggleAccessible)
        #expect(kiosk.screen == .checkIn && kiosk.flow.screen.accessible && kiosk.texts(containing: "ACE_-____"))
        kiosk.tap(.home)
        #expect(kiosk.screen == .attract && kiosk.flow.state.language == nil && !kiosk.flow.state.accessible)
        kiosk.goToCheckIn()
        #expect(kiosk.texts(containing: "____-____"))
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        kiosk.send(.issueFailed("k1-boot7-1", .checkInTooEarly(opensAt: TimeOfDay(hour: 9))))
        kiosk.send(.tick, after: 60_000)
        #expect(kiosk.screen == .attract && kiosk.flow.state.checkInRequests.isEmpty)
        // A new visit gets a new request id for the same code.
        kiosk.goToCheckIn()
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        #expect(kiosk.checkIns.map(\.requestID) == ["k1-boot7-1", "k1-boot7-2"])
    }

    @Test func theAppointmentStepCanTakeTheTypedCodeInsteadOfTheScanner() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("appointment-migration")
        #expect(kiosk.screen == .appointment)
        kiosk.effects = []
        kiosk.tap(.openCheckIn)
        #expect(kiosk.screen == .checkIn)
        #expect(kiosk.effects.contains(.stopReaders))
        #expect(kiosk.flow.screen.button(for: .checkIn)?.label == "Continue")
        kiosk.tap(.back)
        #expect(kiosk.screen == .appointment)
        #expect(kiosk.effects.last(where: { if case .startReader = $0 { true } else { false } }) == .startReader(.appointmentCode))
        kiosk.tap(.openCheckIn)
        kiosk.send(.action(.letter("a")))
        kiosk.send(.action(.letter("O")))
        #expect(kiosk.texts(containing: "____-____"), "only the keypad's own keys are typed")
        kiosk.type(Self.code.rawValue)
        kiosk.tap(.checkIn)
        #expect(kiosk.screen == .confirm)
        #expect(kiosk.checkIns.isEmpty)
        kiosk.tap(.takeTicket)
        #expect(kiosk.issues == [KioskTicketRequest(service: "appointment-migration", language: .en, requestID: "k1-boot7-1",
                                                    credentials: [KioskCredential(kind: .appointmentCode, reference: Self.code.rawValue)])])
        // The scanner path still works as before.
        var scanned = try Kiosk()
        scanned.goToService("appointment-migration")
        scanned.send(.credential(KioskCredential(kind: .appointmentCode, reference: "ACEF-3479")))
        #expect(scanned.screen == .confirm)
    }

    @Test func aCentreWithoutCategoriesOffersCheckInOnTheFirstList() throws {
        var centre = try SampleCentre.load()
        for i in centre.services.indices { centre.services[i].categoryPath = [] }
        var kiosk = try Kiosk(centre: centre)
        kiosk.tap(.start)
        kiosk.tap(.chooseLanguage(.ru))
        #expect(kiosk.screen == .services)
        #expect(kiosk.flow.screen.button(for: .openCheckIn)?.label == "У меня есть запись")
        kiosk.tap(.openCheckIn)
        #expect(kiosk.screen == .checkIn)
        kiosk.tap(.back)
        #expect(kiosk.screen == .services)
        // With categories only the first screen has it, not the lists behind it.
        var withCategories = try Kiosk()
        withCategories.tap(.start)
        withCategories.tap(.chooseLanguage(.en))
        #expect(withCategories.flow.screen.button(for: .openCheckIn) != nil)
        withCategories.tap(.allServices)
        #expect(withCategories.flow.screen.button(for: .openCheckIn) == nil)
    }

    static let refusalMapping: [(QueueError, IssueFailure)] = [
        (.unknownBookingCode(code), .unknownBookingCode),
        (.appointmentCancelled(code), .appointmentCancelled),
        (.appointmentOnOtherDay(code, day: LocalDate(year: 2026, month: 11, day: 15), today: LocalDate(year: 2026, month: 11, day: 16)),
         .appointmentOnOtherDay(day: LocalDate(year: 2026, month: 11, day: 15), past: true)),
        (.appointmentOnOtherDay(code, day: LocalDate(year: 2026, month: 11, day: 17), today: LocalDate(year: 2026, month: 11, day: 16)),
         .appointmentOnOtherDay(day: LocalDate(year: 2026, month: 11, day: 17), past: false)),
        (.checkInTooEarly(code, appointmentTime: TimeOfDay(hour: 10), opensAt: Instant(seconds: 1), opensAtTime: TimeOfDay(hour: 9)),
         .checkInTooEarly(opensAt: TimeOfDay(hour: 9))),
        (.checkInTooLate(code, appointmentTime: TimeOfDay(hour: 10), closedAtTime: TimeOfDay(hour: 10, minute: 15), walkInService: "s"),
         .checkInTooLate(closedAt: TimeOfDay(hour: 10, minute: 15), walkInService: "s")),
        (.noAppointmentForPerson(today: LocalDate(year: 2026, month: 11, day: 16)), .noAppointmentForDocument),
        (.unknownService("x"), .credentialRefused),
        (.dailyCapReached("s", cap: 10), .serviceClosed),
    ]

    @Test(arguments: refusalMapping)
    func queueRefusalsMapToWhatTheScreenExplains(_ error: QueueError, _ failure: IssueFailure) {
        #expect(IssueFailure(refusal: error) == failure)
    }
}

extension Kiosk {
    /// Whether a text on the screen contains `part`.
    func texts(containing part: String) -> Bool { flow.screen.texts.contains { $0.text.contains(part) } }
}
