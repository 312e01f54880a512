import Foundation
import LobbyCups
import LobbyPrinting
import LobbyTestSupport
import Testing

/// The CUPS port itself: errors name the queue, any thread reaches the right server, the serial
/// path works through a pty.
@Suite(.tags(.cups), .serialized) struct PortTests {
    @Test func unknownQueueIsATypedErrorNamingTheQueueAndServer() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        do {
            _ = try await lab.port.submit(printer: "no-such-queue", title: "t", bytes: [0x0A])
            Issue.record("submit to a missing queue succeeded")
        } catch {
            #expect(error == .queueNotFound("no-such-queue", server: lab.cupsd.serverSpelling))
            #expect(error.description.contains("'no-such-queue'"))
        }
        await #expect(throws: PrinterPortError.queueNotFound("gone", server: lab.cupsd.serverSpelling)) {
            try await lab.port.printerStatus(printer: "gone")
        }
    }

    @Test func aStoppedServerIsUnreachableAndThePoolFallsBackToTheScreen() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        try lab.addPrinter("left")
        let pool = lab.pool(["left"])
        #expect(try await lab.port.printerStatus(printer: "left").state == .idle)
        lab.cupsd.stop()
        do {
            _ = try await lab.port.printerStatus(printer: "left")
            Issue.record("status read from a stopped server")
        } catch {
            guard case let .serverUnreachable(server, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(server == lab.cupsd.serverSpelling)
        }
        let result = await pool.issue(CupsLab.smallTicket("G001"))
        #expect(result.attempts.map(\.result) == [.skipped("unreachable")])
        #expect(await pool.health(of: "left")?.isOffline == true)
    }

    @Test func callsFromManyConcurrentTasksAllReachThePrivateServer() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        try lab.addPrinter("left")
        let port = lab.port
        let states = try await withThrowingTaskGroup(of: PrinterState.self) { group in
            for _ in 0..<40 { group.addTask { try await port.printerStatus(printer: "left").state } }
            return try await group.reduce(into: [PrinterState]()) { $0.append($1) }
        }
        #expect(states.count == 40)
        #expect(states.allSatisfy { $0 == .idle })
    }

    @Test func serialPrinterOnAPseudoTerminalPrintsAndReportsPaperLow() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let simulator = try lab.addPrinter("serial", serial: true, initial: ["paper-low"])
        let pool = lab.pool(["serial"])
        let ticket = CupsLab.smallTicket("F001")
        let result = await pool.issue(ticket)
        guard case .printed = result else {
            Issue.record("not printed: \(result) \(lab.cupsd.errorLog.suffix(2000))")
            return
        }
        #expect(eventually(5) { (try? simulator.jobs().count) == 1 })
        let job = try #require(try simulator.jobs().first)
        #expect(job.transport == "pty" && job.printed)
        #expect(try simulator.bytes(of: job) == ticket.bytes)
        #expect(try await lab.port.printerStatus(printer: "serial").reasons.contains("media-low-report"))
        #expect(await pool.health(of: "serial")?.paper == .low)
        #expect(await pool.health(of: "serial")?.canPrint == true)
    }
}
