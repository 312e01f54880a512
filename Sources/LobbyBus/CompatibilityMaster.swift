import LobbyQueue
import LobbyWire

/// The bus master's logic for a Candle/QSystem or FF 68 bus: desired state, pacing, polls,
/// health and keypad events, for devices that acknowledge nothing and cannot be read back.
///
/// Pure: no I/O and no clock. The runner asks `nextStep(now:)`, writes the frames (reading
/// back the adapter echo and the answer, if any) and reports with `complete(_:outcome:now:wallClock:)`;
/// frames the devices send on their own go to `received(_:now:wallClock:)`.
public struct CompatibilityMaster: Sendable {
    struct Device: Sendable {
        var slot: DeviceSlot
        /// What the master last wrote to the board (nil = unknown: write it).
        var painted: BoardContent?
        var paintedAt: BusTime?
        /// What the master last wrote to a QSystem keypad's display (nil = unknown).
        var display: String?
        var failedPolls = 0
        var nextEvent = EventID(1)
        /// Last FF 68 event frame seen from the device: re-deliveries carry the same bytes.
        var lastFrame: (raw: [UInt8], at: BusTime, request: RequestID?)?
    }

    struct Pending: Sendable {
        var address: DeviceAddress
        var request: CommandRequest
        var retryAt: BusTime?
    }

    /// The configuration.
    public let configuration: BusConfiguration
    private var devices: [Device]
    private var cursor = 0
    private var sessions: [WindowID: (ticket: TicketID, until: BusTime)] = [:]
    private var pending: [KeypadEventKey: Pending] = [:]

    /// Creates the master for a bus whose `busProtocol` is `candleQSystem` or `ff68`.
    public init(configuration: BusConfiguration) {
        self.configuration = configuration
        devices = configuration.devices.map { Device(slot: DeviceSlot($0)) }
    }

    private var options: CompatibilityOptions { configuration.compatibility }

    /// The synthetic serial of a compatibility device (they have none): protocol tag and address.
    public static func serial(of address: DeviceAddress, busProtocol: BusProtocol) -> DeviceSerial {
        let tag: UInt64 = busProtocol == .ff68 ? 0xFF68 : 0xCA4D
        return DeviceSerial(0xC0_0000_0000_0000 | tag << 16 | UInt64(address.rawValue))
    }

    /// Diagnostics of every device.
    public var reports: [DeviceReport] {
        devices.map { device in
            let slot = device.slot
            let converged = slot.isBoard ? device.painted == slot.target : device.display != nil || !hasDisplay
            return DeviceReport(
                address: slot.address, role: slot.configuration.role, health: slot.health, identity: nil,
                target: slot.isBoard ? slot.target : nil, isConverged: converged, queuedCalls: slot.queued.count,
                pendingEvents: pending.values.filter { $0.address == slot.address }.count)
        }
    }

    private var hasDisplay: Bool { configuration.busProtocol == .candleQSystem }

    // MARK: Inputs

    /// Applies a notification from the daemon.
    public mutating func notify(_ notification: BusNotification, now: BusTime) {
        let limit = configuration.maximumQueuedCalls
        switch notification {
        case .serviceFinished(let window, let ticket):
            sessions[window] = (ticket, now.adding(UInt64(configuration.voteTimeoutSeconds) * 1_000_000))
        case .called(let window, _, _, _):
            // The next call ends the chance to rate the previous ticket. A cleared window does
            // not: lobbyd blanks a window's board as soon as its service ends.
            sessions[window] = nil
        case .windowCleared:
            break
        case .repaintAll:
            break
        }
        for index in devices.indices {
            switch (notification, devices[index].slot.configuration.role) {
            case (.called(let window, _, let number, let isRecall), .windowBoard(let boardWindow)) where window == boardWindow:
                devices[index].slot.enqueue(BoardLayout.window(number: number, isRecall: isRecall), limit: limit)
            case (.called(let window, let ticket, let number, _), .hallBoard):
                var history = devices[index].slot.history.filter { $0.ticket != ticket }
                history.insert(CallEntry(ticket: ticket, number: number, window: window), at: 0)
                devices[index].slot.history = Array(history.prefix(16))
                devices[index].slot.enqueue(BoardLayout.hall(history, lines: 1, columns: options.boardColumns), limit: limit)
            case (.windowCleared(let window), .windowBoard(let boardWindow)) where window == boardWindow:
                devices[index].slot.enqueue(.blank, limit: limit)
            case (.repaintAll, _):
                devices[index].painted = nil
                devices[index].display = nil
            default:
                break
            }
        }
    }

    /// The serial port was (re)opened: nothing is known about what devices show.
    public mutating func portOpened(now: BusTime) {
        for index in devices.indices {
            devices[index].painted = nil
            devices[index].display = nil
            devices[index].failedPolls = 0
            devices[index].slot.nextPoll = now
            devices[index].slot.health.probeSoon(now: now)
        }
    }

    /// Records the queue's decision on a submitted command.
    public mutating func sinkDecided(_ key: KeypadEventKey, _ decision: SinkDecision, now: BusTime) {
        guard var entry = pending[key] else { return }
        if case .unavailable = decision {
            entry.retryAt = now.adding(configuration.compatibility.resubmitDelay)
            pending[key] = entry
        } else {
            pending[key] = nil
        }
    }

    /// Commands whose resubmission is due (after `unavailable`).
    public mutating func dueSubmissions(now: BusTime) -> [BusEffect] {
        var effects: [BusEffect] = []
        for (key, entry) in pending.sorted(by: { $0.key.event.rawValue < $1.key.event.rawValue }) {
            guard let retryAt = entry.retryAt, retryAt <= now else { continue }
            pending[key]?.retryAt = nil
            effects.append(.submit(entry.request, key))
        }
        return effects
    }

    // MARK: Schedule

    /// The next write, or how long nothing is due.
    public mutating func nextStep(now: BusTime) -> CompatibilityStep {
        for index in devices.indices where devices[index].slot.isBoard {
            devices[index].slot.advanceDisplay(now: now, minimum: configuration.minimumCallDisplay)
        }
        for commandsPass in [true, false] {
            for offset in 0..<devices.count {
                let index = (cursor + offset) % devices.count
                guard let request = candidate(index, commandsPass: commandsPass, now: now) else { continue }
                cursor = (index + 1) % devices.count
                return .send(request)
            }
        }
        var wake = now.adding(1_000_000)
        for device in devices {
            let slot = device.slot
            if let advance = slot.nextAdvance(minimum: configuration.minimumCallDisplay) { wake = min(wake, advance) }
            if slot.isBoard {
                if let at = device.paintedAt { wake = min(wake, at.adding(options.boardRefreshInterval)) }
            } else if supportsPolling {
                wake = min(wake, slot.health.state == .offline ? slot.health.nextProbe : slot.nextPoll)
            }
        }
        for entry in pending.values { if let retryAt = entry.retryAt { wake = min(wake, retryAt) } }
        return .idle(until: max(wake, now))
    }

    private var supportsPolling: Bool { configuration.busProtocol != .lobby }

    private func candidate(_ index: Int, commandsPass: Bool, now: BusTime) -> CompatibilityRequest? {
        let device = devices[index]
        let slot = device.slot
        let address = slot.address
        let busProtocol = configuration.busProtocol
        let pacing = options.pacing(for: busProtocol)
        if slot.isBoard {
            // FF 68 buses carry callers and evaluators only; their displays are not driven.
            guard commandsPass, busProtocol == .candleQSystem else { return nil }
            if slot.health.state == .offline && now < slot.health.nextProbe { return nil }
            let stale = device.paintedAt.map { now >= $0.adding(options.boardRefreshInterval) } ?? true
            guard device.painted != slot.target || stale else { return nil }
            let frames = CandleBoardDriver(pacingMicroseconds: pacing).frames(showing: slot.target, at: address.rawValue)
            return CompatibilityRequest(address: address, frames: frames, purpose: .paint(slot.target), pacing: pacing, answerTimeout: nil)
        }
        if commandsPass {
            guard hasDisplay, device.display == nil, slot.health.state != .offline, case .keypad(let window, _) = slot.configuration.role
            else { return nil }
            let text = String(window.rawValue)
            return CompatibilityRequest(
                address: address, frames: [QSystemKeypadDriver.display(text, address: address.rawValue, blink: false)],
                purpose: .keypadDisplay(text), pacing: pacing, answerTimeout: nil)
        }
        let due = slot.health.state == .offline ? slot.health.nextProbe : slot.nextPoll
        guard now >= due else { return nil }
        let poll: [UInt8]
        let answerBytes: Int
        if busProtocol == .ff68 {
            poll = FF68Driver.poll(address: address.rawValue, function: options.ff68PollFunction)
            answerBytes = 7 + 2 + 8
        } else {
            poll = QSystemKeypadDriver.scan(address: address.rawValue)
            answerBytes = 4
        }
        let timeout = options.answerDeadline(requestBytes: poll.count, answerBytes: answerBytes, baud: configuration.baud)
        return CompatibilityRequest(address: address, frames: [poll], purpose: .poll, pacing: 0, answerTimeout: timeout)
    }

    // MARK: Results

    /// Applies a finished request; `wallClock` is when it ended (for vote times).
    public mutating func complete(_ request: CompatibilityRequest, outcome: CompatibilityOutcome, now: BusTime, wallClock: Instant) -> [BusEffect] {
        guard let index = devices.firstIndex(where: { $0.slot.address == request.address }) else { return [] }
        var effects: [BusEffect] = []
        let before = devices[index].slot.health.state
        switch request.purpose {
        case .paint(let content):
            // "Delivered" for a board without answers: written to the port (and read back intact
            // from an echoing adapter). Anything else: write it again.
            let written = record(index, echo: outcome.echo, now: now)
            if written {
                let changed = devices[index].painted != content
                devices[index].painted = content
                devices[index].paintedAt = now
                if content == devices[index].slot.target {
                    if devices[index].slot.targetShownSince == nil { devices[index].slot.targetShownSince = now }
                    if changed { effects.append(.boardPainted(request.address, content)) }
                }
            } else {
                devices[index].painted = nil
                devices[index].paintedAt = nil
            }
        case .keypadDisplay(let text):
            devices[index].display = record(index, echo: outcome.echo, now: now) ? text : nil
        case .poll:
            if let answer = outcome.answer, answer.address == request.address.rawValue {
                let attempts = devices[index].failedPolls + 1
                devices[index].failedPolls = 0
                let damaged = outcome.damagedChunks + (outcome.echo == .damaged ? 1 : 0)
                let cameBack = devices[index].slot.health.record(
                    answered: true, attempts: attempts, damagedFrames: damaged, extraAnswers: 0, protocolError: false, now: now,
                    recoverAfter: configuration.cleanTransactionsToRecover)
                // It may have lost power while away: write its display again.
                if cameBack { devices[index].display = nil }
                devices[index].slot.nextPoll = now.adding(configuration.keypadPollInterval)
                effects += handle(index, answer, now: now, wallClock: wallClock)
            } else {
                devices[index].failedPolls += 1
                if devices[index].failedPolls >= max(options.attempts, 1) || before == .offline {
                    _ = devices[index].slot.health.record(
                        answered: false, attempts: devices[index].failedPolls, damagedFrames: outcome.damagedChunks, extraAnswers: 0,
                        protocolError: false, now: now, recoverAfter: configuration.cleanTransactionsToRecover)
                    devices[index].failedPolls = 0
                } else {
                    devices[index].slot.nextPoll = now
                }
            }
        }
        let after = devices[index].slot.health.state
        if before != after { effects.insert(.healthChanged(request.address, after), at: 0) }
        return effects
    }

    /// Records a write; true when it counts as delivered.
    private mutating func record(_ index: Int, echo: EchoResult, now: BusTime) -> Bool {
        let answered = echo != .missing
        _ = devices[index].slot.health.record(
            answered: answered, attempts: 1, damagedFrames: echo == .damaged ? 1 : 0, extraAnswers: 0, protocolError: false, now: now,
            recoverAfter: configuration.cleanTransactionsToRecover)
        return echo == .notChecked || echo == .intact
    }

    /// Applies frames a device sent outside an expected answer (QSystem keypads may send keys
    /// on their own; answers that came late).
    public mutating func received(_ inputs: [CompatibilityInput], now: BusTime, wallClock: Instant) -> [BusEffect] {
        var effects: [BusEffect] = []
        for input in inputs {
            guard let index = devices.firstIndex(where: { $0.slot.address.rawValue == input.address && !$0.slot.isBoard }) else { continue }
            effects += handle(index, input, now: now, wallClock: wallClock)
        }
        return effects
    }

    private mutating func handle(_ index: Int, _ input: CompatibilityInput, now: BusTime, wallClock: Instant) -> [BusEffect] {
        guard case .keypad(let window, let transferTarget) = devices[index].slot.configuration.role else { return [] }
        let address = devices[index].slot.address
        let kind: KeypadEventKind
        switch input {
        case .present:
            return []
        case .key(_, let code):
            guard let mapped = QSystemKeypadDriver.kind(forKey: code) else { return [] }
            kind = mapped
        case .ff68(_, let function, let data, let raw):
            if let last = devices[index].lastFrame, last.raw == raw, now < last.at.adding(options.duplicateWindow) {
                // The device missed our echo and sent the same frame again: already handled.
                devices[index].lastFrame?.at = now
                return []
            }
            devices[index].lastFrame = (raw, now, nil)
            if function == FF68Driver.evaluatorFunction, let key = data.first, Int(key) < options.evaluatorScores.count {
                kind = .vote(ticket: TicketReference(0), score: options.evaluatorScores[Int(key)])
            } else if let key = options.ff68CallerKeys[function] {
                kind = .operatorKey(key)
            } else {
                kind = .keyPressed(function)
            }
        }
        let id = devices[index].nextEvent
        devices[index].nextEvent = id.next
        let prefix = "\(configuration.busProtocol == .ff68 ? "ff68" : "qsystem")-\(FrameDescriber.hex(address.rawValue).dropFirst(2))"
        var event = KeypadEvent(id: id, kind: kind, ageSeconds: 0)
        let disposition: KeypadEventDisposition
        switch kind {
        case .vote(_, let score):
            // These evaluators know no ticket: the vote is for the ticket just finished at this window.
            guard let session = sessions[window], now < session.until else {
                return [.keypadEvent(address, event, .noCommand)]
            }
            sessions[window] = nil
            event.kind = .vote(ticket: KeypadEventTranslator.reference(for: session.ticket), score: score)
            let vote = VoteRequest(ticket: session.ticket, score: Int(score), window: window, castAt: wallClock)
            disposition = .submit(CommandRequest(RequestID("\(prefix)-vote-t\(session.ticket.rawValue)"), .vote(vote)))
        case .operatorKey:
            let serial = Self.serial(of: address, busProtocol: configuration.busProtocol)
            switch KeypadEventTranslator.translate(event, serial: serial, window: window, transferTarget: transferTarget, arrivedAt: wallClock) {
            case .submit(let request):
                // No event ids on these devices: the arrival time makes the press unique.
                disposition = .submit(CommandRequest(RequestID("\(prefix)-\(wallClock.milliseconds)-\(request.command.name)"), request.command))
            case .noCommand:
                disposition = .noCommand
            }
        case .keyPressed, .voteTimedOut:
            disposition = .noCommand
        }
        var effects: [BusEffect] = [.keypadEvent(address, event, disposition)]
        if case .submit(let request) = disposition {
            let key = KeypadEventKey(serial: Self.serial(of: address, busProtocol: configuration.busProtocol), event: id, generation: 0)
            pending[key] = Pending(address: address, request: request, retryAt: nil)
            effects.append(.submit(request, key))
        }
        return effects
    }
}
