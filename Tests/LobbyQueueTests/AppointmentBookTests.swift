import LobbyQueue
import LobbyTestSupport
import Testing

/// One booking attempt at 12:00 on Monday 2026-11-16 (centre open Monday and Tuesday 09:00–18:00,
/// closed on Monday 2026-11-23).
struct BookingCase: Sendable, CustomTestStringConvertible {
    let name: String
    let booking: AppointmentBooking
    let expected: QueueError?
    var testDescription: String { name }
}

@Suite("Appointment book", .tags(.unit))
struct AppointmentBookTests {
    static func centre() -> CentreConfiguration {
        var c = appointmentCentre()
        let hours = [OpeningInterval(opens: TimeOfDay(hour: 9), closes: TimeOfDay(hour: 18))]
        c.openingHours = [.monday: hours, .tuesday: hours]
        c.closedDays = [LocalDate(year: 2026, month: 11, day: 23)]
        return c
    }

    static let taken = bookingCode(100)
    static let k = bookingCode(101)

    static let cases: [BookingCase] = [
        BookingCase(name: "later today", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(15)), expected: nil),
        BookingCase(name: "tomorrow, with a person key", booking: AppointmentBooking(code: k, service: "b", at: Clock.local(9, days: 1), personKey: person(1)), expected: nil),
        BookingCase(name: "a moment ago, check-in still open", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(11, 50)), expected: nil),
        BookingCase(name: "earlier today, check-in closed", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(11, 44)),
                    expected: .appointmentInPast(k, day: Clock.monday, time: TimeOfDay(hour: 11, minute: 44))),
        BookingCase(name: "yesterday", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(23, 59, days: -1)),
                    expected: .appointmentInPast(k, day: LocalDate(year: 2026, month: 11, day: 15), time: TimeOfDay(hour: 23, minute: 59))),
        BookingCase(name: "after closing time", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(18)),
                    expected: .appointmentOutsideOpeningHours(k, day: Clock.monday, time: TimeOfDay(hour: 18))),
        BookingCase(name: "a weekday without hours", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(10, days: 2)),
                    expected: .appointmentOutsideOpeningHours(k, day: LocalDate(year: 2026, month: 11, day: 18), time: TimeOfDay(hour: 10))),
        BookingCase(name: "a closed day", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(10, days: 7)),
                    expected: .appointmentOutsideOpeningHours(k, day: LocalDate(year: 2026, month: 11, day: 23), time: TimeOfDay(hour: 10))),
        BookingCase(name: "a Monday almost two years ahead", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(10, days: 728)), expected: nil),
        BookingCase(name: "a Monday more than two years ahead", booking: AppointmentBooking(code: k, service: "a", at: Clock.local(10, days: 735)),
                    expected: .appointmentTooFarAhead(k, day: LocalDate(year: 2028, month: 11, day: 20), latest: LocalDate(year: 2028, month: 11, day: 15))),
        BookingCase(name: "unknown service", booking: AppointmentBooking(code: k, service: "nope", at: Clock.local(15)), expected: .unknownService("nope")),
        BookingCase(name: "ID-document service without a person key", booking: AppointmentBooking(code: k, service: "idsvc", at: Clock.local(15)),
                    expected: .idDocumentRequired("idsvc")),
        BookingCase(name: "code already used", booking: AppointmentBooking(code: taken, service: "b", at: Clock.local(15)),
                    expected: .bookingCodeInUse(taken)),
    ]

    static func fixture() -> Harness {
        var h = Harness(centre(), at: 12)
        try! h.book(taken, "a", at: Clock.local(16))
        return h
    }

    @Test("booking outcomes", arguments: cases)
    func booking(_ c: BookingCase) throws {
        var h = Self.fixture()
        let before = h.state.appointments
        guard let expected = c.expected else {
            let r = try h.run(.bookAppointment(c.booking))
            #expect(r.outcome == .appointment(c.booking.code))
            let a = h.appointment(c.booking.code)!
            #expect(a.state == .booked)
            #expect(a.at == c.booking.at)
            #expect(a.day == Clock.calendar.localDate(at: c.booking.at))
            #expect(a.personKey == c.booking.personKey)
            #expect(a.bookedAt == h.now)
            return
        }
        expectError(expected) { try h.run(.bookAppointment(c.booking)) }
        #expect(h.state.appointments == before)
    }

    @Test("an identical booking sent again changes nothing; cancelling twice is harmless")
    func repeats() throws {
        var h = Self.fixture()
        let again = try h.book(Self.taken, "a", at: Clock.local(16))
        #expect(again.outcome == .appointment(Self.taken))
        #expect(again.record?.events == [])
        let first = try h.run(.cancelAppointment(code: Self.taken))
        #expect(first.record?.events == [.appointmentCancelled(Self.taken)])
        let second = try h.run(.cancelAppointment(code: Self.taken))
        #expect(second.record?.events == [])
        #expect(h.appointment(Self.taken)?.state == .cancelled)
        // A cancelled appointment keeps its code for the day: it cannot be booked over or moved.
        expectError(.bookingCodeInUse(Self.taken)) { try h.book(Self.taken, "a", at: Clock.local(16)) }
        expectError(.appointmentCancelled(Self.taken)) { try h.run(.rescheduleAppointment(code: Self.taken, at: Clock.local(17))) }
        expectError(.unknownBookingCode(Self.k)) { try h.run(.cancelAppointment(code: Self.k)) }
    }

    @Test("rescheduling moves the check-in window; a checked-in appointment can no longer move or be cancelled")
    func reschedule() throws {
        var h = Self.fixture()
        try h.run(.rescheduleAppointment(code: Self.taken, at: Clock.local(10, days: 1)))
        #expect(h.appointment(Self.taken)?.day == LocalDate(year: 2026, month: 11, day: 17))
        h.set(15, 30)
        expectError(.appointmentOnOtherDay(Self.taken, day: LocalDate(year: 2026, month: 11, day: 17), today: Clock.monday)) { try h.checkIn(Self.taken) }
        try h.run(.rescheduleAppointment(code: Self.taken, at: Clock.local(16)))
        let same = try h.run(.rescheduleAppointment(code: Self.taken, at: Clock.local(16)))
        #expect(same.record?.events == [])
        expectError(.appointmentOutsideOpeningHours(Self.taken, day: Clock.monday, time: TimeOfDay(hour: 19))) {
            try h.run(.rescheduleAppointment(code: Self.taken, at: Clock.local(19)))
        }
        let id = try h.checkIn(Self.taken).outcome.ticket!
        let number = h.ticket(id).number
        expectError(.appointmentCheckedIn(Self.taken, ticket: number)) { try h.run(.cancelAppointment(code: Self.taken)) }
        expectError(.appointmentCheckedIn(Self.taken, ticket: number)) { try h.run(.rescheduleAppointment(code: Self.taken, at: Clock.local(17))) }
    }

    @Test("check-in windows out of range are refused at start-up, naming the field")
    func configuration() {
        var c = appointmentCentre()
        c.checkInWindow = CheckInWindow(opensBeforeSeconds: -1, closesAfterSeconds: 900)
        #expect(throws: ConfigurationError(field: "centre.appointments.checkInWindow.opensBeforeSeconds", message: "must be 0 to 86400 seconds, got -1")) {
            _ = try QueueEngine(configuration: c)
        }
        var d = appointmentCentre()
        d.services[0].checkInWindow = CheckInWindow(opensBeforeSeconds: 60, closesAfterSeconds: 90_000)
        #expect(throws: ConfigurationError(field: "services.a.checkInWindow.closesAfterSeconds", message: "must be 0 to 86400 seconds, got 90000")) {
            _ = try QueueEngine(configuration: d)
        }
    }
}
