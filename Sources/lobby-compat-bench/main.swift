// Poll cycle of N FF 68 evaluators on a simulated bus versus the wire-time limit at 9600 baud.
// Usage: lobby-compat-bench [devices=32] [seconds=5]
import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbyQueue
import LobbySerial
import LobbyWire

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let count = arguments.first ?? 32
let seconds = arguments.count > 1 ? arguments[1] : 5
let simulator = try CompatibleBusSimulator(ff68: true)
for index in 0..<count { simulator.add(.ff68Device, address: UInt8(0x10 + index)) }
simulator.start()
let devices = (0..<count).map { BusDeviceConfiguration(address: DeviceAddress(UInt8(0x10 + $0)), role: .keypad(WindowID($0 + 1))) }
// Poll as often as the bus allows: the cycle is then limited by the round robin alone.
let configuration = BusConfiguration(devices: devices, busProtocol: .ff68, keypadPollInterval: 0)
let runner = BusRunner(endpoint: .device(path: simulator.portPath), settings: SerialSettings(baud: 9600), configuration: configuration) { _ in }
runner.start()
Thread.sleep(forTimeInterval: 1)
let before = (0..<count).map { simulator.device($0).pollsAnswered }
let start = MonotonicClock.microseconds()
let cpuStart = clock()
Thread.sleep(forTimeInterval: Double(seconds))
let elapsed = Double(MonotonicClock.microseconds() - start) / 1_000_000
let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
let polls = (0..<count).map { simulator.device($0).pollsAnswered - before[$0] }
runner.stop()
simulator.stop()
let total = polls.reduce(0, +)
let cycle = elapsed / (Double(total) / Double(count))
let pollBytes = FF68Driver.poll(address: 0x10).count
let answerBytes = FF68Driver.frame(address: 0x10, function: 0, data: [0]).count
let perDevice = Double(10 * (pollBytes + answerBytes)) / 9600
print("devices \(count), \(total) polls in \(String(format: "%.2f", elapsed)) s (min \(polls.min() ?? 0), max \(polls.max() ?? 0) per device)")
print("measured cycle on a pty (no baud pacing): \(String(format: "%.2f", cycle * 1000)) ms; process CPU \(String(format: "%.0f", cpu / elapsed * 100)) % of one core")
print("wire-time limit at 9600 baud: \(pollBytes)+\(answerBytes) bytes = \(String(format: "%.2f", perDevice * 1000)) ms per device, \(String(format: "%.0f", perDevice * Double(count) * 1000)) ms per cycle")
