import ArgumentParser
import Foundation
import LobbyBus
import LobbyClient
import LobbySerial

/// `lobbyctl bus monitor`: every frame travelling on a bus, decoded (register in `BusCommandGroup`'s subcommands).
struct BusMonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Print every frame travelling on a bus, decoded, with its raw bytes (through lobbyd, or listening directly with --port).")

    @Option(help: "Listen directly on this serial port (e.g. /dev/lobby/rs485-hall) tcp:HOST:PORT or unix:PATH; lobbyd must not be using it. Without it, lobbyctl asks lobbyd.")
    var port: String?
    @Option(help: "Which of lobbyd's buses (by its configured name; not needed when there is one).") var bus: String?
    @OptionGroup var connection: ConnectionOptions
    @Option(name: .customLong("protocol"), help: "What the bus speaks: lobby, candle or ff68.") var busProtocol = "lobby"
    @Option(help: "Baud rate (default: 115200 lobby, 57600 candle, 9600 ff68).") var baud: UInt32?
    @Option(help: "Stop after this many seconds (default: until Ctrl-C).") var seconds: Double?
    @Option(help: "Stop after this many frames.") var count: Int?

    var json: Bool { connection.json }

    func run() throws {
        guard let port else { return try runThroughDaemon() }
        guard let kind = BusProtocol(configurationName: busProtocol) else {
            throw CLIError.usage("--protocol is lobby, candle or ff68, got '\(busProtocol)'")
        }
        if let seconds, seconds <= 0 { throw CLIError.usage("--seconds must be positive") }
        if let count, count <= 0 { throw CLIError.usage("--count must be positive") }
        let monitor: PassiveBusMonitor
        do {
            monitor = try PassiveBusMonitor(endpoint: SerialEndpoint(parsing: port), baud: baud ?? kind.defaultBaud, busProtocol: kind)
        } catch {
            throw CLIError.portUnavailable("cannot listen on \(port): \(error) (is lobbyd using this port? stop it or watch through lobbyd)")
        }
        defer { monitor.close() }
        let deadline = seconds.map { MonotonicClock.microseconds() + UInt64($0 * 1_000_000) } ?? .max
        var printed = 0
        do {
            try monitor.run(until: deadline) { frame in
                FileHandle.standardOutput.write(Data(((json ? BusMonitorFormat.json(frame) : BusMonitorFormat.text(frame)) + "\n").utf8))
                printed += 1
                return count.map { printed < $0 } ?? true
            }
        } catch {
            throw CLIError.portUnavailable("\(error)")
        }
    }

    /// Follows the frames of a bus lobbyd drives (its Server-Sent Events stream).
    private func runThroughDaemon() throws {
        if let seconds, seconds <= 0 { throw CLIError.usage("--seconds must be positive") }
        if let count, count <= 0 { throw CLIError.usage("--count must be positive") }
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        var printed = 0
        let query = bus.map { "?bus=" + ($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? $0) } ?? ""
        do {
            try connection.stream("/api/v1/buses/monitor" + query, timeout: seconds.map { Int($0.rounded(.up)) + 1 } ?? 0) { line in
                if let deadline, Date() >= deadline { return false }
                guard line.hasPrefix("data: "),
                      let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any] else { return true }
                if json, let frame = object["frame"], let data = try? JSONSerialization.data(withJSONObject: frame, options: [.sortedKeys]) {
                    print(String(decoding: data, as: UTF8.self))
                } else {
                    print(object["text"] as? String ?? "")
                }
                printed += 1
                return count.map { printed < $0 } ?? true
            }
        } catch let error as CLIError where error.code == "lobbyd-unreachable" {
            // The stream ended because --seconds passed, not because lobbyd went away.
            if deadline.map({ Date() >= $0 }) == true { return }
            throw error
        }
    }
}
