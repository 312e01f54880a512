import Foundation
import LobbyPrinting
import LobbyTestSupport
import Testing

/// The backend executable on its own, as cupsd runs it: arguments, DEVICE_URI, stderr lines,
/// exit codes, against the simulator.
@Suite(.tags(.cups)) struct BackendProcessTests {
    static var backend: String { TestProcess.productsFolder.appendingPathComponent("lobby-escpos-backend").path }

    struct Run {
        let status: Int32
        let lines: [String]
        let elapsed: Duration
    }

    func runBackend(uri: String, job: [UInt8], copies: Int = 1) throws -> Run {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-job-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(job).write(to: file)
        let started = ContinuousClock.now
        let result = try TestProcess.run(Self.backend, ["42", "kiosk", "ticket A001", String(copies), "", file.path], environment: ["DEVICE_URI": uri], timeoutSeconds: 30)
        return Run(status: result.status, lines: result.output.split(separator: "\n").map(String.init), elapsed: started.duration(to: .now))
    }

    let job: [UInt8] = [0x1B, 0x40] + Array("A001\n".utf8) + [0x1D, 0x56, 0x42, 0x00]

    @Test func withoutArgumentsItListsDevicesForCups() throws {
        let result = try TestProcess.run(Self.backend, [], timeoutSeconds: 10)
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").first == "network lobby-escpos \"Unknown\" \"Lobby ESC/POS printer (TCP, DLE EOT status)\"")
    }

    @Test(arguments: [
        ("cover-open", Int32(4), "STATE: +cover-open-error"),
        ("paper-out", 4, "STATE: +media-empty-error"),
        ("paper-low", 0, "STATE: +media-low-report"),
        ("normal", 0, "STATE: -media-empty-error,media-low-report,cover-open-error,offline-report,other-error"),
    ])
    func conditionBeforeTheJobGivesStateAndExitCode(condition: String, status: Int32, stateLine: String) throws {
        let simulator = try SimulatedPrinterProcess(initial: [condition])
        defer { simulator.stop(); simulator.removeFiles() }
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)", job: job)
        #expect(run.status == status)
        #expect(run.lines.contains(stateLine))
        simulator.stop()
        let printed = try simulator.jobs().filter(\.printed)
        #expect(printed.count == (status == 0 ? 1 : 0))
    }

    @Test func aRefusedConnectionIsOfflineAndRetriedLater() throws {
        let port = try ThrowawayCupsd.freePort()
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(port)/?timeout=1&retry-delay=0", job: job)
        #expect(run.status == BackendExitCode.retryLater.rawValue)
        #expect(run.lines.contains("STATE: +offline-report"))
        #expect(run.lines.contains { $0.hasPrefix("ERROR: Printer is offline: cannot open 127.0.0.1:\(port)") })
    }

    @Test func aSilentPrinterTimesOutInsteadOfHanging() throws {
        let simulator = try SimulatedPrinterProcess(initial: ["offline"])
        defer { simulator.stop(); simulator.removeFiles() }
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)/?status-timeout=0.3&retry-delay=0", job: job)
        #expect(run.status == 6)
        #expect(run.elapsed < .seconds(3))
        #expect(run.lines.contains("STATE: +offline-report"))
    }

    @Test func paperRunningOutDuringTheJobStopsTheQueueAfterSending() throws {
        let simulator = try SimulatedPrinterProcess(initial: ["paper-out-after 4"])
        defer { simulator.stop(); simulator.removeFiles() }
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)", job: job)
        #expect(run.status == 4)
        #expect(run.lines.contains("ERROR: Printer ran out of paper while printing"))
        #expect(eventually(5) { (try? simulator.jobs().count) == 1 })
        #expect(try simulator.jobs().first?.printed == false)
    }

    @Test func aSlowPrinterGetsEveryByteAndTheBackendWaitsForIt() throws {
        let simulator = try SimulatedPrinterProcess(initial: ["slow 8000"])
        defer { simulator.stop(); simulator.removeFiles() }
        let big = [0x1B, 0x40] + (0..<4000).map { UInt8(0x41 + $0 % 26) } + [0x0A, 0x1D, 0x56, 0x01]
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)", job: big)
        #expect(run.status == 0)
        // The status poll after the job is answered only once the printer has read everything.
        #expect(run.elapsed > .milliseconds(350))
        #expect(eventually(5) { (try? simulator.jobs().count) == 1 })
        let stored = try #require(try simulator.jobs().first)
        #expect(try simulator.bytes(of: stored) == big)
    }

    @Test func aPrinterThatStopsTakingDataIsAWriteTimeoutNotAHangAndTheJobIsNeverRetried() throws {
        let simulator = try SimulatedPrinterProcess(initial: ["slow 100"])
        defer { simulator.stop(); simulator.removeFiles() }
        // More than the loopback socket buffers can hold.
        let huge = [UInt8](repeating: 0x41, count: 24 << 20)
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)/?write-timeout=0.5&status-timeout=0.5&retry-delay=0", job: huge)
        // Part of the ticket is out: cancel (5), never "retry" (6), which would send it all again.
        // Not a hang: the backend ended by itself (TestProcess would have killed it and failed)
        // because its write timed out; how long that took on a shared machine is no assertion.
        #expect(run.status == BackendExitCode.cancel.rawValue)
        #expect(run.lines.contains { $0.contains("job write at byte ") && $0.contains(" of 25165824 timed out after 0.5 seconds") }, "\(run.lines)")
        #expect(run.lines.contains("STATE: +offline-report"))
        #expect(run.lines.contains { $0.hasPrefix("ERROR: Printer stopped answering after ") }, "\(run.lines)")
        #expect(run.lines.contains { $0.hasPrefix("ATTR: job-media-progress=") && $0 != "ATTR: job-media-progress=100" }, "\(run.lines)")
    }

    @Test func aSlowPrinterIsPacedAndTheTicketIsConfirmedPrintedAfterItsLastRow() throws {
        let simulator = try SimulatedPrinterProcess(device: ["--throughput", "25000"])
        defer { simulator.stop(); simulator.removeFiles() }
        let (_, ticket) = try CupsLab.renderedTicket(number: "B001", statusURL: "https://q.example/t/1")
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)/?status-timeout=2&retry-delay=0", job: ticket.bytes)
        #expect(run.status == 0, "\(run.lines)")
        // The old backend's single poll after writing into the socket buffers timed out here.
        #expect(!run.lines.contains { $0.hasPrefix("ERROR:") }, "\(run.lines)")
        #expect(run.lines.suffix(5).contains("PAGE: 1 1"))
        #expect(run.lines.contains("INFO: Ticket printed"))
        let progress = run.lines.filter { $0.hasPrefix("ATTR: job-media-progress=") }.compactMap { Int($0.split(separator: "=").last ?? "") }
        #expect(progress.count > 3 && progress == progress.sorted() && progress.last == 100)
        // Paced by the printer: at least the ticket's bytes at 25 KB/s, less what its buffer took at once.
        #expect(run.elapsed >= .milliseconds(Int64(ticket.bytes.count * 900 / 25000)))
        #expect(eventually(5) { (try? simulator.jobs().first?.printed) == true })
    }

    @Test func copiesOfAJobFileAreSentOneAfterAnother() throws {
        let simulator = try SimulatedPrinterProcess()
        defer { simulator.stop(); simulator.removeFiles() }
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)", job: job, copies: 2)
        #expect(run.status == 0)
        #expect(eventually(5) { (try? simulator.jobs().count) == 1 })
        #expect(try simulator.bytes(of: try #require(simulator.jobs().first)) == job + job)
    }

    @Test func aBadDeviceURIStopsTheQueueWithAnError() throws {
        let run = try runBackend(uri: "lobby-escpos://h:9100/?colour=red", job: job)
        #expect(run.status == 4)
        #expect(run.lines.contains("ERROR: device URI 'lobby-escpos://h:9100/?colour=red': unknown option 'colour'"))
    }

    @Test func aStatusProbeSendsNothing() throws {
        let simulator = try SimulatedPrinterProcess()
        defer { simulator.stop(); simulator.removeFiles() }
        let run = try runBackend(uri: "lobby-escpos://127.0.0.1:\(simulator.tcpPort)", job: [0x10, 0x04, 0x01, 0x10, 0x04, 0x04])
        #expect(run.status == 0)
        simulator.stop()
        #expect(try simulator.jobs().isEmpty)
    }
}
