import LobbyQueue
import LobbyWire

/// Identifies one keypad event across re-deliveries: keypad serial, event id, and the master's
/// count of that keypad's restarts (ids start again at 1 after a keypad power loss).
public struct KeypadEventKey: Sendable, Hashable {
    /// The keypad's serial.
    public var serial: DeviceSerial
    /// The event id.
    public var event: EventID
    /// Restarts of the keypad seen by this master before the event.
    public var generation: Int
}

/// What the sink made of a submitted command.
public enum SinkDecision: Sendable, Equatable {
    /// Stored durably (or recognised as a repeat): acknowledge the event.
    case accepted
    /// Refused for good (e.g. a vote for an unserved ticket): acknowledge, it will never pass.
    case refused(String)
    /// Not decided (queue unavailable): keep the event in the keypad and submit it again later.
    case unavailable(String)
}

/// What became of one keypad event.
public enum KeypadEventDisposition: Sendable, Equatable {
    /// Submitted to the queue as a command.
    case submit(CommandRequest)
    /// Not a queue command (a key without a session, a vote timeout, transfer without a target).
    case noCommand
}

/// Tracks the events of one keypad from first sight until acknowledgement (Protocol.md §9).
public struct KeypadInbox: Sendable {
    private enum EntryState: Sendable, Equatable { case inFlight, decided, retry }
    private var entries: [(id: EventID, state: EntryState)] = []
    /// Events up to this id have been acknowledged to the keypad (sent in a poll that was answered).
    public private(set) var acknowledged: EventID?
    /// Restart count of the keypad (part of every event key).
    public private(set) var generation = 0

    /// Creates an empty inbox.
    public init() {}

    /// The id to acknowledge in the next poll: the highest id up to which every event is decided.
    public var acknowledgeThrough: EventID? {
        var through: EventID?
        for entry in entries {
            guard entry.state == .decided else { break }
            through = entry.id
        }
        return through
    }

    /// The keypad restarted: its buffer and ids are new.
    public mutating func keypadRestarted() {
        entries.removeAll()
        acknowledged = nil
        generation += 1
    }

    /// A poll carrying `through` was answered: those events are gone from the keypad.
    public mutating func acknowledgementDelivered(_ through: EventID) {
        entries.removeAll { $0.id.isAtOrBefore(through) }
        acknowledged = through
    }

    /// Offers an event from a status answer; returns true when it must be submitted now
    /// (first sight, or re-delivery of one whose submission should be retried).
    public mutating func offer(_ id: EventID) -> Bool {
        if let acknowledged, id.isAtOrBefore(acknowledged) { return false }
        if let index = entries.firstIndex(where: { $0.id == id }) {
            guard entries[index].state == .retry else { return false }
            entries[index].state = .inFlight
            return true
        }
        entries.append((id, .inFlight))
        return true
    }

    /// Records the decision for event `id` (of the current generation).
    public mutating func decide(_ id: EventID, _ decision: SinkDecision) {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return }
        if case .unavailable = decision { entries[index].state = .retry } else { entries[index].state = .decided }
    }

    /// Events seen and not yet acknowledged.
    public var pendingCount: Int { entries.count }
}

/// Turns keypad events into queue commands with idempotent request ids.
public enum KeypadEventTranslator {
    /// The command for `event` from the keypad with `serial` at `window`; `arrivedAt` is the
    /// wall-clock time the answer arrived, so a vote's `castAt` is `arrivedAt − age`. The request
    /// id depends only on what the keypad reports (serial, event id, content), so a re-delivery
    /// after a bus outage or a daemon restart gets the same id.
    public static func translate(
        _ event: KeypadEvent, serial: DeviceSerial, window: WindowID, transferTarget: ServiceID?,
        arrivedAt: Instant
    ) -> KeypadEventDisposition {
        let base = "keypad-" + hex(serial.rawValue) + "-e\(event.id.rawValue)"
        switch event.kind {
        case .vote(let ticket, let score):
            let castAt = arrivedAt.adding(milliseconds: -Int64(event.ageSeconds) * 1000)
            let vote = VoteRequest(ticket: TicketID(UInt64(ticket.rawValue)), score: Int(score), window: window, castAt: castAt)
            return .submit(CommandRequest(RequestID(base + "-vote-t\(ticket.rawValue)-s\(score)"), .vote(vote)))
        case .operatorKey(let key):
            let command: QueueCommand
            switch key {
            case .callNext: command = .callNext(window: window)
            case .recall: command = .recall(window: window)
            case .noShow: command = .noShow(window: window)
            case .finish: command = .finishService(window: window)
            case .transfer:
                guard let transferTarget else { return .noCommand }
                command = .transfer(window: window, to: transferTarget, position: .back)
            }
            return .submit(CommandRequest(RequestID(base + "-" + command.name), command))
        case .keyPressed, .voteTimedOut:
            return .noCommand
        }
    }

    /// The ticket reference a keypad carries for a ticket (its low 32 bits; ticket serials stay far below 2³²).
    public static func reference(for ticket: TicketID) -> TicketReference {
        TicketReference(UInt32(truncatingIfNeeded: ticket.rawValue))
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
