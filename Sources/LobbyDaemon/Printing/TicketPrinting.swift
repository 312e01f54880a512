import Foundation
import LobbyConfiguration
import LobbyCups
import LobbyEscPos
import LobbyPrinting
import LobbyPrivacy
import LobbyQueue
import LobbyRender
import Logging
import ServiceLifecycle

/// Prints tickets through the printer pool, rendered for the profile of the printer the pool
/// chooses (text mode where that printer has it, else raster); the answer is how the ticket
/// reached the citizen. Concurrent requests for the same ticket share one print (a double tap
/// never prints twice).
actor TicketPrinting {
    let pool: PrinterPool<ContinuousClock>
    private let timedPort: TimedPrinterPort
    /// Recent latencies of printed tickets.
    private(set) var latencies = PrintLatencies()
    private let layout: TicketLayout
    private let statusURL: String
    private let timeZone: TimeZone
    /// The ticket links (for the print content's status page address).
    nonisolated let links: TicketLinks
    private let centreLines: TicketCentreLines
    private let glyphs = FontGlyphs()
    private let logger: Logger
    private let healthRegistry: HealthRegistry
    private var inFlight: [TicketID: Task<TicketDelivery, Never>] = [:]

    /// Loads the template and every printer's profile and connects the pool to CUPS, or to `port`
    /// (the demo's simulated printers).
    init(configuration: PrintingConfiguration, timeZone: TimeZone, links: TicketLinks, health: HealthRegistry, logger: Logger,
         windowLocations: [WindowID: WindowLocation] = [:], port: (any PrinterPort)? = nil) throws {
        func read(_ path: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigFileError(file: path, line: 0, column: 0, field: "", message: "cannot read the file")
            }
            return [UInt8](data)
        }
        layout = try configuration.templatePath.map { p in try TicketLayout(jsonBytes: try read(p), fileName: (p as NSString).lastPathComponent) }
            ?? BuiltinPrintingData.layout()
        var printers: [PoolPrinter] = []
        for entry in configuration.printers {
            printers.append(PoolPrinter(PrinterID(entry.queue), profile: try PrinterProfileFiles.load(entry.profile ?? configuration.profilePath),
                                        link: entry.baud.map { .serial(baud: $0) } ?? .fast))
        }
        if let port {
            timedPort = TimedPrinterPort(port)
        } else {
            let server = configuration.cupsServer.flatMap(CupsServer.init(parsing:)) ?? CupsPrinterPort.defaultServer()
            timedPort = TimedPrinterPort(CupsPrinterPort(server: server))
        }
        var policy = PrinterPoolPolicy()
        policy.idleProbeInterval = .seconds(configuration.idleProbeSeconds)
        policy.faultProbeInterval = .seconds(configuration.faultProbeSeconds)
        pool = PrinterPool(name: "tickets", printers: printers, port: timedPort, clock: ContinuousClock(), policy: policy)
        statusURL = configuration.statusURL
        self.timeZone = timeZone
        self.links = links
        let extras = configuration.ticket
        var lines = TicketCentreLines(hotline: extras.hotline, website: extras.website, note: extras.note, windowLocations: windowLocations)
        if let path = extras.logoPath {
            do {
                lines.logo = try LogoImage.load(try read(path))
            } catch {
                throw ConfigFileError(file: path, line: 0, column: 0, field: "devices.printers.ticket.logo", message: "\(error)")
            }
            for printer in printers {
                if let logo = lines.logo, logo.widthDots > printer.profile.width.dots {
                    throw ConfigFileError(file: path, line: 0, column: 0, field: "devices.printers.ticket.logo",
                                          message: "the logo is \(logo.widthDots) dots wide; printer \(printer.id.name) prints \(printer.profile.width.dots)")
                }
            }
        }
        centreLines = lines
        self.logger = logger
        self.healthRegistry = health
    }

    /// Prints a ticket once, however many callers ask at the same time.
    /// `requestedAt` is when the ticket request arrived (for the latency metrics).
    func deliver(_ content: TicketPrintContent, requestedAt: ContinuousClock.Instant = .now) async -> TicketDelivery {
        if let running = inFlight[content.ticket] { return await running.value }
        let task = Task { await self.print(content, requestedAt: requestedAt) }
        inFlight[content.ticket] = task
        let result = await task.value
        inFlight[content.ticket] = nil
        return result
    }

    private func print(_ c: TicketPrintContent, requestedAt: ContinuousClock.Instant) async -> TicketDelivery {
        let content = c.ticketContent(timeZone: timeZone, statusURL: statusURL, centre: centreLines)
        let result = await pool.issue(TicketPrintRequest(ticket: c.number, render: Self.rendering(layout: layout, content: content, glyphs: glyphs)))
        for attempt in result.attempts {
            if case let .renderFailed(error) = attempt.result {
                logger.error("ticket rendering failed", metadata: ["ticket": "\(c.number)", "printer": "\(attempt.printer)", "error": "\(error)"])
            }
        }
        let accepted = timedPort.takeAcceptedTime(title: "ticket \(c.number)")
        if case .printed = result {
            func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
            latencies.record(accepted: accepted.map { seconds($0 - requestedAt) }, completed: seconds(ContinuousClock.now - requestedAt))
        }
        for event in await pool.takeEvents() { logger.info("printer", metadata: ["event": "\(event)"]) }
        for (name, state) in await health() { await healthRegistry.set("printer:\(name)", state) }
        switch result {
        case .printed(let printer, _, _):
            return .printed(printer: printer.name)
        case .noPrinter(let reason, _):
            logger.warning("no printer could print; the kiosk shows the number", metadata: ["ticket": "\(c.number)", "reason": "\(reason)"])
            return .shownOnScreen(reason: reason)
        }
    }

    /// The pool's rendering hook: the ticket encoded for the profile of the printer the pool chose
    /// (text mode where the profile has it, else one 1-bit picture at the profile's width: a 58 mm
    /// printer gets 384 dots, an 80 mm one 576).
    static func rendering(layout: TicketLayout, content: TicketContent, glyphs: FontGlyphs) -> @Sendable (PrinterProfile) throws -> [UInt8] {
        { profile in try TicketEncoder(layout: layout, content: content, glyphs: glyphs).bytes(for: profile) }
    }

    /// Every printer's one-word health (`ok`, `paper-low`, `paper-out`, …).
    func health() async -> [(String, String)] {
        await pool.health().map { ($0.printer.name, $0.summary) }
    }
}

/// Keeps printer health true while printers are idle (Decision 0023): every `interval` it lets
/// the pool probe the printers that are due (an idle printer that looks fine every 30 s, one with
/// a fault every 10 s, a stopped queue resumed first), so paper low, paper out and offline show
/// before a citizen's ticket finds them, and clear once fixed.
struct PrinterMonitor: Service {
    let printing: TicketPrinting
    let health: HealthRegistry
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                await printing.pool.pollIdle()
                for event in await printing.pool.takeEvents() { logger.info("printer", metadata: ["event": "\(event)"]) }
                for (name, state) in await printing.health() { await health.set("printer:\(name)", state) }
                try await Task.sleep(for: interval)
            }
        }
    }
}
