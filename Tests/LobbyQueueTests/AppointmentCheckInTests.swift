import LobbyQueue
import LobbyTestSupport
import Testing

/// One check-in attempt against the book of `CheckInTable.fixture`.
struct CheckInCase: Sendable, CustomTestStringConvertible {
    let name: String
    let hour: Int
    let minute: Int
    let code: BookingCode
    /// nil: a ticket is issued.
    let expected: QueueError?
    var testDescription: String { name }
}

@Suite("Appointment check-in", .tags(.unit))
struct CheckInTable {
    // The book, made at 08:00 on Monday 2026-11-16.
    static let onA = bookingCode(1)  // service a at 10:00 (centre window: 09:00 … 10:15)
    static let onlyAppt = bookingCode(2)  // appointment-only service at 10:00
    static let tomorrow = bookingCode(3)  // service a at 10:00 on Tuesday
    static let cancelled = bookingCode(4)  // service a at 10:00, cancelled
    static let onB = bookingCode(5)  // service b at 10:00 (own window: 09:50 … 10:05)
    static let unknown = bookingCode(6)  // never booked

    static func fixture() -> Harness {
        var h = Harness(appointmentCentre(), at: 8)
        try! h.book(onA, "a", at: Clock.local(10))
        try! h.book(onlyAppt, "appt", at: Clock.local(10))
        try! h.book(tomorrow, "a", at: Clock.local(10, days: 1))
        try! h.book(cancelled, "a", at: Clock.local(10))
        try! h.run(.cancelAppointment(code: cancelled))
        try! h.book(onB, "b", at: Clock.local(10))
        return h
    }

    static let ten = TimeOfDay(hour: 10)

    static let cases: [CheckInCase] = [
        CheckInCase(name: "on time", hour: 9, minute: 45, code: onA, expected: nil),
        CheckInCase(name: "first minute of the window", hour: 9, minute: 0, code: onA, expected: nil),
        CheckInCase(name: "last minute of the window (late but accepted)", hour: 10, minute: 15, code: onA, expected: nil),
        CheckInCase(name: "too early says from when", hour: 8, minute: 59, code: onA,
                    expected: .checkInTooEarly(onA, appointmentTime: ten, opensAt: Clock.local(9), opensAtTime: TimeOfDay(hour: 9))),
        CheckInCase(name: "too late suggests an ordinary ticket", hour: 10, minute: 16, code: onA,
                    expected: .checkInTooLate(onA, appointmentTime: ten, closedAtTime: TimeOfDay(hour: 10, minute: 15), walkInService: "a")),
        CheckInCase(name: "too late for an appointment-only service suggests a new booking", hour: 10, minute: 16, code: onlyAppt,
                    expected: .checkInTooLate(onlyAppt, appointmentTime: ten, closedAtTime: TimeOfDay(hour: 10, minute: 15), walkInService: nil)),
        CheckInCase(name: "wrong day", hour: 10, minute: 0, code: tomorrow,
                    expected: .appointmentOnOtherDay(tomorrow, day: LocalDate(year: 2026, month: 11, day: 17), today: Clock.monday)),
        CheckInCase(name: "cancelled", hour: 10, minute: 0, code: cancelled, expected: .appointmentCancelled(cancelled)),
        CheckInCase(name: "unknown booking code", hour: 10, minute: 0, code: unknown, expected: .unknownBookingCode(unknown)),
        CheckInCase(name: "service window override: too early", hour: 9, minute: 49, code: onB,
                    expected: .checkInTooEarly(onB, appointmentTime: ten, opensAt: Clock.local(9, 50), opensAtTime: TimeOfDay(hour: 9, minute: 50))),
        CheckInCase(name: "service window override: opens", hour: 9, minute: 50, code: onB, expected: nil),
        CheckInCase(name: "service window override: too late", hour: 10, minute: 6, code: onB,
                    expected: .checkInTooLate(onB, appointmentTime: ten, closedAtTime: TimeOfDay(hour: 10, minute: 5), walkInService: "b")),
    ]

    @Test("check-in outcomes", arguments: cases)
    func table(_ c: CheckInCase) throws {
        var h = Self.fixture()
        h.set(c.hour, c.minute)
        let before = h.state
        if let expected = c.expected {
            expectError(expected) { try h.checkIn(c.code) }
            #expect(h.state.tickets == before.tickets)
            #expect(h.state.appointments == before.appointments)
            #expect(!expected.description.isEmpty)
            return
        }
        let result = try h.checkIn(c.code, language: .ru)
        guard case .ticket(let id) = result.outcome else {
            Issue.record("expected a new ticket, got \(result.outcome)")
            return
        }
        let a = h.appointment(c.code)!
        let t = h.ticket(id)
        #expect(a.state == .checkedIn)
        #expect(a.ticket == id)
        #expect(a.checkedInAt == h.now)
        #expect(t.appointmentAt == a.at)
        #expect(t.service == a.service)
        #expect(t.language == .ru)
        #expect(t.state == .waiting)
        #expect(h.state.lines[a.service] == [id])
        #expect(result.record?.events == [
            .ticketIssued(IssuedTicket(id: id, number: t.number, day: Clock.monday,
                                       request: TicketRequest(service: a.service, language: .ru, appointmentAt: a.at))),
            .appointmentCheckedIn(c.code, ticket: id),
        ])
    }

    @Test("error messages name the code, the times and what to do")
    func messages() {
        let early = QueueError.checkInTooEarly(Self.onA, appointmentTime: Self.ten, opensAt: Clock.local(9), opensAtTime: TimeOfDay(hour: 9))
        #expect(early.description == "check-in for appointment \(Self.onA.display) at 10:00 opens at 09:00; please come back then")
        #expect(early.code == "check-in-too-early")
        let late = QueueError.checkInTooLate(Self.onA, appointmentTime: Self.ten, closedAtTime: TimeOfDay(hour: 10, minute: 15), walkInService: "a")
        #expect(late.description.contains("closed at 10:15"))
        #expect(late.description.contains("take an ordinary ticket for service 'a'"))
        let lateOnly = QueueError.checkInTooLate(Self.onA, appointmentTime: Self.ten, closedAtTime: Self.ten, walkInService: nil)
        #expect(lateOnly.description.contains("book a new appointment"))
        #expect(QueueError.unknownBookingCode(Self.unknown).isNotFound)
        #expect(QueueError.noAppointmentForPerson(today: Clock.monday).isNotFound)
        #expect(!QueueError.noAppointmentForPerson(today: Clock.monday).description.contains(person(1).rawValue))
        let past = QueueError.appointmentOnOtherDay(Self.onA, day: LocalDate(year: 2026, month: 11, day: 15), today: Clock.monday)
        #expect(past.description.contains("was on 2026-11-15"))
        #expect(past.code == "appointment-wrong-day")
    }

    @Test("a second check-in returns the same ticket (reprint), never a second one")
    func reprint() throws {
        var h = Self.fixture()
        h.set(9, 30)
        let first = try h.checkIn(Self.onA)
        let id = first.outcome.ticket!
        h.set(9, 31)
        let again = try h.checkIn(Self.onA)  // a new request id: a second visit to the kiosk
        #expect(again.outcome == .existingTicket(id))
        #expect(again.record?.events == [])
        let retry = try h.checkIn(Self.onA, id: "kiosk-tap")
        let retried = try h.checkIn(Self.onA, id: "kiosk-tap")  // the same request id: a retry
        #expect(retry.outcome == .existingTicket(id))
        #expect(retried.isRepeat)
        // Even after service, and even past the window, the appointment gives back its ticket.
        h.openWindow(1)
        h.set(10, 0)
        #expect(try h.callNext(1) == id)
        try h.run(.finishService(window: 1))
        h.set(11, 0)
        #expect(try h.checkIn(Self.onA).outcome == .existingTicket(id))
        #expect(h.state.tickets.values.filter { $0.appointmentAt != nil }.count == 1)
    }

    @Test("a person's check-in picks the right appointment of the day")
    func personRule() throws {
        var h = Harness(appointmentCentre(), at: 8)
        let p = person(1)
        let a10 = bookingCode(10), b11 = bookingCode(11), c14 = bookingCode(12), d = bookingCode(13), other = bookingCode(14)
        try h.book(a10, "a", at: Clock.local(10), person: p)
        try h.book(b11, "b", at: Clock.local(11), person: p)  // b: 10:50 … 11:05
        try h.book(c14, "a", at: Clock.local(14), person: p)
        try h.book(d, "a", at: Clock.local(10, days: 1), person: p)
        try h.book(other, "a", at: Clock.local(10), person: person(2))
        try h.run(.cancelAppointment(code: c14))
        h.openWindow(1)

        // The earliest appointment whose window has not closed: 10:00, not open yet.
        h.set(8, 30)
        expectError(.checkInTooEarly(a10, appointmentTime: TimeOfDay(hour: 10), opensAt: Clock.local(9), opensAtTime: TimeOfDay(hour: 9))) {
            try h.checkIn(person: p)
        }
        h.set(9, 30)
        let ticketA = try h.checkIn(person: p).outcome.ticket!
        #expect(h.appointment(a10)?.ticket == ticketA)
        // Its ticket is open: the document gives it back, even once the 11:00 window has opened.
        h.set(10, 55)
        #expect(try h.checkIn(person: p).outcome == .existingTicket(ticketA))
        // Once served, the next appointment of the day is checked in.
        #expect(try h.callNext(1) == ticketA)
        try h.run(.finishService(window: 1))
        let ticketB = try h.checkIn(person: p).outcome.ticket!
        #expect(h.appointment(b11)?.ticket == ticketB)
        #expect(ticketB != ticketA)
        h.set(11, 0)
        #expect(try h.callNext(1) == ticketB)
        try h.run(.finishService(window: 1))
        // Everything of today is checked in and finished: the latest one is given back.
        h.set(12, 0)
        #expect(try h.checkIn(person: p).outcome == .existingTicket(ticketB))
        #expect(h.appointment(other)?.state == .booked)  // someone else's appointment is untouched
        expectError(.noAppointmentForPerson(today: Clock.monday)) { try h.checkIn(person: person(3)) }
    }

    @Test("a person's check-in: too late, cancelled and wrong day are told precisely")
    func personErrors() throws {
        var h = Harness(appointmentCentre(), at: 8)
        let late = person(4), cancelledOnly = person(5), tomorrowOnly = person(6)
        let l = bookingCode(20), c = bookingCode(21), t = bookingCode(22), t2 = bookingCode(23)
        try h.book(l, "a", at: Clock.local(9), person: late)
        try h.book(c, "a", at: Clock.local(10), person: cancelledOnly)
        try h.run(.cancelAppointment(code: c))
        try h.book(t, "a", at: Clock.local(10, days: 2), person: tomorrowOnly)
        try h.book(t2, "a", at: Clock.local(9, days: 1), person: tomorrowOnly)
        h.set(9, 20)
        expectError(.checkInTooLate(l, appointmentTime: TimeOfDay(hour: 9), closedAtTime: TimeOfDay(hour: 9, minute: 15), walkInService: "a")) {
            try h.checkIn(person: late)
        }
        expectError(.appointmentCancelled(c)) { try h.checkIn(person: cancelledOnly) }
        expectError(.appointmentOnOtherDay(t2, day: LocalDate(year: 2026, month: 11, day: 17), today: Clock.monday)) {
            try h.checkIn(person: tomorrowOnly)
        }
    }

    @Test("check-in by code carries the booked person key onto the ticket; one ticket per person and service still holds")
    func personKeyOnTicket() throws {
        var h = Harness(appointmentCentre(), at: 9, 30)
        let p = person(7)
        let code = bookingCode(30)
        try h.book(code, "a", at: Clock.local(10), person: p)
        let id = try h.checkIn(code).outcome.ticket!
        #expect(h.ticket(id).personKey == p)
        // The same citizen asking for an ordinary ticket of the same service gets the appointment's ticket.
        let walkIn = try h.run(.issueTicket(TicketRequest(service: "a", personKey: p)))
        #expect(walkIn.outcome == .existingTicket(id))
        #expect(h.state.appointment(forTicket: id)?.code == code)
    }
}
