import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing

/// Rendering per printer profile, and the health of idle printers, against the in-memory port.
@Suite(.tags(.unit)) struct PrinterPoolProfileAndProbeTests {
    static let wide = PrinterProfile(name: "wide", width: .dots576, cut: .partialCut)
    static let narrow = PrinterProfile(name: "narrow", width: .dots384, cut: .none, feedLinesBeforeCut: 4)

    /// A ticket whose raster is as wide as the profile asks, with a render counter.
    final class Renderer: @unchecked Sendable {
        private(set) var widths: [Int] = []
        func render(_ profile: PrinterProfile) -> [UInt8] {
            widths.append(profile.width.dots)
            let bitmap = MonoBitmap(widthDots: profile.width.dots, heightDots: 16)
            return EscPosEncoder(profile: profile).ticketBytes(for: bitmap)
        }
    }

    func pool(_ port: SimulatedPrinterPort, _ printers: [PoolPrinter]) -> PrinterPool<ContinuousClock> {
        PrinterPool(name: "kiosk", printers: printers, port: port, clock: ContinuousClock(), policy: PrinterPoolTests.policy)
    }

    @Test func afterAFailoverFromAnEightyToAFiftyEightMillimetrePrinterTheTicketIsRenderedAt384Dots() async throws {
        let port = SimulatedPrinterPort(printers: ["a", "b", "c"])
        await port.setBehaviour(.paperOut, for: "a")
        await port.setBehaviour(.rejectsJobs, for: "b")
        let renderer = Renderer()
        let pool = pool(port, [PoolPrinter("a", profile: Self.wide), PoolPrinter("b", profile: Self.narrow), PoolPrinter("c", profile: Self.narrow)])
        let result = await pool.issue(TicketPrintRequest(ticket: "A001") { renderer.render($0) })
        guard case .printed(printer: "c", _, _) = result else {
            Issue.record("expected c, got \(result)")
            return
        }
        // Rendered once per profile, not once per printer.
        #expect(renderer.widths == [576, 384])
        let printed = try #require(await port.printedJobs(on: "c").first)
        let image = try #require(try EscPosDecoder().decode(printed).images.first)
        #expect(image.bitmap.widthDots == 384)
        #expect(await port.printedJobs(on: "a").isEmpty)
    }

    @Test func aTicketThatCannotBeRenderedForOneProfileGoesToAPrinterWithAnother() async {
        let port = SimulatedPrinterPort(printers: ["a", "b"])
        let pool = pool(port, [PoolPrinter("a", profile: Self.narrow), PoolPrinter("b", profile: Self.wide)])
        struct TooWide: Error {}
        let result = await pool.issue(TicketPrintRequest(ticket: "A002") { profile in
            guard profile.width == .dots576 else { throw TooWide() }
            return [0x1B, 0x40, 0x41, 0x0A]
        })
        #expect({ if case .printed(printer: "b", _, _) = result { true } else { false } }())
        #expect(result.attempts.first?.result == .renderFailed("TooWide()"))
    }

    @Test func anIdlePrinterThatStopsAnsweringIsReportedOfflineAndRecoversWhenItAnswersAgain() async throws {
        let port = SimulatedPrinterPort(printers: ["a", "b"])
        let pool = pool(port, [PoolPrinter("a"), PoolPrinter("b")])
        await pool.pollIdle()
        #expect(await pool.health().map(\.summary) == ["ok", "ok"])

        await port.setBehaviour(.offline, for: "a")
        // Not due yet (idle interval 60 s): nothing is probed, health is unchanged.
        await pool.pollIdle()
        #expect(await port.submittedCount(on: "a") == 1)
        // A printer whose last probe failed is probed every fault interval; make "a" look due
        // by forcing a probe, as the daemon's next round would.
        #expect(await pool.probe("a", resume: false) == .retryLater(reason: "offline-report (No reply)"))
        #expect(await pool.health(of: "a")?.summary == "offline")
        // The next ticket does not wait for it: it goes to "b" first.
        let result = await pool.issue(TicketPrintRequest(ticket: "A003", bytes: [0x41]))
        #expect(result.attempts.map(\.printer) == ["b"])

        // The printer answers again; the next fault-interval probe clears the health.
        await port.setBehaviour(.prints, for: "a")
        try await Task.sleep(for: .milliseconds(60))
        await pool.pollIdle()
        #expect(await pool.health(of: "a")?.summary == "ok")
        #expect(await pool.health(of: "a")?.observedProblem == nil)
        // Probes print nothing.
        #expect(await port.printedJobs(on: "a").isEmpty)
        let events = await pool.takeEvents()
        #expect(events.contains(.healthChanged("a", from: "ok", to: "offline")))
        #expect(events.contains(.healthChanged("a", from: "offline", to: "ok")))
    }

    @Test func anOfflinePrinterStaysOfflineForThePoolAfterAFailover() async {
        let port = SimulatedPrinterPort(printers: ["a", "b"])
        await port.setBehaviour(.offline, for: "a")
        let pool = pool(port, [PoolPrinter("a"), PoolPrinter("b")])
        _ = await pool.issue(TicketPrintRequest(ticket: "A004", bytes: [0x41]))
        // cupsd forgets offline-report at the end of the job; the pool does not.
        #expect(try! await port.printerStatus(printer: "a").reasons.isEmpty)
        await pool.refresh()
        #expect(await pool.health(of: "a")?.summary == "offline")
        #expect(await pool.health(of: "a")?.observedProblem == "offline-report (No reply)")
    }
}
