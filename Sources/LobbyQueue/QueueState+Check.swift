/// The check that a journal record read back can follow the state before it.
extension QueueState {
    /// Why `record` cannot follow this state, nil when it can. Call after moving to the record's
    /// day; the check reads the state and changes nothing.
    func impossibility(of record: JournalRecord) -> String? {
        var nextSerial = nextTicketSerial
        var issuedHere: Set<TicketID> = []
        func known(_ id: TicketID) -> Bool { tickets[id] != nil || issuedHere.contains(id) }
        for event in record.events {
            switch event {
            case .ticketIssued(let issued):
                guard issued.id.rawValue == nextSerial else {
                    return "it issues ticket id \(issued.id.rawValue) where \(nextSerial) was next"
                }
                let n = issued.number
                guard !n.prefix.isEmpty, n.prefix.count <= RecordBounds.longestPrefix,
                      (0...RecordBounds.largestNumber).contains(n.value), (1...RecordBounds.largestNumber).contains(n.cycle)
                else { return "ticket number \(n.prefix)/\(n.value)/\(n.cycle) is out of range" }
                guard issued.day == day else { return "it issues a ticket for \(issued.day) on the service day \(day.map { "\($0)" } ?? "-")" }
                if let at = issued.request.appointmentAt, !RecordBounds.contains(at) { return "appointment time \(at) is out of range" }
                issuedHere.insert(issued.id)
                nextSerial += 1
            case .voteRecorded(let id, let score):
                guard known(id) else { return "it votes for ticket \(id.rawValue), unknown on its day" }
                guard (1...5).contains(score) else { return "vote score \(score) is out of range" }
            case .appointmentBooked(let booking, let bookedDay):
                guard RecordBounds.contains(booking.at), RecordBounds.contains(bookedDay) else {
                    return "appointment \(booking.code) at \(booking.at) on \(bookedDay) is out of range"
                }
            case .appointmentRescheduled(let code, let at, let newDay):
                guard RecordBounds.contains(at), RecordBounds.contains(newDay) else {
                    return "appointment \(code) moved to \(at) on \(newDay), out of range"
                }
            case .journalLossAccepted(let loss):
                guard loss.highestTicketID < UInt64(Int64.max), loss.numbers.allSatisfy({ RecordBounds.contains($0.day) }) else {
                    return "its accepted loss holds values out of range"
                }
                nextSerial = max(nextSerial, loss.highestTicketID + 1)
            case .windowStateChanged, .operatorSignedIn, .operatorSignedOut, .appointmentCancelled, .windowServicesAssigned:
                continue
            case .ticketCalled, .ticketRecalled, .serviceStarted, .serviceFinished, .ticketNoShow, .ticketTransferred,
                 .ticketParked, .ticketUnparked, .ticketCancelled, .ticketDelivered, .appointmentCheckedIn:
                if let id = event.ticket, !known(id) { return "it refers to ticket \(id.rawValue), unknown on its day" }
            }
        }
        if let id = record.outcome.ticket, id.rawValue >= nextSerial {
            return "its outcome names ticket \(id.rawValue), never issued"
        }
        switch record.command {
        case .vote(let v):
            if let at = v.castAt, !RecordBounds.contains(at) { return "vote time \(at) is out of range" }
        case .issueTicket(let r):
            if let at = r.appointmentAt, !RecordBounds.contains(at) { return "appointment time \(at) is out of range" }
        case .rescheduleAppointment(_, let at):
            if !RecordBounds.contains(at) { return "appointment time \(at) is out of range" }
        case .bookAppointment(let b):
            if !RecordBounds.contains(b.at) { return "appointment time \(b.at) is out of range" }
        default:
            break
        }
        return nil
    }
}
