import LobbyPrinting
import LobbyTestSupport
import Testing

/// The pool's failover rules against the in-memory port.
@Suite(.tags(.unit)) struct PrinterPoolTests {
    /// Short limits: the in-memory port answers at once. Deadlines are 300 ms plus the job's own time.
    static let policy = PrinterPoolPolicy(
        deadlines: PrintDeadlinePolicy(startAllowance: .milliseconds(300), margin: 1.5, finishAllowance: .zero, progressExtensionFactor: 1),
        pollInterval: .milliseconds(5), cancelConfirmation: .milliseconds(200),
        probeDeadline: .milliseconds(300), idleProbeInterval: .seconds(60), faultProbeInterval: .milliseconds(50))

    func makePool(_ port: SimulatedPrinterPort, _ printers: [PrinterID] = ["a", "b"]) -> PrinterPool<ContinuousClock> {
        PrinterPool(name: "kiosk", printers: printers.map { ($0, .enabled) }, port: port, clock: ContinuousClock(), policy: Self.policy)
    }

    let ticket = TicketPrintRequest(ticket: "A001", bytes: [0x1B, 0x40, 0x41, 0x0A])

    struct Case: CustomTestStringConvertible, Sendable {
        let first: SimulatedPrinterPort.Behaviour
        let printedOn: PrinterID?
        let firstResult: PrintAttemptResult
        let firstPrints: Int
        let secondPrints: Int
        var testDescription: String { "\(first)" }
    }

    static let cases: [Case] = [
        Case(first: .prints, printedOn: "a", firstResult: .finished(.printed), firstPrints: 1, secondPrints: 0),
        Case(first: .paperOut, printedOn: "b", firstResult: .finished(.stopPrinter(reason: "media-empty-error,paused (Paper out)")), firstPrints: 0, secondPrints: 1),
        Case(first: .coverOpen, printedOn: "b", firstResult: .finished(.stopPrinter(reason: "cover-open-error,paused (Cover open)")), firstPrints: 0, secondPrints: 1),
        Case(first: .offline, printedOn: "b", firstResult: .finished(.retryLater(reason: "offline-report (No reply)")), firstPrints: 0, secondPrints: 1),
        // The outcome was lost but the job printed: the cancel reveals it, nothing is resent.
        Case(first: .printsButStatusIsLost, printedOn: "a", firstResult: .finished(.printed), firstPrints: 1, secondPrints: 0),
        // A job that may still print blocks the failover: no second ticket, number on screen.
        Case(first: .ignoresCancel, printedOn: nil, firstResult: .unresolved("job still processing after cancel"), firstPrints: 0, secondPrints: 0),
        // The printer stopped taking data 40 % into the ticket: the rest was never sent, so the
        // ticket is incomplete for sure and goes to the next printer.
        Case(first: .stallsMidJob, printedOn: "b", firstResult: .finished(.retryLater(reason: "job still processing at the deadline")), firstPrints: 0, secondPrints: 1),
        // Every byte reached the printer, which never confirmed the end: it may have printed, so
        // the ticket is not printed again (the kiosk shows the number).
        Case(first: .deliversWithoutConfirmation, printedOn: nil,
             firstResult: .unresolved("every byte of job 1 reached the printer, which did not confirm the end of the ticket (retry later: job still processing at the deadline)"),
             firstPrints: 0, secondPrints: 0),
    ]

    @Test(arguments: cases)
    func firstPrinterBehaviourDecidesWhereTheTicketPrints(_ testCase: Case) async {
        let port = SimulatedPrinterPort(printers: ["a", "b"])
        await port.setBehaviour(testCase.first, for: "a")
        let pool = makePool(port)
        let result = await pool.issue(ticket)
        switch result {
        case let .printed(printer, _, _): #expect(printer == testCase.printedOn)
        case .noPrinter: #expect(testCase.printedOn == nil)
        }
        #expect(result.attempts.first?.result == testCase.firstResult)
        #expect(await port.printedJobs(on: "a").count == testCase.firstPrints)
        #expect(await port.printedJobs(on: "b").count == testCase.secondPrints)
        #expect(await port.printedJobs(on: "a").count + port.printedJobs(on: "b").count <= 1)
    }

    @Test func stoppedJobsAreCancelledBeforeTheFailover() async {
        let port = SimulatedPrinterPort(printers: ["a", "b"])
        await port.setBehaviour(.paperOut, for: "a")
        let pool = makePool(port)
        let result = await pool.issue(ticket)
        let job = result.attempts.first?.job
        #expect(job != nil)
        if let job { #expect(await port.state(of: job) == .canceled) }
        // Paper comes back and the queue is resumed: the cancelled job never prints.
        await port.setBehaviour(.prints, for: "a")
        try? await port.resume(printer: "a")
        #expect(await port.printedJobs(on: "a").isEmpty)
        let events = await pool.takeEvents()
        #expect(events.contains(.healthChanged("a", from: "ok", to: "paper-out")))
        #expect(events.contains(.failedOver(ticket: "A001", from: "a", outcome: .stopPrinter(reason: "media-empty-error,paused (Paper out)"))))
        if let job { #expect(events.contains(.jobCancelled("a", job))) }
    }

    @Test func noPrinterLeftGivesNoPrinterAndStoppedQueuesAreSkippedNextTime() async {
        let port = SimulatedPrinterPort(printers: ["a", "b"])
        await port.setBehaviour(.paperOut, for: "a")
        await port.setBehaviour(.coverOpen, for: "b")
        let pool = makePool(port)
        guard case .noPrinter = await pool.issue(ticket) else {
            Issue.record("expected noPrinter")
            return
        }
        let second = await pool.issue(TicketPrintRequest(ticket: "A002", bytes: [0x41]))
        #expect(second.attempts.map(\.result) == [.skipped("paper-out"), .skipped("cover-open")])
        #expect(await pool.noPrinterCount == 2)
        #expect(await port.submittedCount(on: "a") == 1)
        #expect(await port.submittedCount(on: "b") == 1)
        let health = await pool.health()
        #expect(health.map(\.summary) == ["paper-out", "cover-open"])
        #expect(health.map(\.failedCount) == [1, 1])
    }

    @Test func rejectedSubmitFailsOverAndDisabledPrintersAreNeverUsed() async {
        let port = SimulatedPrinterPort(printers: ["a", "b", "c"])
        await port.setBehaviour(.rejectsJobs, for: "b")
        let pool = makePool(port, ["a", "b", "c"])
        await pool.setDesired(.disabled, for: "a")
        let result = await pool.issue(ticket)
        guard case let .printed(printer, _, attempts) = result else {
            Issue.record("not printed: \(result)")
            return
        }
        #expect(printer == "c")
        #expect(attempts.first?.result == .skipped("disabled"))
        if case .submitFailed(.requestFailed("b", _, _, _)) = attempts[1].result {} else { Issue.record("b: \(attempts[1])") }
        #expect(await port.submittedCount(on: "a") == 0)
        #expect(await pool.health(of: "c")?.printedCount == 1)
        #expect(await pool.health(of: "c")?.lastJob?.outcome == .printed)
    }

    @Test func anOfflinePrinterGoesToTheEndOfTheOrderForAWhile() async {
        let port = SimulatedPrinterPort(printers: ["a", "b"])
        await port.setBehaviour(.offline, for: "a")
        let pool = makePool(port)
        let first = await pool.issue(ticket)
        #expect(first.attempts.map(\.printer) == ["a", "b"])
        // The next citizen does not wait for the silent printer's deadline again.
        let second = await pool.issue(TicketPrintRequest(ticket: "A002", bytes: [0x42]))
        #expect(second.attempts.map(\.printer) == ["b"])
        #expect(await port.submittedCount(on: "a") == 1)
        // When the other printer fails too, the backed-off one is still tried.
        await port.setBehaviour(.rejectsJobs, for: "b")
        await port.setBehaviour(.prints, for: "a")
        let third = await pool.issue(TicketPrintRequest(ticket: "A003", bytes: [0x43]))
        #expect(third.attempts.map(\.printer) == ["b", "a"])
        #expect({ if case .printed(printer: "a", _, _) = third { true } else { false } }())
    }

    @Test func probeBringsARecoveredPrinterBack() async {
        let port = SimulatedPrinterPort(printers: ["a"])
        await port.setBehaviour(.paperOut, for: "a")
        let pool = makePool(port, ["a"])
        _ = await pool.issue(ticket)
        #expect(await pool.health(of: "a")?.canPrint == false)
        #expect(await pool.probe("a") == .stopPrinter(reason: "media-empty-error,paused (Paper out)"))
        await port.setBehaviour(.prints, for: "a")
        #expect(await pool.probe("a") == .printed)
        #expect(await pool.health(of: "a")?.summary == "ok")
        // The probe printed nothing.
        #expect(await port.printedJobs(on: "a").isEmpty)
    }
}
