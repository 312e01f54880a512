/// The binary form of journal records (format versions 1 and 2). Fast to decode, so start-up replay is quick.
///
/// Layout: version byte, sequence, request id, at, command, outcome, event count, events.
/// Every value is a tagged varint/string sequence (see `ByteWriter`); tags are listed in
/// `Docs/Journal.md` and never reused. Version 2 adds the appointment commands, events and
/// outcome (tags 16–19 and outcome 3, see `RecordCodec+Appointments.swift`); a record without
/// them is still written as version 1, so older builds read journals that never used appointments.
public enum RecordCodec {
    /// The newest format version this build writes.
    public static let version: UInt8 = 4
    /// The first command and event tag of format version 2.
    static let firstVersion2Tag: UInt8 = 16

    /// The format version a record is written in: 2 when it carries appointment data, else 1.
    public static func formatVersion(of r: JournalRecord) -> UInt8 {
        if needsVersion4(r) { return 4 }
        if needsVersion3(r) { return 3 }
        if r.command.isAppointmentCommand || r.outcome.appointment != nil || r.events.contains(where: \.isAppointmentEvent) { return 2 }
        return 1
    }

    /// Encodes a record.
    public static func encode(_ r: JournalRecord) -> [UInt8] {
        var w = ByteWriter()
        w.byte(formatVersion(of: r))
        w.uvarint(r.sequence)
        w.string(r.requestID.rawValue)
        w.varint(r.at.milliseconds)
        write(r.command, to: &w)
        switch r.outcome {
        case .ticket(let t): w.byte(0); w.uvarint(t.rawValue)
        case .existingTicket(let t): w.byte(1); w.uvarint(t.rawValue)
        case .window(let id): w.byte(2); w.varint(Int64(id.rawValue))
        case .appointment(let code): w.byte(3); w.string(code.rawValue)
        case .recorded: w.byte(4)
        }
        w.uvarint(UInt64(r.events.count))
        for e in r.events { write(e, to: &w) }
        return w.bytes
    }

    /// Decodes a record; throws with the byte offset of the first problem.
    public static func decode(_ bytes: [UInt8]) throws(ByteReader.Failure) -> JournalRecord {
        var r = ByteReader(bytes)
        let v = try r.byte()
        guard (1...version).contains(v) else { throw ByteReader.Failure(offset: 0, reason: "unknown record format version \(v)") }
        let sequence = try r.uvarint()
        let requestID = RequestID(try r.string())
        let at = Instant(milliseconds: try r.varint())
        let command = try readCommand(&r, version: v)
        let outcome: CommandOutcome
        switch try r.byte() {
        case 0: outcome = .ticket(TicketID(try r.uvarint()))
        case 1: outcome = .existingTicket(TicketID(try r.uvarint()))
        case 2: outcome = .window(WindowID(try r.int()))
        case 3 where v >= 2: outcome = .appointment(try readBookingCode(&r))
        case 4 where v >= 3: outcome = .recorded
        case let tag: throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown outcome tag \(tag)")
        }
        let count = try r.uvarint()
        guard count < 10_000 else { throw ByteReader.Failure(offset: r.offset, reason: "implausible event count \(count)") }
        var events: [QueueEvent] = []
        events.reserveCapacity(Int(count))
        for _ in 0..<count { events.append(try readEvent(&r, version: v)) }
        guard r.isAtEnd else { throw ByteReader.Failure(offset: r.offset, reason: "trailing bytes after the record") }
        return JournalRecord(sequence: sequence, requestID: requestID, command: command, at: at, outcome: outcome, events: events)
    }

    // MARK: Commands

    private static func write(_ c: QueueCommand, to w: inout ByteWriter) {
        switch c {
        case .issueTicket(let r): w.byte(1); write(r, to: &w)
        case .callNext(let win): w.byte(2); w.varint(Int64(win.rawValue))
        case .recall(let win): w.byte(3); w.varint(Int64(win.rawValue))
        case .noShow(let win): w.byte(4); w.varint(Int64(win.rawValue))
        case .startService(let win): w.byte(5); w.varint(Int64(win.rawValue))
        case .finishService(let win): w.byte(6); w.varint(Int64(win.rawValue))
        case .transfer(let win, let s, let p):
            w.byte(7); w.varint(Int64(win.rawValue)); w.string(s.rawValue); w.byte(p == .front ? 0 : 1)
        case .park(let win): w.byte(8); w.varint(Int64(win.rawValue))
        case .unpark(let t, let p): w.byte(9); w.uvarint(t.rawValue); w.byte(p == .front ? 0 : 1)
        case .cancel(let t): w.byte(10); w.uvarint(t.rawValue)
        case .vote(let v):
            w.byte(11); w.uvarint(v.ticket.rawValue); w.varint(Int64(v.score))
            w.optional(v.window) { $0.varint(Int64($1.rawValue)) }
            w.optional(v.castAt) { $0.varint($1.milliseconds) }
        case .setWindowState(let win, let s): w.byte(12); w.varint(Int64(win.rawValue)); w.byte(windowStateTag(s))
        case .signIn(let win, let op): w.byte(13); w.varint(Int64(win.rawValue)); w.string(op.rawValue)
        case .signOut(let win): w.byte(14); w.varint(Int64(win.rawValue))
        case .recordDelivery(let t, let d): w.byte(15); w.uvarint(t.rawValue); write(d, to: &w)
        case .bookAppointment, .cancelAppointment, .rescheduleAppointment, .checkIn: writeAppointment(c, to: &w)
        case .acceptJournalLoss(let loss): write(loss, to: &w)
        case .supervise(let a): write(a, to: &w)
        }
    }

    private static func write(_ d: TicketDelivery, to w: inout ByteWriter) {
        switch d {
        case .printed(let printer): w.byte(0); w.string(printer)
        case .shownOnScreen(let reason): w.byte(1); w.string(reason)
        }
    }

    private static func readDelivery(_ r: inout ByteReader) throws(ByteReader.Failure) -> TicketDelivery {
        switch try r.byte() {
        case 0: return .printed(printer: try r.string())
        case 1: return .shownOnScreen(reason: try r.string())
        case let tag: throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown delivery tag \(tag)")
        }
    }

    private static func readCommand(_ r: inout ByteReader, version: UInt8) throws(ByteReader.Failure) -> QueueCommand {
        let tagOffset = r.offset
        switch try r.byte() {
        case 1: return .issueTicket(try readTicketRequest(&r))
        case 2: return .callNext(window: WindowID(try r.int()))
        case 3: return .recall(window: WindowID(try r.int()))
        case 4: return .noShow(window: WindowID(try r.int()))
        case 5: return .startService(window: WindowID(try r.int()))
        case 6: return .finishService(window: WindowID(try r.int()))
        case 7: return .transfer(window: WindowID(try r.int()), to: ServiceID(try r.string()), position: try position(&r))
        case 8: return .park(window: WindowID(try r.int()))
        case 9: return .unpark(ticket: TicketID(try r.uvarint()), position: try position(&r))
        case 10: return .cancel(ticket: TicketID(try r.uvarint()))
        case 11:
            let ticket = TicketID(try r.uvarint())
            let score = try r.int()
            let window = try r.optional { (r: inout ByteReader) throws(ByteReader.Failure) in WindowID(try r.int()) }
            let castAt = try r.optional { (r: inout ByteReader) throws(ByteReader.Failure) in Instant(milliseconds: try r.varint()) }
            return .vote(VoteRequest(ticket: ticket, score: score, window: window, castAt: castAt))
        case 12: return .setWindowState(window: WindowID(try r.int()), state: try windowState(&r))
        case 13: return .signIn(window: WindowID(try r.int()), operator: OperatorID(try r.string()))
        case 14: return .signOut(window: WindowID(try r.int()))
        case 15: return .recordDelivery(ticket: TicketID(try r.uvarint()), delivery: try readDelivery(&r))
        case firstVersion3Tag where version >= 3: return .acceptJournalLoss(try readLoss(&r))
        case firstVersion4Tag where version >= 4: return .supervise(try readSupervisorAction(&r))
        case let tag where tag >= firstVersion2Tag && tag < firstVersion3Tag && version >= 2:
            return try readAppointmentCommand(tag, tagOffset: tagOffset, &r)
        case let tag: throw ByteReader.Failure(offset: tagOffset, reason: "unknown command tag \(tag) in a version \(version) record")
        }
    }

    static func write(_ r: TicketRequest, to w: inout ByteWriter) {
        w.string(r.service.rawValue)
        w.byte(languageTag(r.language))
        w.optional(r.priority) { $0.string($1.rawValue) }
        w.optional(r.appointmentAt) { $0.varint($1.milliseconds) }
        w.optional(r.personKey) { $0.string($1.rawValue) }
    }

    static func readTicketRequest(_ r: inout ByteReader) throws(ByteReader.Failure) -> TicketRequest {
        let service = ServiceID(try r.string())
        let lang = try r.byte()
        guard let language = [Language.az, .ru, .en].indices.contains(Int(lang)) ? [Language.az, .ru, .en][Int(lang)] : nil else {
            throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown language tag \(lang)")
        }
        let priority = try r.optional { (r: inout ByteReader) throws(ByteReader.Failure) in PriorityCategoryID(try r.string()) }
        let appointment = try r.optional { (r: inout ByteReader) throws(ByteReader.Failure) in Instant(milliseconds: try r.varint()) }
        let person = try r.optional { (r: inout ByteReader) throws(ByteReader.Failure) in PersonKey(try r.string()) }
        return TicketRequest(service: service, language: language, priority: priority, appointmentAt: appointment, personKey: person)
    }

    // MARK: Events

    private static func write(_ e: QueueEvent, to w: inout ByteWriter) {
        switch e {
        case .ticketIssued(let i):
            w.byte(1); w.uvarint(i.id.rawValue); w.string(i.number.prefix); w.varint(Int64(i.number.value))
            w.varint(Int64(i.number.cycle)); w.varint(Int64(i.day.ordinal)); write(i.request, to: &w)
        case .ticketCalled(let t, let win, let op): w.byte(2); w.uvarint(t.rawValue); w.varint(Int64(win.rawValue)); w.string(op.rawValue)
        case .ticketRecalled(let t, let win): w.byte(3); w.uvarint(t.rawValue); w.varint(Int64(win.rawValue))
        case .serviceStarted(let t, let win): w.byte(4); w.uvarint(t.rawValue); w.varint(Int64(win.rawValue))
        case .serviceFinished(let t, let win): w.byte(5); w.uvarint(t.rawValue); w.varint(Int64(win.rawValue))
        case .ticketNoShow(let t, let win): w.byte(6); w.uvarint(t.rawValue); w.varint(Int64(win.rawValue))
        case .ticketTransferred(let t, let s, let p): w.byte(7); w.uvarint(t.rawValue); w.string(s.rawValue); w.byte(p == .front ? 0 : 1)
        case .ticketParked(let t): w.byte(8); w.uvarint(t.rawValue)
        case .ticketUnparked(let t, let p): w.byte(9); w.uvarint(t.rawValue); w.byte(p == .front ? 0 : 1)
        case .ticketCancelled(let t): w.byte(10); w.uvarint(t.rawValue)
        case .voteRecorded(let t, let score): w.byte(11); w.uvarint(t.rawValue); w.varint(Int64(score))
        case .windowStateChanged(let win, let s): w.byte(12); w.varint(Int64(win.rawValue)); w.byte(windowStateTag(s))
        case .operatorSignedIn(let win, let op): w.byte(13); w.varint(Int64(win.rawValue)); w.string(op.rawValue)
        case .operatorSignedOut(let win): w.byte(14); w.varint(Int64(win.rawValue))
        case .ticketDelivered(let t, let d): w.byte(15); w.uvarint(t.rawValue); write(d, to: &w)
        case .appointmentBooked, .appointmentCancelled, .appointmentRescheduled, .appointmentCheckedIn: writeAppointment(e, to: &w)
        case .journalLossAccepted(let loss): write(loss, to: &w)
        case .windowServicesAssigned(let win, let services): w.byte(firstVersion4Tag); write(win, services, to: &w)
        }
    }

    private static func readEvent(_ r: inout ByteReader, version: UInt8) throws(ByteReader.Failure) -> QueueEvent {
        let tagOffset = r.offset
        switch try r.byte() {
        case 1:
            let id = TicketID(try r.uvarint())
            let prefix = try r.string()
            let value = try r.int()
            let cycle = try r.int()
            let day = try readDay(&r)
            let request = try readTicketRequest(&r)
            return .ticketIssued(IssuedTicket(id: id, number: TicketNumber(prefix: prefix, value: value, cycle: cycle), day: day, request: request))
        case 2: return .ticketCalled(TicketID(try r.uvarint()), window: WindowID(try r.int()), operator: OperatorID(try r.string()))
        case 3: return .ticketRecalled(TicketID(try r.uvarint()), window: WindowID(try r.int()))
        case 4: return .serviceStarted(TicketID(try r.uvarint()), window: WindowID(try r.int()))
        case 5: return .serviceFinished(TicketID(try r.uvarint()), window: WindowID(try r.int()))
        case 6: return .ticketNoShow(TicketID(try r.uvarint()), window: WindowID(try r.int()))
        case 7: return .ticketTransferred(TicketID(try r.uvarint()), to: ServiceID(try r.string()), position: try position(&r))
        case 8: return .ticketParked(TicketID(try r.uvarint()))
        case 9: return .ticketUnparked(TicketID(try r.uvarint()), position: try position(&r))
        case 10: return .ticketCancelled(TicketID(try r.uvarint()))
        case 11: return .voteRecorded(TicketID(try r.uvarint()), score: try r.int())
        case 12: return .windowStateChanged(WindowID(try r.int()), state: try windowState(&r))
        case 13: return .operatorSignedIn(WindowID(try r.int()), operator: OperatorID(try r.string()))
        case 14: return .operatorSignedOut(WindowID(try r.int()))
        case 15: return .ticketDelivered(TicketID(try r.uvarint()), try readDelivery(&r))
        case firstVersion3Tag where version >= 3: return .journalLossAccepted(try readLoss(&r))
        case firstVersion4Tag where version >= 4:
            let (win, services) = try readAssignment(&r)
            return .windowServicesAssigned(win, services: services)
        case let tag where tag >= firstVersion2Tag && tag < firstVersion3Tag && version >= 2:
            return try readAppointmentEvent(tag, tagOffset: tagOffset, &r)
        case let tag: throw ByteReader.Failure(offset: tagOffset, reason: "unknown event tag \(tag) in a version \(version) record")
        }
    }

    // MARK: Small enums

    static func languageTag(_ l: Language) -> UInt8 {
        switch l {
        case .az: 0
        case .ru: 1
        case .en: 2
        }
    }

    private static func windowStateTag(_ s: WindowState) -> UInt8 {
        switch s {
        case .open: 0
        case .paused: 1
        case .closed: 2
        }
    }

    private static func windowState(_ r: inout ByteReader) throws(ByteReader.Failure) -> WindowState {
        switch try r.byte() {
        case 0: return .open
        case 1: return .paused
        case 2: return .closed
        case let tag: throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown window state tag \(tag)")
        }
    }

    private static func position(_ r: inout ByteReader) throws(ByteReader.Failure) -> LinePosition {
        switch try r.byte() {
        case 0: return .front
        case 1: return .back
        case let tag: throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown line position tag \(tag)")
        }
    }
}
