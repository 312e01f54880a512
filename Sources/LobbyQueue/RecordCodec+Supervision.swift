/// Format version 4 of the journal records: supervisors' actions.
///
/// | Tag | Command / event | Fields |
/// |---|---|---|
/// | 21 | supervise | actor, reason, change kind (0 open, 1 close, 2 assign, 3 move, 4 cancel), its fields |
/// | 21 | windowServicesAssigned | window, count, (service, weight)… sorted by service |
///
/// A record without these is written in an older version, so older builds keep reading
/// journals in which no supervisor acted.
extension RecordCodec {
    /// The first command and event tag of format version 4.
    static let firstVersion4Tag: UInt8 = 21

    /// Whether a record needs format version 4.
    static func needsVersion4(_ r: JournalRecord) -> Bool {
        if case .supervise = r.command { return true }
        return r.events.contains { if case .windowServicesAssigned = $0 { true } else { false } }
    }

    /// Writes a supervisor's action with its tag.
    static func write(_ a: SupervisorAction, to w: inout ByteWriter) {
        w.byte(firstVersion4Tag)
        w.string(a.actor)
        w.string(a.reason)
        switch a.change {
        case .openWindow(let win): w.byte(0); w.varint(Int64(win.rawValue))
        case .closeWindow(let win): w.byte(1); w.varint(Int64(win.rawValue))
        case .assignServices(let win, let services): w.byte(2); write(win, services, to: &w)
        case .moveTicket(let t, let s, let p): w.byte(3); w.uvarint(t.rawValue); w.string(s.rawValue); w.byte(p == .front ? 0 : 1)
        case .cancelTicket(let t): w.byte(4); w.uvarint(t.rawValue)
        }
    }

    /// Reads a supervisor's action after its tag.
    static func readSupervisorAction(_ r: inout ByteReader) throws(ByteReader.Failure) -> SupervisorAction {
        let actor = try r.string()
        let reason = try r.string()
        let kindOffset = r.offset
        let change: SupervisorChange
        switch try r.byte() {
        case 0: change = .openWindow(WindowID(try r.int()))
        case 1: change = .closeWindow(WindowID(try r.int()))
        case 2:
            let (win, services) = try readAssignment(&r)
            change = .assignServices(win, services: services)
        case 3:
            let ticket = TicketID(try r.uvarint())
            let service = ServiceID(try r.string())
            let position: LinePosition
            switch try r.byte() {
            case 0: position = .front
            case 1: position = .back
            case let tag: throw ByteReader.Failure(offset: r.offset - 1, reason: "unknown line position tag \(tag)")
            }
            change = .moveTicket(ticket, to: service, position: position)
        case 4: change = .cancelTicket(TicketID(try r.uvarint()))
        case let kind: throw ByteReader.Failure(offset: kindOffset, reason: "unknown supervisor change kind \(kind)")
        }
        return SupervisorAction(actor: actor, reason: reason, change: change)
    }

    /// Writes a window's services (after the tag).
    static func write(_ window: WindowID, _ services: [ServiceID: Int], to w: inout ByteWriter) {
        w.varint(Int64(window.rawValue))
        w.uvarint(UInt64(services.count))
        for (service, weight) in services.sorted(by: { $0.key < $1.key }) {
            w.string(service.rawValue)
            w.varint(Int64(weight))
        }
    }

    /// Reads a window's services (after the tag).
    static func readAssignment(_ r: inout ByteReader) throws(ByteReader.Failure) -> (WindowID, [ServiceID: Int]) {
        let window = WindowID(try r.int())
        let count = try r.uvarint()
        guard count < 10_000 else { throw ByteReader.Failure(offset: r.offset, reason: "implausible service count \(count)") }
        var services: [ServiceID: Int] = [:]
        for _ in 0..<count {
            let service = ServiceID(try r.string())
            services[service] = try r.int()
        }
        return (window, services)
    }
}
