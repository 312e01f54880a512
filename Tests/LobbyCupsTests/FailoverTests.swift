import Foundation
import LobbyCups
import LobbyPrinting
import LobbyTestSupport
import Testing

/// Paper out, silent printers and recovery through a real cupsd, our backend and simulators.
@Suite(.tags(.cups), .serialized) struct FailoverTests {
    @Test func paperOutBeforeTheJobStopsTheQueueWithMediaEmptyErrorAndThePoolFailsOver() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        try lab.addPrinter("left", initial: ["paper-out"])
        try lab.addPrinter("right")
        let pool = lab.pool(["left", "right"])
        let ticket = CupsLab.smallTicket("A001")

        let result = await pool.issue(ticket)
        guard case let .printed(printer, _, attempts) = result else {
            Issue.record("not printed: \(result)")
            return
        }
        #expect(printer == "right")
        #expect(attempts.first?.printer == "left")
        if case let .finished(outcome) = attempts.first?.result, case let .stopPrinter(reason) = outcome {
            #expect(reason.contains("media-empty-error"))
        } else {
            Issue.record("first attempt: \(String(describing: attempts.first))")
        }

        // Our IPP code sees the reason and the stopped queue...
        let status = try await lab.port.printerStatus(printer: "left")
        #expect(status.state == .stopped)
        #expect(status.reasons.contains("media-empty-error"))
        #expect(status.message.contains("out of paper"))
        // ...and so do two independent clients.
        #expect(try lab.cupsd.reasonsFromIpptool("left").contains("media-empty-error"))
        let lpstat = try lab.cupsd.client("/usr/bin/lpstat", ["-l", "-p", "left"])
        #expect(lpstat.output.contains("media-empty-error"))
        #expect(await pool.health(of: "left")?.paper == .out)
        #expect(await pool.health(of: "left")?.summary == "paper-out")

        // Printed once, on the right printer; the left printer printed nothing.
        #expect(eventually(5) { (try? lab.printedJobs("right").count) == 1 })
        #expect(try lab.simulator("right").bytes(of: lab.printedJobs("right")[0]) == ticket.bytes)
        #expect(try lab.simulator("left").jobs().isEmpty)
        // The stopped job was cancelled before the failover, so it can never print later.
        let leftJob = try #require(attempts.first?.job)
        #expect(try await lab.port.jobStatus(printer: "left", job: leftJob).state == .canceled)
    }

    @Test func paperOutInTheMiddleOfARunFailsOverWithoutPrintingAnyTicketTwice() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let tickets = (1...5).map { CupsLab.smallTicket(String(format: "B%03d", $0)) }
        // Paper ends inside the third ticket.
        let left = try lab.addPrinter("left", initial: ["paper-out-after \(tickets[0].bytes.count * 2 + 20)"])
        let right = try lab.addPrinter("right")
        let pool = lab.pool(["left", "right"])

        var printedOn: [String: PrinterID] = [:]
        for ticket in tickets {
            let result = await pool.issue(ticket)
            guard case let .printed(printer, _, _) = result else {
                Issue.record("\(ticket.ticket) not printed: \(result)")
                continue
            }
            printedOn[ticket.ticket] = printer
        }
        #expect(printedOn == ["B001": "left", "B002": "left", "B003": "right", "B004": "right", "B005": "right"])

        #expect(eventually(5) { (try? right.jobs().count) == 3 })
        let leftJobs = try left.jobs()
        #expect(leftJobs.map(\.printed) == [true, true, false])
        // Every ticket is on paper exactly once across both printers.
        var paper: [[UInt8]] = []
        for (simulator, jobs) in [(left, leftJobs), (right, try right.jobs())] {
            for job in jobs where job.printed { paper.append(try simulator.bytes(of: job)) }
        }
        #expect(paper.count == 5)
        for ticket in tickets { #expect(paper.filter { $0 == ticket.bytes }.count == 1) }
        #expect(try await lab.port.printerStatus(printer: "left").reasons.contains("media-empty-error"))
    }

    @Test func paperBackAndCupsenableClearTheReasonAndAProbeJobDoesToo() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let left = try lab.addPrinter("left", initial: ["paper-out"])
        try lab.addPrinter("right")
        let pool = lab.pool(["left", "right"])
        _ = await pool.issue(CupsLab.smallTicket("C001"))
        #expect(try await lab.port.printerStatus(printer: "left").reasons.contains("media-empty-error"))

        // A technician loads paper and runs cupsenable; the next ticket prints on the left
        // printer again and the backend clears the reason.
        try left.command("paper-ok")
        let enable = try lab.cupsd.client("/usr/sbin/cupsenable", ["left"])
        #expect(enable.status == 0)
        let second = await pool.issue(CupsLab.smallTicket("C002"))
        guard case let .printed(printer, _, _) = second else {
            Issue.record("not printed: \(second)")
            return
        }
        #expect(printer == "left")
        let recovered = try await lab.port.printerStatus(printer: "left")
        #expect(recovered.state == .idle)
        #expect(!recovered.reasons.contains("media-empty-error"))
        #expect(try !lab.cupsd.reasonsFromIpptool("left").contains("media-empty-error"))
        #expect(await pool.health(of: "left")?.summary == "ok")

        // Paper out again; this time the daemon's reconciliation brings it back with a probe.
        try left.command("paper-out")
        let third = await pool.issue(CupsLab.smallTicket("C003"))
        #expect({ if case .printed(printer: "right", _, _) = third { true } else { false } }())
        #expect(await pool.probe("left") == .stopPrinter(reason: "media-empty-error,paused (Printer is out of paper)"))
        try left.command("paper-ok")
        #expect(await pool.probe("left") == .printed)
        #expect(await pool.health(of: "left")?.summary == "ok")
        #expect(try await !lab.port.printerStatus(printer: "left").reasons.contains("media-empty-error"))
        // Probes print nothing: the left printer has only its one real ticket.
        #expect(try left.jobs().filter(\.printed).count == 1)
        let events = await pool.takeEvents()
        #expect(events.contains(.healthChanged("left", from: "paper-out", to: "ok")))
    }

    @Test func aPrinterThatNeverAnswersTimesOutIsReportedOfflineAndTheTicketGoesElsewhere() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let silent = try lab.addPrinter("left", initial: ["offline"], options: "status-timeout=0.5&retry-delay=5")
        try lab.addPrinter("right")
        let pool = lab.pool(["left", "right"])
        let started = ContinuousClock.now
        let result = await pool.issue(CupsLab.smallTicket("D001"))
        let elapsed = started.duration(to: .now)
        guard case let .printed(printer, _, attempts) = result else {
            Issue.record("not printed: \(result)")
            return
        }
        #expect(printer == "right")
        #expect(elapsed < .seconds(8))
        if case let .finished(.retryLater(reason)) = attempts.first?.result {
            #expect(reason.contains("offline-report"))
        } else {
            Issue.record("first attempt: \(String(describing: attempts.first))")
        }
        #expect(try silent.jobs().filter(\.printed).isEmpty)
        #expect(eventually(5) { (try? lab.printedJobs("right").count) == 1 })
    }

    @Test func aKioskWithNoPrinterLeftGetsNoPrinterAndNothingIsPrinted() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        try lab.addPrinter("left", initial: ["paper-out"])
        try lab.addPrinter("right", initial: ["cover-open"])
        let pool = lab.pool(["left", "right"])
        let first = await pool.issue(CupsLab.smallTicket("E001"))
        guard case let .noPrinter(_, attempts) = first else {
            Issue.record("expected noPrinter, got \(first)")
            return
        }
        #expect(attempts.map(\.printer) == ["left", "right"])
        #expect(try await lab.port.printerStatus(printer: "right").reasons.contains("cover-open-error"))
        // The next ticket does not even try: both queues are stopped.
        let second = await pool.issue(CupsLab.smallTicket("E002"))
        #expect(second.attempts.map(\.result) == [.skipped("paper-out"), .skipped("cover-open")])
        #expect(await pool.noPrinterCount == 2)
        #expect(try lab.printedJobs("left").isEmpty && lab.printedJobs("right").isEmpty)
    }
}
