import LobbyQueue
import Testing

/// Helpers for appointment tests. Times are local times in Asia/Baku on Monday 2026-11-16
/// (`days` moves to later days).
enum Clock {
    static let calendar = ServiceCalendar(timeZoneIdentifier: "Asia/Baku")!
    static let monday = LocalDate(year: 2026, month: 11, day: 16)

    /// The instant of a local time on Monday 2026-11-16 plus `days`.
    static func local(_ hour: Int, _ minute: Int = 0, days: Int = 0) -> Instant {
        calendar.instant(of: LocalDate(year: 2026, month: 11, day: 16 + days), at: TimeOfDay(hour: hour, minute: minute))
    }
}

/// A synthetic booking code (valid, with its check character).
func bookingCode(_ k: UInt64) -> BookingCode { BookingCode(payload: 40_000 + k * 7_919) }

/// A synthetic person key (not the hash of any real number).
func person(_ k: Int) -> PersonKey { PersonKey(String(repeating: "c3", count: 31) + String(k % 10) + "e") }

extension Harness {
    /// A harness whose clock shows a local time on Monday 2026-11-16.
    init(_ configuration: CentreConfiguration, at hour: Int, _ minute: Int = 0) {
        self.init(configuration, now: Clock.local(hour, minute))
    }

    /// Moves the clock to a local time (Monday 2026-11-16 plus `days`).
    mutating func set(_ hour: Int, _ minute: Int = 0, days: Int = 0) { now = Clock.local(hour, minute, days: days) }

    /// Books an appointment.
    @discardableResult
    mutating func book(_ code: BookingCode, _ service: ServiceID, at: Instant, person: PersonKey? = nil) throws(QueueError) -> CommandResult {
        try run(.bookAppointment(AppointmentBooking(code: code, service: service, at: at, personKey: person)))
    }

    /// Checks in by booking code.
    @discardableResult
    mutating func checkIn(_ code: BookingCode, language: Language = .az, id: String? = nil) throws(QueueError) -> CommandResult {
        try run(.checkIn(AppointmentCheckIn(.bookingCode(code), language: language)), id: id)
    }

    /// Checks in with an ID document (its person key).
    @discardableResult
    mutating func checkIn(person: PersonKey) throws(QueueError) -> CommandResult {
        try run(.checkIn(AppointmentCheckIn(.person(person))))
    }

    /// The appointment with `code` in the book.
    func appointment(_ code: BookingCode) -> Appointment? { engine.state.appointments[code] }
}

/// The small centre of `Harness.swift`, with service b checking in from 10 min before to 5 min after.
func appointmentCentre() -> CentreConfiguration {
    var c = smallCentre()
    let b = c.services.firstIndex { $0.id == "b" }!
    c.services[b].checkInWindow = CheckInWindow(opensBeforeSeconds: 600, closesAfterSeconds: 300)
    return c
}
