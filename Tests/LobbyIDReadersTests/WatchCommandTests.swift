import Foundation
import Glibc
import LobbyLabSupport
import LobbySerial
import LobbyTestSupport
import Testing

/// `lobby-mrz-probe watch` runs the library code of `lobbyctl mrz watch` (options, monitor, output):
/// what a technician sees over a pty serial reader, masked and revealed.
@Suite("mrz watch command (pty)", .tags(.emulated), .serialized, .timeLimit(.minutes(1)))
struct WatchCommandTests {
    /// Runs the watch until it printed `events` lines, feeding `input` once the reader is attached.
    static func watch(_ arguments: [String], input: String, events: Int, environment: [String: String] = [:]) async throws
        -> (lines: [String], status: Int32, errorText: String)
    {
        let terminal = try PseudoTerminal()
        defer { terminal.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LabGuest.product("lobby-mrz-probe"))
        process.arguments = ["watch", "--serial", terminal.slavePath, "--timeout", "150", "--exit-after", String(events)] + arguments
        var clean = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SSH_") }
        clean.merge(environment) { $1 }
        process.environment = clean
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The port is flushed when opened: wait for the attached line before sending.
        var collected = Data()
        let handle = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, !String(decoding: collected, as: UTF8.self).contains("\n"), Date() < deadline {
            collected += handle.availableData
        }
        if process.isRunning {
            let bytes = Array(input.utf8)
            _ = bytes.withUnsafeBytes { write(terminal.masterDescriptor, $0.baseAddress, $0.count) }
        }
        let waitUntil = Date().addingTimeInterval(10)
        while process.isRunning, Date() < waitUntil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(!process.isRunning, "watch did not end; printed \(String(decoding: collected, as: UTF8.self))")
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        collected += handle.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (String(decoding: collected, as: UTF8.self).split(separator: "\n").map(String.init), process.terminationStatus, errorText)
    }

    @Test func maskedByDefault() async throws {
        let td1 = try Vectors.newAzerbaijaniTD1()
        let result = try await Self.watch([], input: td1.map { $0 + "\r\n" }.joined() + "NOISE\r\n", events: 3)
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.lines.count == 3)
        #expect(result.lines.first?.hasPrefix("serial: reader attached /dev/pts/") == true)
        #expect(result.lines.first?.hasSuffix(" 9600 baud exclusive") == true)
        #expect(result.lines.dropFirst().first?.hasPrefix("serial: document TD1 ID AZE valid documentNumber AA******* surname *** givenNames ***") == true)
        #expect(result.lines.last == "serial: noise 5 characters in 1 line(s) (idleTimeout)")
        let all = result.lines.joined(separator: "\n")
        for secret in ["NUMUNOV", "SINAQ", "AA1234567", "010203", "340203", "2QW3ER5"] + td1 {
            #expect(!all.contains(secret), "masked output shows \(secret)")
        }
    }

    @Test func revealedAsJSON() async throws {
        let td1 = try Vectors.newAzerbaijaniTD1()
        let result = try await Self.watch(["--json", "--reveal"], input: td1.map { $0 + "\n" }.joined(), events: 2)
        #expect(result.status == 0, "\(result.errorText)")
        let objects = result.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 2)
        #expect(objects.first?["event"] as? String == "attached")
        let document = try #require(objects.last)
        #expect(document["event"] as? String == "document")
        let mrz = try #require(document["mrz"] as? [String: Any])
        #expect(mrz["documentNumber"] as? String == "AA1234567")
        #expect(mrz["surname"] as? String == "NUMUNOV")
        #expect(mrz["fin"] as? String == "2QW3ER5")
        #expect(document["lines"] as? [String] == td1)
    }

    @Test func revealIsRefusedOverSSH() async throws {
        let result = try await Self.watch(["--reveal"], input: "", events: 1, environment: ["SSH_CONNECTION": "192.0.2.7 50000 192.0.2.1 22"])
        #expect(result.status == 64)
        #expect(result.lines.isEmpty)
        #expect(result.errorText.contains("only allowed on the machine itself, not over SSH"))
    }
}
