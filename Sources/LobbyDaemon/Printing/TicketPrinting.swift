import Foundation
import LobbyCups
import LobbyEscPos
import LobbyPrinting
import LobbyQueue
import LobbyRender
import Logging
import ServiceLifecycle

/// What goes on a printed ticket (no personal data).
struct TicketPrintContent: Sendable {
    let ticket: TicketID
    let number: String
    let language: Language
    let centreName: String
    let serviceName: String
    let peopleAhead: Int
    let expectedWaitMinutes: Int
    let issuedAt: Instant

    /// Reads the facts of a ticket from the queue state.
    init?(engine: QueueEngine, ticket id: TicketID) {
        guard let t = engine.state.tickets[id] else { return nil }
        ticket = id
        number = t.number.description
        language = t.language
        centreName = engine.configuration.name.text(in: t.language)
        serviceName = engine.configuration.service(t.service)?.name.text(in: t.language) ?? t.service.rawValue
        let estimate = engine.estimate(for: id)
        peopleAhead = estimate?.peopleAhead ?? 0
        expectedWaitMinutes = Int(((estimate?.expectedWaitSeconds ?? 0) + 59) / 60)
        issuedAt = t.issuedAt
    }
}

/// Prints tickets through the printer pool, rendered for the profile of the printer the pool
/// chooses; the answer is how the ticket reached the citizen. Concurrent requests for the same
/// ticket share one print (a double tap never prints twice).
actor TicketPrinting {
    let pool: PrinterPool<ContinuousClock>
    private let timedPort: TimedPrinterPort
    /// Recent latencies of printed tickets.
    private(set) var latencies = PrintLatencies()
    private let layout: TicketLayout
    private let statusURL: String
    private let timeZone: TimeZone
    private let logger: Logger
    private let healthRegistry: HealthRegistry
    private var inFlight: [TicketID: Task<TicketDelivery, Never>] = [:]

    /// Loads the template and every printer's profile and connects the pool to CUPS, or to `port`
    /// (the demo's simulated printers).
    init(configuration: PrintingConfiguration, timeZone: TimeZone, health: HealthRegistry, logger: Logger,
         port: (any PrinterPort)? = nil) throws {
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
        let date = Date(timeIntervalSince1970: Double(c.issuedAt.milliseconds) / 1000)
        func format(_ pattern: String) -> String {
            let f = DateFormatter()
            f.timeZone = timeZone
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = pattern
            return f.string(from: date)
        }
        let content = TicketContent(
            language: TicketLanguage(rawValue: c.language.rawValue) ?? .az, centreName: c.centreName, serviceName: c.serviceName,
            ticketNumber: c.number, peopleAhead: c.peopleAhead, expectedWaitMinutes: c.expectedWaitMinutes,
            issueDate: format("dd.MM.yyyy"), issueTime: format("HH:mm"),
            statusURL: statusURL.replacingOccurrences(of: "{id}", with: String(c.ticket.rawValue)))
        let result = await pool.issue(TicketPrintRequest(ticket: c.number, render: Self.rasterRendering(layout: layout, content: content)))
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

    /// Hands a ticket out: prints it once and journals how it reached the citizen. A repeated
    /// request finds the recorded delivery and prints nothing; `reprint` prints again (the
    /// citizen already held the ticket). Returns the delivery, nil for an unknown ticket.
    @discardableResult
    func handOut(_ ticket: TicketID, queue: QueueService, reprint: Bool, requestID: String,
                 requestedAt: ContinuousClock.Instant) async -> TicketDelivery? {
        let (content, existing) = await queue.read { e in (TicketPrintContent(engine: e, ticket: ticket), e.state.tickets[ticket]?.delivery) }
        guard let content else { return nil }
        if !reprint, let existing { return existing }
        let delivery = await deliver(content, requestedAt: requestedAt)
        let suffix = reprint ? "/reprint-\(UUID().uuidString.prefix(8))" : "/delivery"
        _ = try? await queue.submit(CommandRequest(RequestID(requestID + suffix), .recordDelivery(ticket: ticket, delivery: delivery)))
        return delivery
    }

    /// The pool's rendering hook: the ticket drawn as one 1-bit picture at the profile's width
    /// and encoded for that profile (a 58 mm printer gets 384 dots, an 80 mm one 576).
    static func rasterRendering(layout: TicketLayout, content: TicketContent) -> @Sendable (PrinterProfile) throws -> [UInt8] {
        { profile in
            let rendered = try TicketRenderer(width: profile.width).render(layout, content: content)
            return EscPosEncoder(profile: profile).ticketBytes(for: rendered.bitmap)
        }
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
