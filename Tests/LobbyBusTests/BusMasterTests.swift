import LobbyBus
import LobbyQueue
import LobbyWire
import LobbyTestSupport
import Testing

/// The pure master without I/O: steps, answers and effects, with time as a parameter.
@Suite("BusMaster logic", .tags(.unit))
struct BusMasterTests {
    static let board = DeviceAddress(0x11)
    static let keypad = DeviceAddress(0x41)
    static let boardIdentity = DeviceIdentity(
        kind: .windowBoard, firmware: FirmwareVersion(major: 1, minor: 0, patch: 0), serial: DeviceSerial(1),
        geometry: DisplayGeometry(lines: 1, columns: 8, glyphWidth: 8, glyphHeight: 16))
    static let keypadIdentity = DeviceIdentity(
        kind: .keypad, firmware: FirmwareVersion(major: 1, minor: 0, patch: 0), serial: DeviceSerial(0xABC),
        geometry: DisplayGeometry(lines: 1, columns: 8, glyphWidth: 0, glyphHeight: 0))

    static func t(_ milliseconds: UInt64) -> BusTime { BusTime(microseconds: milliseconds * 1000) }

    /// Answers every request the way a healthy device would, until the master idles.
    static func settle(_ master: inout BusMaster, at now: BusTime, answer: (PlannedRequest) -> Message?) -> [BusEffect] {
        var effects: [BusEffect] = []
        for _ in 0..<20 {
            guard case .send(let request) = master.nextStep(now: now) else { break }
            let reply = answer(request)
            effects += master.complete(
                request, report: TransactionReport(answer: reply, attempts: reply == nil ? 3 : 1), now: now,
                wallClock: Instant(seconds: 1_000_000))
        }
        return effects
    }

    static func healthyBoard(_ request: PlannedRequest) -> Message? {
        switch request.message {
        case .identifyRequest: .identifyReply(boardIdentity)
        case .poll: .status(DeviceStatus(flags: [], uptimeSeconds: 10))
        default: .ack(request.message.type)
        }
    }

    @Test("first contact: identify, then paint the desired content, then idle until the verify poll")
    func firstContact() {
        var master = BusMaster(
            configuration: BusConfiguration(devices: [BusDeviceConfiguration(address: Self.board, role: .windowBoard(5))]),
            firstSequence: 200)
        master.notify(.called(window: 5, ticket: TicketID(1), number: "A001"), now: Self.t(0))
        guard case .send(let first) = master.nextStep(now: Self.t(0)) else { Issue.record("no request"); return }
        #expect(first.message == .identifyRequest)
        #expect(first.sequence == SequenceNumber(201))
        _ = master.complete(first, report: TransactionReport(answer: .identifyReply(Self.boardIdentity), attempts: 1), now: Self.t(1), wallClock: Instant(seconds: 0))
        guard case .send(let paint) = master.nextStep(now: Self.t(1)) else { Issue.record("no paint"); return }
        var lines = TextLines()
        lines.append(line: 0, attributes: .alignCenter, utf8: Array("A001".utf8))
        #expect(paint.message == .showText(lines))
        let effects = master.complete(paint, report: TransactionReport(answer: .ack(.showText), attempts: 1), now: Self.t(2), wallClock: Instant(seconds: 0))
        #expect(effects.contains(.boardPainted(Self.board, BoardLayout.window(number: "A001", isRecall: false))))
        guard case .send(let poll) = master.nextStep(now: Self.t(2)) else { Issue.record("no poll"); return }
        #expect(poll.message == .poll(acknowledgingThrough: nil))
        _ = master.complete(poll, report: TransactionReport(answer: .status(DeviceStatus(flags: [], uptimeSeconds: 3)), attempts: 1), now: Self.t(3), wallClock: Instant(seconds: 0))
        #expect(master.nextStep(now: Self.t(3)) == .idle(until: Self.t(1003)))
    }

    @Test("a board that asks for a repaint after a test pattern is repainted, and not counted as restarted")
    func repaintAfterTestPattern() {
        var master = BusMaster(
            configuration: BusConfiguration(devices: [BusDeviceConfiguration(address: Self.board, role: .windowBoard(5))]),
            firstSequence: 7)
        master.notify(.called(window: 5, ticket: TicketID(1), number: "A001"), now: Self.t(0))
        _ = Self.settle(&master, at: Self.t(0), answer: Self.healthyBoard)
        #expect(master.reports[0].isConverged)
        // The verify poll a second later: same uptime plus one, needsRepaint set by the pattern.
        guard case .send(let poll) = master.nextStep(now: Self.t(1000)) else { Issue.record("no poll"); return }
        let effects = master.complete(
            poll, report: TransactionReport(answer: .status(DeviceStatus(flags: .needsRepaint, uptimeSeconds: 11)), attempts: 1),
            now: Self.t(1000), wallClock: Instant(seconds: 0))
        #expect(!effects.contains(.deviceRestarted(Self.board)))
        #expect(master.reports[0].health.restarts == 0)
        guard case .send(let paint) = master.nextStep(now: Self.t(1000)) else { Issue.record("no repaint"); return }
        guard case .showText(let lines) = paint.message else { Issue.record("\(paint.message)"); return }
        #expect("\(lines)" == "\"A001\" centre")
    }

    @Test("health: retries degrade, giving up is offline with backoff, clean answers recover", arguments: [
        ([1], HealthState.online), ([2], .degraded), ([0], .offline), ([0, 1], .online), ([2, 1, 1], .degraded),
        ([2] + Array(repeating: 1, count: 10), .online),
    ])
    func health(attempts: [Int], expected: HealthState) {
        var health = DeviceHealth()
        for (step, made) in attempts.enumerated() {
            _ = health.record(
                answered: made > 0, attempts: made == 0 ? 3 : made, damagedFrames: 0, extraAnswers: 0, protocolError: false,
                now: Self.t(UInt64(step) * 100), recoverAfter: 10)
        }
        #expect(health.state == expected)
    }

    @Test("offline probes back off 1, 2, 4, 8, 16, 30, 30 s")
    func backoff() {
        var health = DeviceHealth()
        var now: UInt64 = 0
        var delays: [UInt64] = []
        for _ in 0..<7 {
            _ = health.record(answered: false, attempts: 3, damagedFrames: 0, extraAnswers: 0, protocolError: false, now: Self.t(now), recoverAfter: 10)
            delays.append((health.nextProbe.microseconds - now * 1000) / 1_000_000)
            now = health.nextProbe.microseconds / 1000
        }
        #expect(delays == [1, 2, 4, 8, 16, 30, 30])
    }

    @Test("a board that reports needsRepaint is repainted from the desired state")
    func repaintOnNeedsRepaint() {
        var master = BusMaster(
            configuration: BusConfiguration(devices: [BusDeviceConfiguration(address: Self.board, role: .windowBoard(5))]),
            firstSequence: 0)
        master.notify(.called(window: 5, ticket: TicketID(1), number: "A001"), now: Self.t(0))
        _ = Self.settle(&master, at: Self.t(0), answer: Self.healthyBoard)
        #expect(master.reports[0].isConverged)
        guard case .send(let poll) = master.nextStep(now: Self.t(1000)) else { Issue.record("no poll"); return }
        let effects = master.complete(
            poll, report: TransactionReport(answer: .status(DeviceStatus(flags: [.needsRepaint], uptimeSeconds: 0)), attempts: 1),
            now: Self.t(1000), wallClock: Instant(seconds: 0))
        #expect(effects.contains(.deviceRestarted(Self.board)))
        #expect(!master.reports[0].isConverged)
        guard case .send(let paint) = master.nextStep(now: Self.t(1000)), case .showText = paint.message else {
            Issue.record("no repaint")
            return
        }
    }

    @Test("keypad events: submitted once, acknowledged only after the decision, castAt = arrival − age")
    func keypadEvents() {
        var master = BusMaster(
            configuration: BusConfiguration(devices: [BusDeviceConfiguration(address: Self.keypad, role: .keypad(3))]),
            firstSequence: 0)
        _ = Self.settle(&master, at: Self.t(0)) { request in
            switch request.message {
            case .identifyRequest: .identifyReply(Self.keypadIdentity)
            case .poll: .status(DeviceStatus(flags: [], uptimeSeconds: 5))
            default: .ack(request.message.type)
            }
        }
        var batch = KeypadEventBatch()
        batch.append(KeypadEvent(id: EventID(7), kind: .vote(ticket: TicketReference(77), score: 2), ageSeconds: 40))
        let status = Message.status(DeviceStatus(flags: [], uptimeSeconds: 50, pendingEvents: 1, events: batch))
        let arrived = Instant(seconds: 1_700_000_000)
        var submissions: [(CommandRequest, KeypadEventKey)] = []
        for round in 0..<3 {
            guard case .send(let poll) = master.nextStep(now: Self.t(1000 + UInt64(round) * 200)) else { continue }
            #expect(poll.message == .poll(acknowledgingThrough: nil))
            for effect in master.complete(poll, report: TransactionReport(answer: status, attempts: 1), now: Self.t(1000 + UInt64(round) * 200), wallClock: arrived) {
                if case .submit(let request, let key) = effect { submissions.append((request, key)) }
            }
        }
        #expect(submissions.count == 1)
        let vote = VoteRequest(ticket: TicketID(77), score: 2, window: 3, castAt: Instant(seconds: 1_700_000_000 - 40))
        #expect(submissions.first?.0 == CommandRequest("keypad-0000000000000abc-e7-vote-t77-s2", .vote(vote)))
        master.sinkDecided(submissions[0].1, .accepted, now: Self.t(1700))
        guard case .send(let ackPoll) = master.nextStep(now: Self.t(1700)) else { Issue.record("no ack poll"); return }
        #expect(ackPoll.message == .poll(acknowledgingThrough: EventID(7)))
    }

    @Test("event translation", arguments: [
        (KeypadEventKind.operatorKey(.callNext), QueueCommand?.some(.callNext(window: 4)), "keypad-0000000000000009-e3-callNext"),
        (.operatorKey(.recall), .recall(window: 4), "keypad-0000000000000009-e3-recall"),
        (.operatorKey(.noShow), .noShow(window: 4), "keypad-0000000000000009-e3-noShow"),
        (.operatorKey(.finish), .finishService(window: 4), "keypad-0000000000000009-e3-finishService"),
        (.operatorKey(.transfer), nil, ""),
        (.keyPressed(2), nil, ""),
        (.voteTimedOut(ticket: TicketReference(5)), nil, ""),
    ])
    func translation(kind: KeypadEventKind, command: QueueCommand?, requestID: String) {
        let disposition = KeypadEventTranslator.translate(
            KeypadEvent(id: EventID(3), kind: kind, ageSeconds: 0), serial: DeviceSerial(9), window: 4, transferTarget: nil,
            arrivedAt: Instant(seconds: 0))
        if let command {
            #expect(disposition == .submit(CommandRequest(RequestID(requestID), command)))
        } else {
            #expect(disposition == .noCommand)
        }
    }

    @Test("hall board lines and packing into showText payloads")
    func layout() {
        let entries = (1...10).map { CallEntry(ticket: TicketID(UInt64($0)), number: "A\(100 + $0)", window: WindowID($0)) }
        let content = BoardLayout.hall(entries, lines: 8, columns: 16)
        #expect(content.lines.count == 8)
        #expect(content.lines[0].text == "A101" + String(repeating: " ", count: 10) + "→1")
        #expect(content.lines[7].text == "A108" + String(repeating: " ", count: 10) + "→8")
        let long = (0..<8).map { ($0, BoardLine(String(repeating: "W", count: 60))) }
        let messages = BoardLayout.messages(for: long)
        #expect(messages.map(\.count) == [3, 3, 2])
        #expect(messages.allSatisfy { $0.payload.count <= FrameLimits.maxPayload })
    }
}
