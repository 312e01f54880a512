import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Appointments across days, statistics and replay", .tags(.unit))
struct AppointmentDayTests {
    /// A day of appointments: one on time, one late, one missed, one cancelled, one for tomorrow.
    static func day() throws -> (Harness, [BookingCode]) {
        var config = appointmentCentre()
        config.retentionDays = 2
        var h = Harness(config, at: 8)
        h.openWindow(1)
        let onTime = bookingCode(1), late = bookingCode(2), missed = bookingCode(3), cancelled = bookingCode(4), tomorrow = bookingCode(5)
        try h.book(onTime, "a", at: Clock.local(10), person: person(1))
        try h.book(late, "a", at: Clock.local(11), person: person(2))
        try h.book(missed, "b", at: Clock.local(12), person: person(3))
        try h.book(cancelled, "a", at: Clock.local(13))
        try h.book(tomorrow, "a", at: Clock.local(10, days: 1), person: person(1))
        try h.run(.cancelAppointment(code: cancelled))
        h.set(9, 40)
        try h.checkIn(onTime)
        h.set(10, 3)
        _ = try h.callNext(1)  // called 3 minutes after its time
        try h.run(.finishService(window: 1))
        h.set(11, 10)
        try h.checkIn(late)
        h.set(11, 30)
        _ = try h.callNext(1)  // called 20 minutes after the late check-in
        try h.run(.finishService(window: 1))
        return (h, [onTime, late, missed, cancelled, tomorrow])
    }

    @Test("at the day boundary the day's appointments leave the book without their person keys")
    func expiry() throws {
        var (h, codes) = try Self.day()
        h.set(8, 0, days: 1)
        _ = try h.issue("a")  // the first command of Tuesday
        #expect(Set(h.state.appointments.keys) == [codes[4]])
        #expect(h.appointment(codes[4])?.personKey == person(1))
        let past = h.state.appointmentHistory
        #expect(past.map(\.code) == Array(codes.prefix(4)))
        #expect(past.map(\.state) == [.checkedIn, .checkedIn, .missed, .cancelled])
        #expect(past.allSatisfy { $0.day == Clock.monday })
        // An old code gets a precise answer, not "unknown".
        expectError(.appointmentOnOtherDay(codes[2], day: Clock.monday, today: LocalDate(year: 2026, month: 11, day: 17))) {
            try h.checkIn(codes[2])
        }
        // A code of a past day may be booked again.
        try h.book(codes[0], "a", at: Clock.local(15, days: 1))
        #expect(h.appointment(codes[0])?.state == .booked)
        // Records older than the retention period (2 days) are dropped.
        h.set(8, 0, days: 3)
        _ = try h.issue("a")
        #expect(h.state.appointmentHistory.allSatisfy { $0.day >= LocalDate(year: 2026, month: 11, day: 17) })
        #expect(h.state.appointmentHistory.map(\.state).contains(.missed))  // Tuesday's re-booked code, never checked in
        h.set(8, 0, days: 6)
        _ = try h.issue("a")
        #expect(h.state.appointmentHistory.isEmpty)
        expectError(.unknownBookingCode(codes[2])) { try h.checkIn(codes[2]) }
    }

    @Test("statistics: on time, late, missed, cancelled, pending and the call delay")
    func statistics() throws {
        var (h, _) = try Self.day()
        let today = AppointmentStatistics.compute(state: h.state, from: Clock.monday, to: Clock.monday)
        #expect(today.overall.booked == 4)
        #expect(today.overall.checkedInOnTime == 1)
        #expect(today.overall.checkedInLate == 1)
        #expect(today.overall.cancelled == 1)
        #expect(today.overall.pending == 1)  // 12:00 is still booked while the day runs
        #expect(today.overall.missed == 0)
        #expect(today.overall.callDelay.count == 2)
        #expect(today.overall.callDelay.max == 20 * 60)
        #expect(today.overall.callDelay.p50 == 3 * 60)
        #expect(today.byService["b"]?.pending == 1)
        h.set(8, 0, days: 1)
        _ = try h.issue("a")
        let after = AppointmentStatistics.compute(state: h.state, from: Clock.monday, to: Clock.monday)
        #expect(after.overall.missed == 1)
        #expect(after.overall.pending == 0)
        #expect(after.overall.callDelay == today.overall.callDelay)
        let both = AppointmentStatistics.compute(state: h.state, from: Clock.monday, to: LocalDate(year: 2026, month: 11, day: 17))
        #expect(both.overall.booked == 5)
    }

    @Test("replaying the journal (through the binary codec) rebuilds the same book, tickets and history")
    func replay() throws {
        var h = Harness(appointmentCentre(), at: 8)
        var records: [JournalRecord] = []
        func run(_ command: QueueCommand) {
            if let r = try? h.run(command), let rec = r.record { records.append(rec) }
        }
        run(.setWindowState(window: 1, state: .open))
        run(.signIn(window: 1, operator: "op1"))
        for k in 0..<6 {
            run(.bookAppointment(AppointmentBooking(code: bookingCode(UInt64(k)), service: k % 2 == 0 ? "a" : "b",
                                                    at: Clock.local(9 + k), personKey: k < 3 ? person(k) : nil)))
        }
        run(.bookAppointment(AppointmentBooking(code: bookingCode(9), service: "a", at: Clock.local(9, days: 1), personKey: person(0))))
        run(.rescheduleAppointment(code: bookingCode(4), at: Clock.local(14, 30)))
        run(.cancelAppointment(code: bookingCode(5)))
        for hour in 8...15 {
            h.set(hour, 55)
            run(.checkIn(AppointmentCheckIn(.bookingCode(bookingCode(UInt64(hour - 8))), language: .en)))
            run(.checkIn(AppointmentCheckIn(.person(person(hour % 3)))))
            run(.issueTicket(TicketRequest(service: "a")))
            h.set(hour + 1, 5)
            run(.callNext(window: 1))
            run(.finishService(window: 1))
        }
        h.set(9, 0, days: 1)
        run(.checkIn(AppointmentCheckIn(.person(person(0)))))
        #expect(records.contains { $0.command.isAppointmentCommand && !$0.events.isEmpty })
        #expect(!h.state.appointmentHistory.isEmpty)
        var replayed = try QueueEngine(configuration: appointmentCentre())
        for r in records { try replayed.replay(RecordCodec.decode(RecordCodec.encode(r))) }
        #expect(replayed.state == h.state)
        #expect(replayed.state.appointments == h.state.appointments)
    }
}
