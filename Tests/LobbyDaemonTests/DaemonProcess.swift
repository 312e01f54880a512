import Foundation
import LobbyClient
import Testing
import LobbyTestSupport

/// Test support: paths of built executables, temporary directories, and a real lobbyd process.
enum Built {
    static func executable(_ name: String) throws -> String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        let path = dir.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestFailure("\(path) is missing: build the package first (`swift build --build-tests`)")
        }
        return path
    }

    /// The repository root (for Docs/ and configuration examples).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// A temporary directory removed on `cleanup()`.
struct Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "lobbyd-test-" + UUID().uuidString.prefix(8)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// A real lobbyd started by a test, on a free loopback port and a private socket.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let url: String
    let socket: String
    let port: Int
    private let output: Pipe

    /// Starts lobbyd with `arguments` and waits until it says where it listens.
    init(arguments: [String], environment: [String: String] = [:], scratch: Scratch) throws {
        socket = scratch.path + "/lobbyd.sock"
        process.executableURL = URL(fileURLWithPath: try Built.executable("lobbyd"))
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let box = LineBox()
        output.fileHandleForReading.readabilityHandler = { h in
            let d = h.availableData
            if !d.isEmpty { box.append(String(decoding: d, as: UTF8.self)) }
        }
        logBox = box
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var found: String?
        while Date() < deadline, found == nil, process.isRunning {
            let text = box.lines.joined()
            if let r = text.range(of: "listening on http://") {
                let rest = text[r.upperBound...]
                if let end = rest.firstIndex(of: "/") { found = "http://" + rest[..<end] }
            }
            if found == nil { usleep(20_000) }
        }
        guard let found else {
            process.terminate()
            throw TestFailure("lobbyd did not start: \(box.lines.joined())")
        }
        url = found
        port = Int(found.split(separator: ":").last!)!
    }

    private let logBox: LineBox
    /// Everything lobbyd printed so far.
    var log: String { logBox.lines.joined() }

    func client(token: String? = nil) -> HTTPClient {
        HTTPClient(endpoint: DaemonEndpoint(url: url)!, token: token)
    }

    func socketClient() -> HTTPClient { HTTPClient(endpoint: .socket(socket), token: nil) }

    /// Sends SIGTERM and waits; returns the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(15)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        output.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }
}

/// A fixed-offset time zone in which it is now between 12:00 and 12:59, so that tests booking
/// "in 10 minutes" never cross into the next service day, whenever they run.
func middayTimeZone(now: Date = Date()) -> String {
    let utcHour = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: now).hour ?? 12
    let offset = 12 - utcHour  // -11 … +12
    // POSIX sign: Etc/GMT-4 is four hours ahead of UTC.
    return offset == 0 ? "Etc/UTC" : "Etc/GMT\(offset > 0 ? "-" : "+")\(abs(offset))"
}

/// A small configuration for API tests (the centre's clock reads about midday: `middayTimeZone`).
func testConfiguration(journal: String, socket: String) -> String {
    """
    centre:
      name: {az: "Sınaq", ru: "Тест", en: "Test"}
      timeZone: \(middayTimeZone())
      targetWaitMinutes: 10
    agencies:
      - id: ag
        name: {en: "Agency"}
    services:
      - id: passport
        agency: ag
        name: {az: "Pasport", ru: "Паспорт", en: "Passport"}
        prefix: P
      - id: birth
        agency: ag
        name: {en: "Birth certificate"}
        prefix: B
    windows:
      - number: 1
        agency: ag
        services: {passport: 2, birth: 1}
      - number: 2
        agency: ag
        services: {passport: 1}
    priorities:
      - id: disabled
        name: {en: "Disabled"}
        policy: first
    api:
      listen: 127.0.0.1:0
      socket: \(socket)
      maxBodyBytes: 4096
      tokens:
        - {role: kiosk, token: kiosk-token-123456}
        - {role: technician, token: tech-token-1234567}
        - {role: operator, operator: alice, token: alice-token-123456}
        - {role: operator, operator: bob, token: bob-token-12345678}
        - {role: manager, token: manager-token-12345}
    journal: \(journal)
    """
}

/// Starts lobbyd on the test configuration.
func startTestDaemon(_ scratch: Scratch) throws -> DaemonProcess {
    let config = scratch.path + "/lobby.yaml"
    try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        .write(toFile: config, atomically: true, encoding: .utf8)
    return try DaemonProcess(arguments: ["--config", config], scratch: scratch)
}
