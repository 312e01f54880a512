import LobbyQueue
import LobbyTestSupport
import Testing

/// Where checked-in appointments go among walk-ins (Docs/Appointments.md, "Call order").
@Suite("Appointment tickets among walk-ins", .tags(.unit))
struct AppointmentOrderingTests {
    @Test("early check-in: not called before its time, then before every walk-in")
    func early() throws {
        var h = Harness(appointmentCentre(), at: 9)
        h.openWindow(3)  // a, b, c, appt
        let code = bookingCode(1)
        try h.book(code, "a", at: Clock.local(10))
        let w1 = try h.issue("a")
        h.set(9, 20)
        let appt = try h.checkIn(code).outcome.ticket!
        h.set(9, 30)
        let w2 = try h.issue("b")
        h.set(9, 40)
        #expect(try h.callNext(3) == w1)
        try h.run(.finishService(window: 3))
        h.set(9, 50)
        #expect(try h.callNext(3) == w2)  // the appointment waits for its time even with the window idle
        try h.run(.finishService(window: 3))
        let w3 = try h.issue("a")
        h.set(9, 59)
        #expect(try h.callNext(3) == w3)
        try h.run(.finishService(window: 3))
        let w4 = try h.issue("a")
        h.set(10, 0)
        #expect(try h.callNext(3) == appt)  // due: ahead of w4, which has waited a minute
        try h.run(.finishService(window: 3))
        #expect(try h.callNext(3) == w4)
    }

    @Test("on time: at its time it goes ahead of walk-ins that waited long and of priority tickets")
    func onTime() throws {
        var h = Harness(appointmentCentre(), at: 9)
        h.openWindow(2)  // b only
        let code = bookingCode(2)
        try h.book(code, "b", at: Clock.local(10))  // b checks in from 09:50
        let walkIn = try h.issue("b")
        h.set(9, 59)
        let disabled = try h.issue("b", priority: "disabled")
        h.set(10, 0)
        let appt = try h.checkIn(code).outcome.ticket!
        #expect(try h.callNext(2) == appt)
        try h.run(.finishService(window: 2))
        #expect(try h.callNext(2) == disabled)
        try h.run(.finishService(window: 2))
        #expect(try h.callNext(2) == walkIn)
    }

    @Test("late check-in: still before walk-ins, but after appointments that were on time")
    func late() throws {
        var h = Harness(appointmentCentre(), at: 9)
        h.openWindow(1)  // a:3, b:1
        let lateCode = bookingCode(3), onTimeCode = bookingCode(4)
        try h.book(lateCode, "a", at: Clock.local(10))
        try h.book(onTimeCode, "a", at: Clock.local(10, 5))
        let walkIn = try h.issue("a")
        h.set(9, 50)
        let onTime = try h.checkIn(onTimeCode).outcome.ticket!
        h.set(10, 10)
        let late = try h.checkIn(lateCode).outcome.ticket!  // 10 minutes late, within the 15 allowed
        h.set(10, 12)
        // Due since 10:05 (on time) vs since 10:10 (late arrival): the punctual citizen goes first,
        // although the late citizen's appointment time is earlier.
        #expect(try h.callNext(1) == onTime)
        try h.run(.finishService(window: 1))
        #expect(try h.callNext(1) == late)
        try h.run(.finishService(window: 1))
        #expect(try h.callNext(1) == walkIn)
    }

    @Test("two due appointments with the same due time: the earlier appointment, then the lower id")
    func ties() throws {
        var h = Harness(appointmentCentre(), at: 9)
        h.openWindow(3)
        let c1 = bookingCode(5), c2 = bookingCode(6), c3 = bookingCode(7)
        try h.book(c1, "a", at: Clock.local(10, 5))
        try h.book(c2, "c", at: Clock.local(10))
        try h.book(c3, "a", at: Clock.local(10))
        h.set(10, 5)
        let t1 = try h.checkIn(c1).outcome.ticket!  // due 10:05
        let t2 = try h.checkIn(c2).outcome.ticket!  // due 10:05 (late), appointment 10:00
        let t3 = try h.checkIn(c3).outcome.ticket!  // due 10:05 (late), appointment 10:00, higher id
        var order: [TicketID] = []
        for _ in 0..<3 {
            order.append(try h.callNext(3))
            try h.run(.finishService(window: 3))
        }
        #expect(order == [t2, t3, t1])
    }

    @Test("a due appointment is called by exactly one window, and only by windows serving its service")
    func oneWindow() throws {
        var h = Harness(appointmentCentre(), at: 9, 55)
        h.openWindow(1)
        h.openWindow(2)
        h.openWindow(3)
        let code = bookingCode(8)
        try h.book(code, "appt", at: Clock.local(10))
        let appt = try h.checkIn(code).outcome.ticket!
        h.set(10, 0)
        expectError(.queueEmpty(1)) { try h.run(.callNext(window: 1)) }  // window 1 does not serve "appt"
        #expect(try h.callNext(3) == appt)
        expectError(.queueEmpty(2)) { try h.run(.callNext(window: 2)) }
    }

    @Test("a refused late citizen takes an ordinary ticket and queues as a walk-in")
    func refusedLate() throws {
        var h = Harness(appointmentCentre(), at: 9)
        h.openWindow(2)
        let code = bookingCode(9)
        try h.book(code, "b", at: Clock.local(10))
        let early = try h.issue("b")
        h.set(10, 6)
        expectError(.checkInTooLate(code, appointmentTime: TimeOfDay(hour: 10), closedAtTime: TimeOfDay(hour: 10, minute: 5), walkInService: "b")) {
            try h.checkIn(code)
        }
        let walkIn = try h.issue("b")
        #expect(h.ticket(walkIn).appointmentAt == nil)
        #expect(try h.callNext(2) == early)
        try h.run(.finishService(window: 2))
        #expect(try h.callNext(2) == walkIn)
        #expect(h.appointment(code)?.state == .booked)  // counted as missed when the day ends
    }
}
