/// The appointment book's part of the state fold, and lookups over it.
extension QueueState {
    /// The appointments of a person (by keyed hash) in the book, earliest first.
    public func appointments(of person: PersonKey) -> [Appointment] {
        appointments.values.filter { $0.personKey == person }.sorted { ($0.at, $0.code) < ($1.at, $1.code) }
    }

    /// The appointment whose check-in issued `ticket`, if any.
    public func appointment(forTicket ticket: TicketID) -> Appointment? {
        guard tickets[ticket]?.appointmentAt != nil else { return nil }
        return appointments.values.first { $0.ticket == ticket }
    }

    /// The most recent past-day record of a booking code, if it is still within the retention period.
    public func pastAppointment(_ code: BookingCode) -> AppointmentRecord? {
        appointmentHistory.last { $0.code == code }
    }

    /// Applies an appointment event.
    mutating func applyAppointment(_ event: QueueEvent, at now: Instant) {
        switch event {
        case .appointmentBooked(let booking, let day):
            appointments[booking.code] = Appointment(
                code: booking.code, service: booking.service, at: booking.at, day: day, personKey: booking.personKey, bookedAt: now)
        case .appointmentCancelled(let code):
            appointments[code]?.state = .cancelled
        case .appointmentRescheduled(let code, let at, let day):
            appointments[code]?.at = at
            appointments[code]?.day = day
        case .appointmentCheckedIn(let code, let ticket):
            appointments[code]?.state = .checkedIn
            appointments[code]?.checkedInAt = now
            appointments[code]?.ticket = ticket
        default:
            return
        }
    }

    /// At a day change: appointments of days before `newDay` leave the book. Booked ones count as
    /// missed; all become compact records without the person key. Records of days before
    /// `keepFrom` are dropped. Runs while the old day's tickets are still in `tickets`.
    mutating func closeAppointments(before newDay: LocalDate, keepFrom: LocalDate) {
        let ended = appointments.values.filter { $0.day < newDay }.sorted { ($0.day, $0.at, $0.code) < ($1.day, $1.at, $1.code) }
        for var a in ended {
            appointments[a.code] = nil
            if a.state == .booked { a.state = .missed }
            appointmentHistory.append(AppointmentRecord(a, ticket: a.ticket.flatMap { tickets[$0] }))
        }
        if let firstKept = appointmentHistory.firstIndex(where: { $0.day >= keepFrom }) {
            appointmentHistory.removeFirst(firstKept)
        } else {
            appointmentHistory.removeAll()
        }
    }
}
