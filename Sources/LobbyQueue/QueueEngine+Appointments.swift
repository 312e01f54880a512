/// Decisions of the appointment book: booking, cancelling, moving and checking in. The rules are
/// documented in `Docs/Appointments.md`.
extension QueueEngine {
    /// Books an appointment. Repeating an identical booking (same code, service, time and
    /// person) changes nothing and succeeds, so a booking system may retry with a new request id.
    func decideBooking(_ b: AppointmentBooking, now: Instant) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        if let existing = state.appointments[b.code] {
            if existing.state == .booked, existing.service == b.service, existing.at == b.at, existing.personKey == b.personKey {
                return (.appointment(b.code), [])
            }
            throw .bookingCodeInUse(b.code)
        }
        guard let service = configuration.service(b.service) else { throw .unknownService(b.service) }
        if service.requiresIDDocument && b.personKey == nil { throw .idDocumentRequired(service.id) }
        let day = try validateTime(b.at, code: b.code, service: service.id, now: now)
        return (.appointment(b.code), [.appointmentBooked(b, day: day)])
    }

    /// Withdraws a booked appointment; cancelling a cancelled one again changes nothing.
    func decideCancelAppointment(_ code: BookingCode) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        let a = try bookedOrCancelled(code)
        return (.appointment(code), a.state == .cancelled ? [] : [.appointmentCancelled(code)])
    }

    /// Moves a booked appointment to another time (same rules as a booking).
    func decideReschedule(_ code: BookingCode, to at: Instant, now: Instant) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        let a = try bookedOrCancelled(code)
        guard a.state == .booked else { throw .appointmentCancelled(code) }
        if a.at == at { return (.appointment(code), []) }
        let day = try validateTime(at, code: code, service: a.service, now: now)
        return (.appointment(code), [.appointmentRescheduled(code, at: at, day: day)])
    }

    /// Checks a citizen in: issues the appointment's ticket, or returns the one issued before.
    func decideCheckIn(_ c: AppointmentCheckIn, now: Instant) throws(QueueError) -> (CommandOutcome, [QueueEvent]) {
        let today = state.day!
        let a: Appointment
        switch c.lookup {
        case .bookingCode(let code):
            guard let found = state.appointments[code] else {
                if let past = state.pastAppointment(code) { throw .appointmentOnOtherDay(code, day: past.day, today: today) }
                throw .unknownBookingCode(code)
            }
            a = found
        case .person(let person):
            guard let found = selectAppointment(of: person, today: today, now: now) else { throw .noAppointmentForPerson(today: today) }
            a = found
        }
        switch a.state {
        case .cancelled: throw .appointmentCancelled(a.code)
        case .missed: throw .appointmentOnOtherDay(a.code, day: a.day, today: today)  // only in the history, never in the book
        case .checkedIn: return (.existingTicket(a.ticket!), [])
        case .booked: break
        }
        guard a.day == today else { throw .appointmentOnOtherDay(a.code, day: a.day, today: today) }
        let window = configuration.checkInWindow(for: a.service)
        let opens = window.opens(for: a.at)
        guard now >= opens else {
            throw .checkInTooEarly(a.code, appointmentTime: calendar.timeOfDay(at: a.at), opensAt: opens, opensAtTime: calendar.timeOfDay(at: opens))
        }
        guard let service = configuration.service(a.service) else { throw .unknownService(a.service) }
        guard now <= window.closes(for: a.at) else {
            throw .checkInTooLate(a.code, appointmentTime: calendar.timeOfDay(at: a.at), closedAtTime: calendar.timeOfDay(at: window.closes(for: a.at)),
                                  walkInService: service.appointmentOnly ? nil : service.id)
        }
        let number = try nextNumber(prefix: service.prefix)
        let id = TicketID(state.nextTicketSerial)
        let request = TicketRequest(service: service.id, language: c.language, appointmentAt: a.at, personKey: a.personKey)
        return (.ticket(id), [.ticketIssued(IssuedTicket(id: id, number: number, day: today, request: request)),
                              .appointmentCheckedIn(a.code, ticket: id)])
    }

    /// Which of a person's appointments a check-in by ID document means (`Docs/Appointments.md`):
    /// 1. one checked in today whose ticket is still open (a reprint);
    /// 2. else the earliest booked one today whose check-in window has not closed yet;
    /// 3. else the latest booked one today (its window has closed: too late);
    /// 4. else the latest checked-in one today (its ticket is finished: a reprint);
    /// 5. else the latest cancelled one today;
    /// 6. else the earliest one on a later day (wrong day), booked before cancelled.
    func selectAppointment(of person: PersonKey, today: LocalDate, now: Instant) -> Appointment? {
        let mine = state.appointments(of: person)  // earliest first
        let todays = mine.filter { $0.day == today }
        func closes(_ a: Appointment) -> Instant { configuration.checkInWindow(for: a.service).closes(for: a.at) }
        if let open = todays.last(where: { $0.state == .checkedIn && state.tickets[$0.ticket!].map { !$0.state.isFinal } == true }) {
            return open
        }
        if let next = todays.first(where: { $0.state == .booked && now <= closes($0) }) { return next }
        for wanted in [AppointmentState.booked, .checkedIn, .cancelled] {
            if let latest = todays.last(where: { $0.state == wanted }) { return latest }
        }
        let later = mine.filter { $0.day > today }
        return later.first { $0.state == .booked } ?? later.first
    }

    /// How many days ahead an appointment may be booked (two years; Decision 0040).
    public static let bookingHorizonDays = 730

    // MARK: - Helpers

    /// The service day of an appointment time, after checking that check-in for it is still
    /// possible and that the centre is open then.
    private func validateTime(_ at: Instant, code: BookingCode, service: ServiceID, now: Instant) throws(QueueError) -> LocalDate {
        let day = calendar.localDate(at: at)
        let time = calendar.timeOfDay(at: at)
        if day < state.day! || now > configuration.checkInWindow(for: service).closes(for: at) {
            throw .appointmentInPast(code, day: day, time: time)
        }
        let latest = calendar.localDate(at: now.adding(seconds: Int64(Self.bookingHorizonDays) * 86_400))
        guard day <= latest else { throw .appointmentTooFarAhead(code, day: day, latest: latest) }
        guard calendar.isOpen(at: at, hours: configuration.openingHours, closedDays: configuration.closedDays) else {
            throw .appointmentOutsideOpeningHours(code, day: day, time: time)
        }
        return day
    }

    /// The appointment with `code` if it may still be cancelled or moved.
    private func bookedOrCancelled(_ code: BookingCode) throws(QueueError) -> Appointment {
        guard let a = state.appointments[code] else {
            if let past = state.pastAppointment(code) { throw .appointmentOnOtherDay(code, day: past.day, today: state.day!) }
            throw .unknownBookingCode(code)
        }
        if a.state == .checkedIn, let t = a.ticket, let ticket = state.tickets[t] { throw .appointmentCheckedIn(code, ticket: ticket.number) }
        return a
    }
}
