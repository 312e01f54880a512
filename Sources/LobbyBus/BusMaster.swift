import LobbyQueue
import LobbyWire

/// The bus master's logic for one bus: desired state, schedule, reconciliation, health.
///
/// Pure: no I/O and no clock. The runner asks `nextStep(now:)`, performs the transaction
/// (with `MasterTransaction`'s retries), and reports it with `complete(_:report:now:wallClock:)`.
public struct BusMaster: Sendable {
    /// The configuration.
    public let configuration: BusConfiguration
    private var slots: [DeviceSlot]
    private var sequence: SequenceNumber
    private var cursor = 0

    /// Creates a master; `firstSequence` should be random per start (Protocol.md §5).
    public init(configuration: BusConfiguration, firstSequence: UInt8) {
        self.configuration = configuration
        slots = configuration.devices.map(DeviceSlot.init)
        sequence = SequenceNumber(firstSequence)
    }

    /// Diagnostics of every device.
    public var reports: [DeviceReport] {
        slots.map { slot in
            DeviceReport(
                address: slot.address, role: slot.configuration.role, health: slot.health, identity: slot.identity,
                target: slot.isBoard ? slot.target : nil, isConverged: slot.isConverged, queuedCalls: slot.queued.count,
                pendingEvents: slot.inbox.pendingCount)
        }
    }

    // MARK: Inputs

    /// Applies a notification from the daemon.
    public mutating func notify(_ notification: BusNotification, now: BusTime) {
        let limit = configuration.maximumQueuedCalls
        for index in slots.indices {
            switch (notification, slots[index].configuration.role) {
            case (.called(let window, _, let number, let isRecall), .windowBoard(let boardWindow)) where window == boardWindow:
                slots[index].enqueue(BoardLayout.window(number: number, isRecall: isRecall), limit: limit)
            case (.called(let window, let ticket, let number, _), .hallBoard):
                var history = slots[index].history.filter { $0.ticket != ticket }
                history.insert(CallEntry(ticket: ticket, number: number, window: window), at: 0)
                slots[index].history = Array(history.prefix(16))
                let content = BoardLayout.hall(history, lines: slots[index].lineCount, columns: slots[index].columns)
                slots[index].enqueue(content, limit: limit)
            case (.windowCleared(let window), .windowBoard(let boardWindow)) where window == boardWindow:
                slots[index].enqueue(.blank, limit: limit)
            case (.serviceFinished(let window, let ticket), .keypad(let keypadWindow, _)) where window == keypadWindow:
                let until = now.adding(UInt64(configuration.voteTimeoutSeconds) * 1_000_000)
                slots[index].vote = DeviceSlot.VoteSession(ticket: KeypadEventTranslator.reference(for: ticket), until: until)
                slots[index].voteApplied = false
            case (.repaintAll, _):
                slots[index].contentUnknown()
            default:
                break
            }
        }
    }

    /// The serial port was (re)opened: nothing is known about what devices show.
    public mutating func portOpened(now: BusTime) {
        for index in slots.indices {
            slots[index].contentUnknown()
            slots[index].health.probeSoon(now: now)
            slots[index].nextPoll = now
        }
    }

    /// Records the queue's decision on a submitted keypad event.
    public mutating func sinkDecided(_ key: KeypadEventKey, _ decision: SinkDecision, now: BusTime) {
        for index in slots.indices where slots[index].identity?.serial == key.serial {
            guard slots[index].inbox.generation == key.generation else { continue }
            slots[index].inbox.decide(key.event, decision)
            // Acknowledge promptly so the keypad's buffer drains.
            if slots[index].nextPoll > now { slots[index].nextPoll = now }
        }
    }

    // MARK: Schedule

    /// The next transaction, or how long nothing is due.
    public mutating func nextStep(now: BusTime) -> BusStep {
        for index in slots.indices where slots[index].isBoard {
            slots[index].advanceDisplay(now: now, minimum: configuration.minimumCallDisplay)
        }
        for commandsPass in [true, false] {
            for offset in 0..<slots.count {
                let index = (cursor + offset) % slots.count
                guard let (message, purpose) = candidate(index, commandsPass: commandsPass, now: now) else { continue }
                cursor = (index + 1) % slots.count
                sequence = sequence.next
                return .send(PlannedRequest(address: slots[index].address, message: message, purpose: purpose, sequence: sequence))
            }
        }
        var wake = now.adding(1_000_000)
        for slot in slots {
            let due = slot.health.state == .offline ? slot.health.nextProbe : slot.nextPoll
            wake = min(wake, due)
            if let advance = slot.nextAdvance(minimum: configuration.minimumCallDisplay) { wake = min(wake, advance) }
        }
        return .idle(until: max(wake, now))
    }

    private func candidate(_ index: Int, commandsPass: Bool, now: BusTime) -> (Message, RequestPurpose)? {
        let slot = slots[index]
        if slot.health.state == .offline {
            guard !commandsPass, now >= slot.health.nextProbe else { return nil }
            return slot.identity == nil ? (.identifyRequest, .identify) : (.poll(acknowledgingThrough: nil), .probe)
        }
        if commandsPass {
            if slot.identity == nil { return (.identifyRequest, .identify) }
            if slot.isBoard {
                let lines = slot.differingLines
                guard let first = BoardLayout.messages(for: lines.map { ($0.index, $0.line) }).first else { return nil }
                let sent = lines.prefix(first.count)
                return (.showText(first), .paint(Array(sent)))
            }
            if let vote = slot.vote, !slot.voteApplied, now < vote.until {
                let remaining = (vote.until.microseconds - now.microseconds + 999_999) / 1_000_000
                return (.voteStart(ticket: vote.ticket, timeoutSeconds: UInt16(min(max(remaining, 1), 65_535))), .voteStart(vote.ticket))
            }
            if !slot.keypadPainted {
                var text = TextLines()
                if case .keypad(let window, _) = slot.configuration.role {
                    text.append(line: 0, attributes: .alignCenter, utf8: Array(String(window.rawValue).utf8))
                }
                return (.keypadText(text), .keypadRepaint)
            }
            return nil
        }
        guard now >= slot.nextPoll else { return nil }
        let through = slot.isBoard ? nil : slot.inbox.acknowledgeThrough
        return (.poll(acknowledgingThrough: through), .poll(acknowledging: through))
    }

    // MARK: Answers

    /// Applies a finished transaction; `wallClock` is when the answer arrived (for vote times).
    public mutating func complete(_ request: PlannedRequest, report: TransactionReport, now: BusTime, wallClock: Instant) -> [BusEffect] {
        guard let index = slots.firstIndex(where: { $0.address == request.address }) else { return [] }
        var effects: [BusEffect] = []
        let before = slots[index].health.state
        let protocolError: Bool = {
            if case .nack = report.answer { return true }
            return false
        }()
        let conflictBefore = slots[index].health.addressConflictSuspected
        let cameBack = slots[index].health.record(
            answered: report.answer != nil, attempts: report.attempts, damagedFrames: report.damagedFrames,
            extraAnswers: report.extraAnswers, protocolError: protocolError, now: now,
            recoverAfter: configuration.cleanTransactionsToRecover)
        let after = slots[index].health.state
        if before != after { effects.append(.healthChanged(request.address, after)) }
        if !conflictBefore && slots[index].health.addressConflictSuspected { effects.append(.addressConflict(request.address)) }
        guard let answer = report.answer else {
            // Only a board that has gone offline drops its queued calls for the latest truth; one
            // missed answer must not cut the minimum display time of the calls waiting their turn.
            if slots[index].isBoard && after == .offline {
                slots[index].enqueue(slots[index].queued.last ?? slots[index].target, limit: 1)
            }
            return effects
        }
        if cameBack { slots[index].contentUnknown() }
        let interval = slots[index].isBoard ? configuration.boardVerifyInterval : configuration.keypadPollInterval
        switch (request.purpose, answer) {
        case (.identify, .identifyReply(let identity)):
            slots[index].identity = identity
            slots[index].contentUnknown()
            slots[index].nextPoll = now
            effects.append(.identified(request.address, identity))
            if identity.kind.isBoard != slots[index].isBoard { effects.append(.wrongDeviceKind(request.address, identity.kind)) }
        case (.poll(let through), .status(let status)):
            slots[index].nextPoll = now.adding(interval)
            effects += handleStatus(index, status, acknowledged: through, wallClock: wallClock)
        case (.probe, .status(let status)):
            slots[index].nextPoll = now.adding(interval)
            effects += handleStatus(index, status, acknowledged: nil, wallClock: wallClock)
        case (.paint(let lines), .ack):
            for painted in lines where painted.index < slots[index].shown.count { slots[index].shown[painted.index] = painted.line }
            if slots[index].differingLines.isEmpty {
                if slots[index].targetShownSince == nil { slots[index].targetShownSince = now }
                effects.append(.boardPainted(request.address, slots[index].target))
            }
        case (.paint(let lines), .nack):
            // The board refuses these lines (geometry changed?): do not resend them forever.
            for painted in lines where painted.index < slots[index].shown.count { slots[index].shown[painted.index] = painted.line }
            slots[index].identity = nil
        case (.voteStart(let ticket), .ack):
            if slots[index].vote?.ticket == ticket { slots[index].voteApplied = true }
        case (.keypadRepaint, _):
            slots[index].keypadPainted = true
        case (_, .nack(_, .unsupportedByDevice, _)):
            slots[index].identity = nil
        default:
            break
        }
        return effects
    }

    private mutating func handleStatus(_ index: Int, _ status: DeviceStatus, acknowledged: EventID?, wallClock: Instant) -> [BusEffect] {
        var effects: [BusEffect] = []
        let address = slots[index].address
        // A restart shows as uptime going down, or (within the first second) as needsRepaint on a
        // device whose content was known. Either way its content and its event ids start afresh.
        // A board also asks for a repaint after a test pattern (Protocol.md §12): on a board that
        // has been up for more than a second, needsRepaint alone means "repaint", not "restarted".
        let uptimeWentDown = slots[index].lastUptime.map { status.uptimeSeconds < $0 } ?? false
        let wasKnown = slots[index].shown.contains { $0 != nil } || slots[index].keypadPainted
        let repaintMeansRestart = !slots[index].isBoard || slots[index].lastUptime == nil || status.uptimeSeconds <= 1
        let restarted = uptimeWentDown || (status.flags.contains(.needsRepaint) && wasKnown && repaintMeansRestart)
        slots[index].lastUptime = status.uptimeSeconds
        if restarted {
            slots[index].health.recordRestart()
            slots[index].inbox.keypadRestarted()
            effects.append(.deviceRestarted(address))
        }
        if restarted || status.flags.contains(.needsRepaint) { slots[index].contentUnknown() }
        guard !slots[index].isBoard, let identity = slots[index].identity,
            case .keypad(let window, let transferTarget) = slots[index].configuration.role
        else { return effects }
        if !restarted, let acknowledged { slots[index].inbox.acknowledgementDelivered(acknowledged) }
        for position in 0..<status.events.count {
            let event = status.events[position]
            guard slots[index].inbox.offer(event.id) else { continue }
            let disposition = KeypadEventTranslator.translate(
                event, serial: identity.serial, window: window, transferTarget: transferTarget, arrivedAt: wallClock)
            effects.append(.keypadEvent(address, event, disposition))
            switch event.kind {
            case .vote(let ticket, _), .voteTimedOut(let ticket):
                if slots[index].vote?.ticket == ticket { slots[index].vote = nil }
            default:
                break
            }
            switch disposition {
            case .submit(let request):
                let key = KeypadEventKey(serial: identity.serial, event: event.id, generation: slots[index].inbox.generation)
                effects.append(.submit(request, key))
            case .noCommand:
                slots[index].inbox.decide(event.id, .accepted)
            }
        }
        return effects
    }
}
