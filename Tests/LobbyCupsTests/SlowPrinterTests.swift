import Foundation
import LobbyCups
import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing

/// Printers at a real device's speed behind a real cupsd: a network printer that prints at
/// 25 KB/s, a serial printer on a pty at 19200 baud, a printer that stalls in the middle of a
/// ticket, and a job cancelled in the middle of a raster band. The bytes each simulated printer
/// printed are decoded: every ticket exactly once, complete and cut; no half raster before
/// another job.
@Suite(.tags(.cups), .serialized) struct SlowPrinterTests {
    /// The tickets in `bytes` as the printer's decoder sees them: images and cuts.
    func decode(_ bytes: [UInt8]) throws -> (images: [DecodedEscPos.Image], cuts: Int) {
        let decoded = try EscPosDecoder().decode(bytes)
        return (decoded.images, decoded.commands.filter { if case .cut = $0.command { true } else { false } }.count)
    }

    @Test func aSlowPrinterGetsTheTicketOnceAndTheBackendWaitsUntilItIsPrinted() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        // The issue's printer: 25 KB/s with a 4 KB buffer; the documented status-timeout of 2 s.
        let slow = try lab.addPrinter("left", options: "status-timeout=2&retry-delay=1", device: ["--throughput", "25000", "--buffer", "4096"])
        let other = try lab.addPrinter("right")
        let pool = lab.pool(["left", "right"])
        let (bitmap, ticket) = try CupsLab.renderedTicket(number: "S001", statusURL: "https://q.example/t/1")
        #expect(ticket.bytes.count > 57_000, "a ticket at least as big as the issue's")

        let started = ContinuousClock.now
        let result = await pool.issue(ticket)
        let elapsed = started.duration(to: .now)
        guard case let .printed(printer, job, attempts) = result else {
            Issue.record("not printed: \(result)")
            return
        }
        #expect(printer == "left")
        #expect(attempts.count == 1)
        // The printer really took its time: the job cannot end before its bytes were printed.
        #expect(elapsed >= .milliseconds(Int64(ticket.bytes.count * 1000 / 25000)))
        // On paper once, complete and cut; nothing on the other printer.
        let jobs = try slow.jobs()
        #expect(jobs.count == 1)
        let printed = try #require(jobs.first)
        #expect(printed.printed)
        #expect(try slow.bytes(of: printed) == ticket.bytes)
        let decoded = try decode(slow.stream())
        #expect(decoded.images.map(\.bitmap) == [bitmap])
        #expect(decoded.cuts == 1)
        #expect(try other.jobs().isEmpty)
        // The backend reported the whole ticket sent, and CUPS completed the job.
        let status = try await lab.port.jobStatus(printer: "left", job: job)
        #expect(status.state == .completed)
        #expect(status.progress == 100)
    }

    @Test func atNineteenThousandTwoHundredBaudALongTicketPrintsWholeOnce() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let serial = try lab.addPrinter("serial", serial: true, options: "status-timeout=2&retry-delay=1",
                                        device: ["--baud", "19200", "--width-dots", "384", "--print-speed", "50"])
        let other = try lab.addPrinter("other")
        let pool = lab.pool([PoolPrinter("serial", profile: CupsLab.narrowProfile, link: .serial(baud: 19200)),
                             PoolPrinter("other", profile: CupsLab.profile)])
        let ticket = CupsLab.ticketRenderedPerProfile(number: "S002")
        let bytes = try ticket.render(CupsLab.narrowProfile)
        let wire = Duration.milliseconds(Int64(bytes.count * 10_000 / 19200))
        #expect(wire > .seconds(15), "longer on the wire than the old fixed 15 s deadline: \(wire)")

        let started = ContinuousClock.now
        let result = await pool.issue(ticket)
        let elapsed = started.duration(to: .now)
        guard case .printed(printer: "serial", _, let attempts) = result else {
            Issue.record("not printed on the serial printer: \(result)")
            return
        }
        #expect(attempts.count == 1)
        #expect(elapsed >= wire, "the pty was paced at the wire rate")
        #expect(eventually(10) { (try? serial.jobs().count) == 1 })
        let decoded = try decode(serial.stream())
        #expect(decoded.images.count == 1)
        #expect(decoded.images.first?.bitmap.widthDots == 384)
        #expect(decoded.cuts == 1)
        #expect(try serial.jobs().first.map { try serial.bytes(of: $0) } == bytes)
        #expect(try other.jobs().isEmpty)
    }

    @Test func aJobCancelledInTheMiddleOfARasterBandIsCompletedAndThePrinterResetBeforeTheNextJob() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let serial = try lab.addPrinter("serial", serial: true, options: "status-timeout=2&retry-delay=1", device: ["--baud", "19200"])
        let (_, ticket) = try CupsLab.renderedTicket(number: "S003", statusURL: "https://q.example/t/3")
        let job = try await lab.port.submit(printer: "serial", title: "ticket S003", bytes: ticket.bytes)
        // Wait until the second band is on its way (progress is reported before each piece).
        #expect(try await eventually(within: 20, every: 0.05) { (try await lab.port.jobStatus(printer: "serial", job: job).progress ?? 0) > 31 })
        var status = try await lab.port.cancel(printer: "serial", job: job)
        #expect(status.state == .canceled)
        // The backend completes the band on the wire, resets the printer, reports and ends.
        #expect(try await eventually(within: 30, every: 0.05) {
            status = try await lab.port.jobStatus(printer: "serial", job: job)
            return !status.isStopping
        })
        #expect((1..<100).contains(status.progress ?? 0), "an incomplete ticket: \(String(describing: status.progress))")
        // The next job prints as it was sent: nothing of it was swallowed by the raster.
        let next = CupsLab.smallTicket("S004")
        let second = try await lab.port.submit(printer: "serial", title: "ticket S004", bytes: next.bytes)
        #expect(try await eventually(within: 30, every: 0.05) { try await lab.port.jobStatus(printer: "serial", job: second).state == .completed })
        #expect(eventually(10) { serial.stream().count > ticket.bytes.count / 3 && serial.stream().suffix(next.bytes.count) == next.bytes[...] })
        let decoded = try EscPosDecoder().decode(serial.stream())
        let texts = decoded.commands.compactMap { if case let .text(bytes) = $0.command { String(decoding: bytes, as: UTF8.self) } else { nil } }
        #expect(texts.contains { $0.contains("Ticket S004") })
        // The cancelled ticket: its bands are whole (the last one padded with white rows), then
        // ESC @ and its own cut, then the next job from its ESC @.
        let commands = decoded.commands.map(\.command)
        let cuts = commands.enumerated().filter { if case .cut = $0.element { true } else { false } }.map(\.offset)
        #expect(cuts.count == 2)
        if let firstCut = cuts.first {
            #expect(commands[firstCut - 1] == .initialize)
            #expect(commands[firstCut + 1] == .initialize)
            if case .rasterImage = commands[firstCut - 2] {} else { Issue.record("the padded band precedes the reset: \(commands[firstCut - 2])") }
        }
        #expect(eventually(5) { ((try? serial.jobs().filter(\.printed).count) ?? 0) >= 1 })
    }

    @Test func aPrinterThatStallsMidTicketEndsTheJobAndTheTicketPrintsOnceElsewhere() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let stalling = try lab.addPrinter("left", options: "status-timeout=1&retry-delay=1", device: ["--throughput", "20000"])
        let other = try lab.addPrinter("right")
        let pool = lab.pool(["left", "right"])
        let (bitmap, ticket) = try CupsLab.renderedTicket(number: "S005", statusURL: "https://q.example/t/5")
        // The head stops once part of the ticket is on paper (a paper jam without a sensor).
        nonisolated(unsafe) let watched = stalling
        let stall = Task.detached {
            let limit = ContinuousClock.now.advanced(by: .seconds(30))
            while watched.stream().count < 10_000, ContinuousClock.now < limit { try await Task.sleep(for: .milliseconds(20)) }
            try watched.command("stall")
        }
        let result = await pool.issue(ticket)
        _ = try? await stall.value
        guard case let .printed(printer, _, attempts) = result else {
            Issue.record("not printed: \(result)")
            return
        }
        #expect(printer == "right")
        if case let .finished(outcome) = attempts.first?.result {
            #expect(outcome != .printed)
        } else {
            Issue.record("first attempt: \(String(describing: attempts.first))")
        }
        // The left job ended (cancelled by the backend, part of the ticket sent), never retried.
        let leftJob = try #require(attempts.first?.job)
        let leftStatus = try await lab.port.jobStatus(printer: "left", job: leftJob)
        #expect(leftStatus.state.isTerminal)
        #expect((1..<100).contains(leftStatus.progress ?? 0))
        // The whole ticket is on the right printer's paper once; the left one never printed a cut.
        #expect(eventually(5) { (try? other.jobs().count) == 1 })
        let right = try decode(other.stream())
        #expect(right.images.map(\.bitmap) == [bitmap])
        #expect(right.cuts == 1)
        try stalling.command("resume")
        #expect(eventually(10) { (try? stalling.jobs().count) == 1 })
        #expect(try stalling.jobs().first?.cuts == 0)
        #expect(try stalling.jobs().first.map { $0.bytes < ticket.bytes.count } == true)
    }
}

