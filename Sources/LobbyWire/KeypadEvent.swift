/// Identifies one keypad event; increases by one per event (wrapping, 0 never used).
public struct EventID: Sendable, Equatable, Hashable {
    /// The raw 16-bit id.
    public let rawValue: UInt16
    /// Wraps a raw id.
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    /// The id after this one, skipping 0.
    public var next: EventID { rawValue == 0xFFFF ? EventID(1) : EventID(rawValue &+ 1) }
    /// Whether this id is at or before `other` in serial-number order (RFC 1982 style).
    public func isAtOrBefore(_ other: EventID) -> Bool { other.rawValue &- rawValue < 0x8000 }
}

/// A reference to the ticket a vote is for, chosen by the master (opaque to the keypad).
public struct TicketReference: Sendable, Equatable, Hashable {
    /// The raw 32-bit reference.
    public let rawValue: UInt32
    /// Wraps a raw reference.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
}

/// The operator keys of a window keypad.
public enum OperatorKey: UInt8, Sendable, Equatable {
    /// Call the next citizen.
    case callNext = 1
    /// Call the current citizen again.
    case recall = 2
    /// The called citizen did not come.
    case noShow = 3
    /// Service finished (opens the vote).
    case finish = 4
    /// Transfer the citizen to another service.
    case transfer = 5
}

/// What happened on a keypad.
public enum KeypadEventKind: Sendable, Equatable {
    /// A citizen voted `score` (1...5) for `ticket`.
    case vote(ticket: TicketReference, score: UInt8)
    /// An operator key was pressed.
    case operatorKey(OperatorKey)
    /// A key without a current meaning was pressed (key index).
    case keyPressed(UInt8)
    /// A vote session for `ticket` ended without a vote.
    case voteTimedOut(ticket: TicketReference)
}

/// One buffered keypad event as delivered in a poll reply (12 bytes on the wire).
public struct KeypadEvent: Sendable, Equatable {
    /// Bytes of one event record.
    public static let wireLength = 12
    /// The event's id, used to acknowledge it.
    public var id: EventID
    /// What happened.
    public var kind: KeypadEventKind
    /// Seconds between the event and the reply carrying it.
    public var ageSeconds: UInt32

    /// Creates an event.
    public init(id: EventID, kind: KeypadEventKind, ageSeconds: UInt32) {
        self.id = id
        self.kind = kind
        self.ageSeconds = ageSeconds
    }

    /// Appends the record: id u16, kind u8, code u8, ticket u32, age u32.
    public func encode<let n: Int>(into payload: inout FixedBytes<n>) {
        payload.appendLittleEndian(id.rawValue)
        var kindByte: UInt8 = 0
        var code: UInt8 = 0
        var ticket: UInt32 = 0
        switch kind {
        case .vote(let reference, let score):
            kindByte = 1
            code = score
            ticket = reference.rawValue
        case .operatorKey(let key):
            kindByte = 2
            code = key.rawValue
        case .keyPressed(let key):
            kindByte = 3
            code = key
        case .voteTimedOut(let reference):
            kindByte = 4
            ticket = reference.rawValue
        }
        payload.append(kindByte)
        payload.append(code)
        payload.appendLittleEndian(ticket)
        payload.appendLittleEndian(ageSeconds)
    }

    /// Reads one record.
    public static func decode(from reader: inout PayloadReader) throws(MessageError) -> KeypadEvent {
        let id = EventID(try reader.uint16())
        if id.rawValue == 0 { throw reader.invalid(width: 2) }
        let kindByte = try reader.uint8()
        let code = try reader.uint8()
        let ticket = TicketReference(try reader.uint32())
        let age = try reader.uint32()
        // The code's meaning depends on the kind; fields a kind does not use must be 0 (§6.3).
        let kind: KeypadEventKind
        switch kindByte {
        case 1:
            guard code >= 1 && code <= 5 else { throw reader.invalid(width: 9) }
            kind = .vote(ticket: ticket, score: code)
        case 2:
            guard let key = OperatorKey(rawValue: code) else { throw reader.invalid(width: 9) }
            guard ticket.rawValue == 0 else { throw reader.invalid(width: 8) }
            kind = .operatorKey(key)
        case 3:
            guard code < 16 else { throw reader.invalid(width: 9) }
            guard ticket.rawValue == 0 else { throw reader.invalid(width: 8) }
            kind = .keyPressed(code)
        case 4:
            guard code == 0 else { throw reader.invalid(width: 9) }
            kind = .voteTimedOut(ticket: ticket)
        default: throw reader.invalid(width: 10)
        }
        return KeypadEvent(id: id, kind: kind, ageSeconds: age)
    }
}

/// Up to eight events, the most one poll reply carries.
public struct KeypadEventBatch: Sendable, Equatable {
    /// The most events in one reply.
    public static let capacity = 8
    private var storage: InlineArray<8, KeypadEvent>
    /// Number of events.
    public private(set) var count = 0

    /// Creates an empty batch.
    public init() {
        storage = InlineArray(repeating: KeypadEvent(id: EventID(0), kind: .keyPressed(0), ageSeconds: 0))
    }

    /// Adds an event; false when full.
    @discardableResult
    public mutating func append(_ event: KeypadEvent) -> Bool {
        guard count < Self.capacity else { return false }
        storage[count] = event
        count += 1
        return true
    }

    /// The event at `index` (0 ..< count).
    public subscript(index: Int) -> KeypadEvent { storage[index >= 0 && index < count ? index : 0] }

    /// Compares the events present.
    public static func == (lhs: KeypadEventBatch, rhs: KeypadEventBatch) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var index = 0
        while index < lhs.count {
            if lhs.storage[index] != rhs.storage[index] { return false }
            index += 1
        }
        return true
    }
}
