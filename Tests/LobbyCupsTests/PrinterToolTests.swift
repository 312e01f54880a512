import Foundation
import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing

/// `lobbyctl printer …` against a private cupsd with our backend and simulated printers.
@Suite("lobbyctl printer", .tags(.cups), .serialized)
struct PrinterToolTests {
    /// Runs lobbyctl; its exit status and output (with `--json` standard output only: the JSON).
    func lobbyctl(_ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = TestProcess.productsFolder.appendingPathComponent("lobbyctl")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = arguments.contains("--json") ? FileHandle.nullDevice : out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("list, status and a test ticket that really prints; paper out shows in the list")
    func tools() throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let a = try lab.addPrinter("desk-a")
        _ = try lab.addPrinter("desk-b")
        let cups = lab.cupsd.serverSpelling

        var (code, out) = try lobbyctl(["printer", "test", "desk-a", "--cups", cups])
        #expect(code == 0, "\(out)")
        #expect(out.contains("completed"))
        #expect(!out.contains("job job"), "\(out)")
        let jobs = try a.jobs().filter(\.printed)
        #expect(jobs.count == 1)
        let decoded = try EscPosDecoder().decode(try a.bytes(of: try #require(jobs.first)))
        #expect(decoded.images.first?.bitmap.widthDots == 576)

        (code, out) = try lobbyctl(["printer", "list", "desk-a", "desk-b", "--cups", cups])
        #expect(code == 0, "\(out)")
        #expect(out.contains("desk-a") && out.contains("desk-b"))
        (code, out) = try lobbyctl(["printer", "list", "desk-a", "--cups", cups, "--json"])
        let listed = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        #expect(code == 0 && (listed["printers"] as? [[String: Any]])?.first?["health"] as? String == "ok", "a list even of one: \(out)")
        (code, out) = try lobbyctl(["printer", "test", "desk-b", "--cups", cups, "--json"])
        let printed = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        #expect(code == 0 && printed["jobState"] as? String == "completed", "\(out)")
        #expect((printed["printerAfter"] as? [String: Any])?["name"] as? String == "desk-b", "\(out)")

        // Paper out: the next job stops the queue with media-empty-error, and the list says so.
        try a.command("paper-out")
        (code, out) = try lobbyctl(["printer", "test", "desk-a", "--cups", cups, "--json"])
        #expect(code == 1, "a test ticket on a printer without paper fails: \(out)")
        let notPrinted = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        #expect(notPrinted["code"] as? String == "not-printed" && notPrinted["exitCode"] as? Int == 1, "\(out)")
        #expect((notPrinted["result"] as? [String: Any])?["printer"] as? String == "desk-a", "\(out)")
        (code, out) = try lobbyctl(["printer", "status", "desk-a", "--cups", cups, "--json"])
        let status = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        #expect(status["health"] as? String == "paper-out", "\(out)")
        #expect((status["reasons"] as? [String] ?? []).contains { $0.hasPrefix("media-empty") })

        (code, out) = try lobbyctl(["printer", "status", "nonexistent", "--cups", cups])
        #expect(code == 1)
        #expect(out.contains("unreachable") || out.contains("not"))
        (code, out) = try lobbyctl(["printer", "status", "nonexistent", "--cups", cups, "--json"])
        let missing = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        #expect(code == 1 && ["no-such-queue", "printer-unreachable"].contains(missing["code"] as? String ?? ""), "\(out)")
    }

    @Test("a test ticket lobbyctl gives up on is cancelled and never prints later")
    func givingUpCancels() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let silent = try lab.addPrinter("desk-c", initial: ["offline"], options: "status-timeout=0.5&retry-delay=0.5")
        let cups = lab.cupsd.serverSpelling

        let (code, out) = try lobbyctl(["printer", "test", "desk-c", "--cups", cups, "--timeout", "3", "--json"])
        #expect(code == 1, "\(out)")
        let error = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
        #expect(error["code"] as? String == "not-printed", "\(out)")
        let result = error["result"] as? [String: Any] ?? [:]
        #expect((result["result"] as? String)?.hasPrefix("gave up after 3.0 seconds: job ") == true, "\(out)")
        #expect(result["jobState"] as? String == "canceled", "\(out)")
        let job = try #require(result["job"] as? Int)
        #expect(try await lab.port.jobStatus(printer: "desk-c", job: PrintJobID(Int32(job))).state == .canceled)
        // The printer comes back: CUPS retries nothing (JobRetryInterval is 2 s in the lab).
        try silent.command("online")
        try await Task.sleep(for: .seconds(4))
        #expect(try silent.jobs().isEmpty)
        // The text form names the job once.
        let (_, text) = try lobbyctl(["printer", "test", "desk-c", "--cups", cups, "--timeout", "1"])
        #expect(!text.contains("job job"), "\(text)")
    }
}
