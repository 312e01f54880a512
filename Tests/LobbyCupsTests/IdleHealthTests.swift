import Foundation
import LobbyCups
import LobbyPrinting
import LobbyTestSupport
import Testing

/// The health of printers nobody prints on: status probes through a real cupsd and our backend
/// find paper low, paper out, an open cover and a silent printer while idle, and clear them when
/// fixed; a printer found silent stays offline for the pool after cupsd forgot `offline-report`.
@Suite(.tags(.cups), .serialized) struct IdleHealthTests {
    static let policy = PrinterPoolPolicy(pollInterval: .milliseconds(20), cancelConfirmation: .seconds(5), probeDeadline: .seconds(6),
                                          idleProbeInterval: .milliseconds(500), faultProbeInterval: .milliseconds(300))

    /// Lets the pool poll (as lobbyd's monitor does) until `printer`'s health is `summary`.
    func pollUntil(_ pool: PrinterPool<ContinuousClock>, _ printer: PrinterID, is summary: String, within seconds: Double = 20) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        while ContinuousClock.now < deadline {
            await pool.pollIdle()
            if await pool.health(of: printer)?.summary == summary { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func faultsOfAnIdlePrinterShowAndClearWithoutATicket() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let printer = try lab.addPrinter("left", options: "status-timeout=0.5&retry-delay=2")
        let pool = lab.pool(["left"], policy: Self.policy)
        #expect(await pollUntil(pool, "left", is: "ok"))

        for (fault, summary, fix) in [("paper-low", "paper-low", "paper-ok"), ("paper-out", "paper-out", "paper-ok"),
                                      ("cover-open", "cover-open", "cover-closed"), ("offline", "offline", "online")] {
            try printer.command(fault)
            let shows = await pollUntil(pool, "left", is: summary)
            let faulty = await pool.health(of: "left")
            #expect(shows, "\(fault) shows while idle: \(String(describing: faulty))")
            try printer.command(fix)
            let clears = await pollUntil(pool, "left", is: "ok")
            let fixed = await pool.health(of: "left")
            #expect(clears, "\(fault) clears once fixed: \(String(describing: fixed))")
        }
        // No probe printed anything, and the reasons CUPS shows are clear again.
        #expect(try printer.jobs().isEmpty)
        let status = try await lab.port.printerStatus(printer: "left")
        #expect(status.state == .idle)
        #expect(!status.reasons.contains { BackendStatusPolicy.managedReasons.contains($0) })
    }

    @Test func aPrinterFoundSilentStaysOfflineAfterTheFailoverAndTheNextTicketDoesNotWaitForIt() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let silent = try lab.addPrinter("left", initial: ["offline"], options: "status-timeout=0.5&retry-delay=2")
        try lab.addPrinter("right")
        var policy = Self.policy
        policy.idleProbeInterval = .seconds(600)
        policy.faultProbeInterval = .seconds(600)
        let pool = lab.pool(["left", "right"], policy: policy)
        let first = await pool.issue(CupsLab.smallTicket("H001"))
        #expect(first.attempts.map(\.printer) == ["left", "right"])
        #expect({ if case .printed(printer: "right", _, _) = first { true } else { false } }())
        // cupsd dropped offline-report at the end of the cancelled job...
        #expect(try await eventually(within: 10, every: 0.05) { try await !lab.port.printerStatus(printer: "left").reasons.contains("offline-report") })
        // ...the pool did not.
        await pool.refresh()
        #expect(await pool.health(of: "left")?.summary == "offline")
        let second = await pool.issue(CupsLab.smallTicket("H002"))
        #expect(second.attempts.map(\.printer) == ["right"])
        #expect(try silent.jobs().filter(\.printed).isEmpty)
        // Back online: the next probe clears it.
        try silent.command("online")
        #expect(await pool.probe("left", resume: false) == .printed)
        #expect(await pool.health(of: "left")?.summary == "ok")
    }
}
