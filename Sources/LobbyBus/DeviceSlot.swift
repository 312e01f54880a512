import LobbyQueue
import LobbyWire

/// The master's knowledge of one device: desired and believed-shown state, health, inbox.
struct DeviceSlot: Sendable {
    struct VoteSession: Sendable, Equatable {
        var ticket: TicketReference
        var until: BusTime
    }

    let configuration: BusDeviceConfiguration
    var health = DeviceHealth()
    var identity: DeviceIdentity?
    var nextPoll = BusTime(microseconds: 0)
    var lastUptime: UInt32?
    // Boards.
    var shown: [BoardLine?] = []
    var target = BoardContent.blank
    var targetShownSince: BusTime?
    var queued: [BoardContent] = []
    var history: [CallEntry] = []
    // Keypads.
    var inbox = KeypadInbox()
    var vote: VoteSession?
    var voteApplied = true
    var keypadPainted = false

    init(_ configuration: BusDeviceConfiguration) { self.configuration = configuration }

    var address: DeviceAddress { configuration.address }
    var isBoard: Bool { configuration.role.isBoard }

    /// Text lines of the board (from identify; defaults until then).
    var lineCount: Int {
        if let identity { return Int(identity.geometry.lines) }
        if case .hallBoard = configuration.role { return 8 }
        return 1
    }

    var columns: Int { identity.map { Int($0.geometry.columns) } ?? (configuration.role == .hallBoard ? 16 : 8) }

    /// Lines whose believed content differs from the target.
    var differingLines: [PaintedLine] {
        (0..<lineCount).compactMap { index in
            let wanted = target.line(index)
            let current = index < shown.count ? shown[index] : nil
            return current == wanted ? nil : PaintedLine(index: index, line: wanted)
        }
    }

    var isConverged: Bool { identity != nil && differingLines.isEmpty }

    /// Forget what the device shows: it is repainted from the desired state.
    mutating func contentUnknown() {
        shown = Array(repeating: nil, count: lineCount)
        keypadPainted = false
        if vote != nil { voteApplied = false }
    }

    /// Queue board content, keeping at most `limit` waiting; an unreachable board skips the queue.
    mutating func enqueue(_ content: BoardContent, limit: Int) {
        if health.state == .offline {
            target = content
            targetShownSince = nil
            queued.removeAll()
            return
        }
        queued.append(content)
        if queued.count > max(limit, 1) { queued.removeFirst(queued.count - max(limit, 1)) }
    }

    /// Moves to the next queued content once the current call has been visible long enough.
    mutating func advanceDisplay(now: BusTime, minimum: UInt64) {
        while !queued.isEmpty {
            if target.holdsCall {
                guard let since = targetShownSince, now >= since.adding(minimum) else { return }
            }
            target = queued.removeFirst()
            targetShownSince = nil
        }
    }

    /// When the queue may advance next, if it waits for a minimum display time.
    func nextAdvance(minimum: UInt64) -> BusTime? {
        guard !queued.isEmpty, target.holdsCall, let since = targetShownSince else { return nil }
        return since.adding(minimum)
    }
}
