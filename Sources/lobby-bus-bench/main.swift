import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbyQueue
import LobbySerial
import LobbyWire
import Synchronization

// Measures the bus master over a pty with simulated devices (Docs/Performance-bus.md).
// Usage: lobby-bus-bench [calls] [seconds]

let arguments = CommandLine.arguments
let callCount = arguments.count > 1 ? Int(arguments[1]) ?? 100 : 100
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 5 : 5

/// Collects events with their arrival time.
final class Recorder: Sendable {
    let painted = Mutex<[(UInt64, String)]>([])
    func record(_ event: BusEvent) {
        if case .effect(.boardPainted(_, let content)) = event, let text = content.lines.first?.text {
            painted.withLock { $0.append((MonotonicClock.microseconds(), text)) }
        }
    }
}

func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = MonotonicClock.microseconds() + UInt64(seconds * 1_000_000)
    while MonotonicClock.microseconds() < deadline {
        if condition() { return true }
        usleep(200)
    }
    return false
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

/// CPU seconds used by the runner's thread (utime + stime from /proc).
func runnerThreadCPU() -> Double {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    var total = 0.0
    for task in tasks {
        guard let comm = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8), comm.hasPrefix("lobby-bus"),
            let stat = try? String(contentsOfFile: "/proc/self/task/\(task)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        total += (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
    }
    return total / Double(sysconf(Int32(_SC_CLK_TCK)))
}

// 1. Call → board acknowledgement.
do {
    let simulator = try BusSimulator()
    simulator.addBoard(address: DeviceAddress(0x11), serial: 1)
    simulator.start()
    let recorder = Recorder()
    let configuration = BusConfiguration(
        devices: [BusDeviceConfiguration(address: DeviceAddress(0x11), role: .windowBoard(1))], minimumCallDisplay: 0)
    let runner = BusRunner(endpoint: .device(path: simulator.portPath), settings: SerialSettings(), configuration: configuration) {
        recorder.record($0)
    }
    runner.start()
    _ = waitUntil(5) { runner.reports.first?.isConverged == true }
    var latencies: [Double] = []
    for index in 0..<callCount {
        let number = "A" + String(100 + index % 900)
        let start = MonotonicClock.microseconds()
        runner.post(.notification(.called(window: 1, ticket: TicketID(UInt64(index + 1)), number: number)))
        _ = waitUntil(2) { recorder.painted.withLock { $0.last?.1 == number } }
        let end = recorder.painted.withLock { $0.last?.0 ?? start }
        latencies.append(Double(end - start) / 1000)
    }
    runner.stop()
    simulator.stop()
    var lines = TextLines()
    lines.append(line: 0, attributes: .alignCenter, utf8: Array("A123".utf8))
    let request = Message.showText(lines).frame(from: .master, to: DeviceAddress(0x11), sequence: SequenceNumber(1)).encoded().count + 1
    let answer = Message.ack(.showText).frame(from: DeviceAddress(0x11), to: .master, sequence: SequenceNumber(1)).encoded().count
    print("call → board ack over a pty (\(callCount) calls): median \(String(format: "%.3f", percentile(latencies, 0.5))) ms, p95 \(String(format: "%.3f", percentile(latencies, 0.95))) ms, max \(String(format: "%.3f", latencies.max() ?? 0)) ms")
    for baud in [9600, 115_200] {
        let wire = Double((request + answer) * 10) / Double(baud) * 1000
        print("  wire-time limit at \(baud) baud: \(request) + \(answer) bytes → \(String(format: "%.3f", wire)) ms (plus device turnaround ≤ 5 ms)")
    }
}

// 2. Poll cycle of 32 keypads.
do {
    let simulator = try BusSimulator()
    let devices = (0..<32).map { index -> BusDeviceConfiguration in
        simulator.addKeypad(address: DeviceAddress(UInt8(0x40 + index)), serial: UInt64(0x1000 + index))
        return BusDeviceConfiguration(address: DeviceAddress(UInt8(0x40 + index)), role: .keypad(WindowID(index + 1)))
    }
    simulator.start()
    let configuration = BusConfiguration(devices: devices, keypadPollInterval: 0)
    let runner = BusRunner(endpoint: .device(path: simulator.portPath), settings: SerialSettings(), configuration: configuration) { _ in }
    runner.start()
    _ = waitUntil(10) { runner.reports.allSatisfy { $0.health.state == .online } }
    let before = runner.reports.reduce(0) { $0 + $1.health.transactions }
    let start = MonotonicClock.microseconds()
    usleep(useconds_t(seconds * 1_000_000))
    let after = runner.reports.reduce(0) { $0 + $1.health.transactions }
    let elapsed = Double(MonotonicClock.microseconds() - start) / 1_000_000
    runner.stop()
    simulator.stop()
    let perSecond = Double(after - before) / elapsed
    let poll = Message.poll(acknowledgingThrough: nil).frame(from: .master, to: DeviceAddress(0x40), sequence: SequenceNumber(1)).encoded().count + 1
    let status = Message.status(DeviceStatus(flags: [], uptimeSeconds: 1)).frame(from: DeviceAddress(0x40), to: .master, sequence: SequenceNumber(1)).encoded().count
    print("poll cycle, 32 keypads over a pty: \(String(format: "%.0f", perSecond)) polls/s → cycle \(String(format: "%.2f", 32 / perSecond * 1000)) ms")
    for baud in [9600, 115_200] {
        let wire = Double((poll + status) * 10) / Double(baud) * 1000
        print("  wire-time limit at \(baud) baud: \(poll) + \(status) bytes per poll → cycle \(String(format: "%.2f", wire * 32)) ms")
    }
}

// 3. Idle CPU of the master (one board, one keypad, default intervals).
do {
    let simulator = try BusSimulator()
    simulator.addBoard(address: DeviceAddress(0x11), serial: 1)
    simulator.addKeypad(address: DeviceAddress(0x41), serial: 2)
    simulator.start()
    let configuration = BusConfiguration(devices: [
        BusDeviceConfiguration(address: DeviceAddress(0x11), role: .windowBoard(1)),
        BusDeviceConfiguration(address: DeviceAddress(0x41), role: .keypad(1)),
    ])
    let runner = BusRunner(endpoint: .device(path: simulator.portPath), settings: SerialSettings(), configuration: configuration) { _ in }
    runner.start()
    _ = waitUntil(5) { runner.reports.allSatisfy { $0.isConverged || $0.target == nil } }
    let cpuBefore = runnerThreadCPU()
    let transactionsBefore = runner.reports.reduce(0) { $0 + $1.health.transactions }
    usleep(useconds_t(seconds * 1_000_000))
    let cpu = runnerThreadCPU() - cpuBefore
    let transactions = runner.reports.reduce(0) { $0 + $1.health.transactions } - transactionsBefore
    runner.stop()
    simulator.stop()
    print("idle master (1 board verified every 1 s, 1 keypad polled every 100 ms) for \(seconds) s: \(transactions) transactions, runner thread CPU \(String(format: "%.3f", cpu)) s = \(String(format: "%.2f", cpu / seconds * 100)) % of one core")
}
