/// A keypad event as stored on the device: kind and the tick it happened at.
public struct StoredKeypadEvent: Sendable, Equatable {
    /// The event id.
    public var id: EventID
    /// What happened.
    public var kind: KeypadEventKind
    /// When it happened.
    public var createdAt: Ticks
}

/// A fixed ring of keypad events kept until the master acknowledges them.
///
/// Ids are consecutive; acknowledging id N removes every event up to and including N.
/// When full, `append` refuses: input is rejected rather than an unacknowledged event lost.
public struct EventRing: Sendable {
    /// The most events held.
    public static let capacity = 32
    private var storage: InlineArray<32, StoredKeypadEvent>
    private var head = 0
    /// Events held.
    public private(set) var count = 0
    /// The id the next event gets.
    public private(set) var nextID = EventID(1)

    /// Creates an empty ring.
    public init() {
        storage = InlineArray(repeating: StoredKeypadEvent(id: EventID(0), kind: .keyPressed(0), createdAt: Ticks(0)))
    }

    /// Forgets every event and starts ids at 1 again (a power loss), in place.
    public mutating func removeAll() {
        head = 0
        count = 0
        nextID = EventID(1)
    }

    /// Whether no more events fit.
    public var isFull: Bool { count >= Self.capacity }

    /// Stores a new event; returns its id, or nil when full.
    public mutating func append(_ kind: KeypadEventKind, at time: Ticks) -> EventID? {
        guard !isFull else { return nil }
        let id = nextID
        storage[(head + count) % Self.capacity] = StoredKeypadEvent(id: id, kind: kind, createdAt: time)
        count += 1
        nextID = id.next
        return id
    }

    /// The `index`-th oldest event (0 ..< count).
    public func event(at index: Int) -> StoredKeypadEvent? {
        guard index >= 0 && index < count else { return nil }
        return storage[(head + index) % Self.capacity]
    }

    /// Removes every event with an id at or before `id`; returns how many were removed.
    @discardableResult
    public mutating func acknowledge(through id: EventID) -> Int {
        var removed = 0
        let lastIssued = EventID(nextID.rawValue == 1 ? 0xFFFF : nextID.rawValue &- 1)
        // Only ids that were actually handed out can be acknowledged.
        guard id.rawValue != 0, id.isAtOrBefore(lastIssued) else { return 0 }
        while count > 0 && storage[head].id.isAtOrBefore(id) {
            head = (head + 1) % Self.capacity
            count -= 1
            removed += 1
        }
        return removed
    }
}
