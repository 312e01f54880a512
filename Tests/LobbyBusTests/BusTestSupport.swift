import Foundation
import LobbyBoardFont
import LobbyBus
import LobbyBusSimulator
import LobbyQueue
import LobbySerial
import LobbyWire
import Synchronization

/// A queue stand-in: accepts commands, remembers request ids like the queue engine does
/// (a repeated id is a repeat, not a new command), and can refuse or be unavailable.
final class RecordingSink: QueueCommandSink {
    struct Submission: Sendable {
        var request: CommandRequest
        var at: UInt64
    }
    private let state = Mutex<(submissions: [Submission], applied: [RequestID: QueueCommand], unavailableLeft: Int, holdSeconds: Double)>(
        ([], [:], 0, 0))

    /// The next `count` submissions answer `unavailable`.
    func beUnavailable(times count: Int) { state.withLock { $0.unavailableLeft = count } }
    /// Each submission takes this long before its decision.
    func hold(seconds: Double) { state.withLock { $0.holdSeconds = seconds } }

    func submit(_ request: CommandRequest) async -> SinkDecision {
        let hold = state.withLock { $0.holdSeconds }
        if hold > 0 { try? await Task.sleep(for: .seconds(hold)) }
        return state.withLock { state in
            state.submissions.append(Submission(request: request, at: MonotonicClock.microseconds()))
            if state.unavailableLeft > 0 {
                state.unavailableLeft -= 1
                return .unavailable("journal busy")
            }
            if state.applied[request.requestID] == nil { state.applied[request.requestID] = request.command }
            return .accepted
        }
    }

    var submissions: [Submission] { state.withLock { $0.submissions } }
    /// Commands the queue applied (each request id once).
    var applied: [QueueCommand] { state.withLock { Array($0.applied.values) } }
    var votes: [VoteRequest] {
        applied.compactMap { command in
            if case .vote(let vote) = command { return vote }
            return nil
        }
    }
}

/// Collects bus events with their arrival time.
final class EventLog: Sendable {
    private let entries = Mutex<[(at: UInt64, event: BusEvent)]>([])
    func record(_ event: BusEvent) { entries.withLock { $0.append((MonotonicClock.microseconds(), event)) } }
    var all: [(at: UInt64, event: BusEvent)] { entries.withLock { $0 } }
    func count(where predicate: (BusEvent) -> Bool) -> Int { all.filter { predicate($0.event) }.count }
}

/// A running bus service on a simulator, stopped by `stop()`.
final class BusFixture {
    let service: BusService
    let sink = RecordingSink()
    let log = EventLog()
    let notify: AsyncStream<BusNotification>.Continuation
    /// The configuration the service runs with.
    let configuration: BusConfiguration
    private var task: Task<Void, Never>?

    /// Pseudo-terminals carry bytes at memory speed, but answer deadlines derive from the baud
    /// rate: tests run the master with 9600-baud deadlines (about 12 ms instead of 1 ms) so that
    /// a loaded machine running the whole suite does not look like a failing bus.
    init(endpoint: SerialEndpoint, configuration requested: BusConfiguration) {
        var configuration = requested
        configuration.baud = min(configuration.baud, 9_600)
        self.configuration = configuration
        let (stream, continuation) = AsyncStream.makeStream(of: BusNotification.self)
        notify = continuation
        let log = self.log
        service = BusService(
            endpoint: endpoint, settings: SerialSettings(baud: configuration.baud), configuration: configuration, sink: sink,
            notifications: stream, observer: { log.record($0) })
        let service = self.service
        task = Task { await service.run() }
    }

    func report(_ address: UInt8) -> DeviceReport? { service.reports.first { $0.address == DeviceAddress(address) } }

    func stop() async {
        task?.cancel()
        await task?.value
        task = nil
    }
}

/// The frame buffer a board of `columns` × 8 px, 16 px high lines shows for centred `text` on
/// line 0, drawn independently of the board core with the boards' font.
func expectedRows(centred text: String, columns: Int, lines: Int = 1) -> [[Bool]] {
    let font = BoardFont()
    let width = columns * 8
    var rows = Array(repeating: Array(repeating: false, count: width), count: lines * 16)
    let scalars = Array(text.unicodeScalars)
    var x = (width - scalars.count * 8) / 2
    for scalar in scalars {
        let glyph = font.glyphIndex(for: scalar.value) ?? font.fallbackGlyph
        for row in 0..<16 {
            let bits = font.row(row, ofGlyph: glyph)
            for column in 0..<8 where bits & (0x80 >> UInt8(column)) != 0 { rows[row][x + column] = true }
        }
        x += 8
    }
    return rows
}

/// Renders rows as text art for failure messages.
func art(_ rows: [[Bool]]) -> String { rows.map { String($0.map { $0 ? "#" : "." }) }.joined(separator: "\n") }
