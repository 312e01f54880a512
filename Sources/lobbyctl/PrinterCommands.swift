import ArgumentParser
import Foundation
import LobbyConfiguration
import LobbyCups
import LobbyEscPos
import LobbyPrinting
import LobbyRender

/// Options shared by the printer commands: which CUPS and which queues.
struct PrinterOptions: ParsableArguments {
    @Option(help: "The CUPS server, HOST:PORT or a socket path (default: the configuration's, else libcups' default).") var cups: String?
    @Option(name: .shortAndLong, help: "lobbyd's configuration, for its printer queues (default /etc/lobby/lobby.yaml).") var config: String?
    @Flag(help: "Print JSON.") var json = false

    /// The configuration's printing section, when there is one.
    func printing() throws -> PrintingConfiguration? {
        let path = config ?? "/etc/lobby/lobby.yaml"
        guard config != nil || FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try ConfigurationLoader.load(path: path).printing } catch { throw CLIError.failed("configuration-error", "configuration error: \(error)", exitCode: 78) }
    }

    func port(_ printing: PrintingConfiguration?) -> CupsPrinterPort {
        let server = (cups ?? printing?.cupsServer).flatMap(CupsServer.init(parsing:)) ?? CupsPrinterPort.defaultServer()
        return CupsPrinterPort(server: server)
    }

    /// One printer queue as `printer list/status --json` show it; `health` is the word lobbyd's
    /// /healthz uses for the printer (plus `no-such-queue`).
    struct Report: Encodable {
        let name: String
        let health: String
        let paper: String
        let state: String?
        let reasons: [String]?
        let acceptingJobs: Bool?
        let message: String?
        let error: String?
    }

    /// `printer list --json`.
    struct ListReport: Encodable {
        let printers: [Report]
    }

    /// One printer's state, reasons and the one-word health lobbyd uses.
    func describe(_ name: String, port: CupsPrinterPort) async -> Report {
        var health = PrinterHealth(printer: PrinterID(name), desired: .enabled)
        do {
            health.status = try await port.printerStatus(printer: PrinterID(name))
        } catch {
            health.lastError = error
        }
        var summary = health.summary
        if case .queueNotFound = health.lastError { summary = "no-such-queue" }
        let s = health.status
        return Report(name: name, health: summary, paper: health.paper.rawValue, state: s?.state.description, reasons: s?.reasons,
                      acceptingJobs: s?.isAcceptingJobs, message: s?.message, error: health.lastError?.description)
    }

    /// One line per printer.
    func text(_ reports: [Report]) -> String {
        reports.map { o in
            Format.pad(o.name, 16) + Format.pad(o.health, 12) + Format.pad(o.state ?? "-", 10) + "paper " + Format.pad(o.paper, 8)
                + (o.reasons?.joined(separator: ", ") ?? "-") + (o.error.map { "  (\($0))" } ?? "")
        }.joined(separator: "\n")
    }
}

/// `lobbyctl printer …`: ticket printers through CUPS.
struct PrinterCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "printer", abstract: "Ticket printers (CUPS queues).",
                                                    subcommands: [List.self, Status.self, Test.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The configured printer queues: health, CUPS state, paper, state reasons.")
        @OptionGroup var options: PrinterOptions
        @Argument(help: "Queue names (default: the configuration's devices.printers.queues).") var queues: [String] = []

        func run() async throws {
            let printing = try options.printing()
            let names = queues.isEmpty ? printing?.queues ?? [] : queues
            guard !names.isEmpty else { throw CLIError.usage("no printer queues: give names, or configure devices.printers.queues") }
            let port = options.port(printing)
            var reports: [PrinterOptions.Report] = []
            for name in names { reports.append(await options.describe(name, port: port)) }
            if options.json { try printJSON(PrinterOptions.ListReport(printers: reports)) } else { print(options.text(reports)) }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One printer queue's health, state, paper, reasons and message.")
        @OptionGroup var options: PrinterOptions
        @Argument var name: String

        func run() async throws {
            let report = await options.describe(name, port: options.port(try options.printing()))
            if let error = report.error {
                if !options.json { print(options.text([report])) }
                throw CLIError.failed(report.health == "no-such-queue" ? "no-such-queue" : "printer-unreachable", "printer \(name): \(error)",
                                      result: try AnyJSON(encoding: report))
            }
            if options.json { try printJSON(report) } else { print(options.text([report])) }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a test ticket (ruler, every Azerbaijani letter, Cyrillic, a QR code) and wait for the job.",
            discussion: """
            Waits until the job completes; gives up after --timeout (default: the time the job needs at the printer's \
            speed and link, with lobbyd's margin, at least 60 s) and then cancels the job, so it never prints later unasked.
            """)
        @OptionGroup var options: PrinterOptions
        @Argument var name: String
        @Option(help: "Printer profile: a JSON file or a profile name; default: the configuration's for this queue, else generic 80 mm.") var profile: String?
        @Option(help: "Serial speed of the printer's link, for the wait (default: the configuration's for this queue; none: network/USB).") var baud: Int?
        @Option(help: "Seconds to wait for the job before cancelling it.") var timeout: Double?

        /// `printer test --json`; when the ticket was not printed, the `result` of the error object (code `not-printed`).
        struct TestReport: Encodable {
            let printer: String
            let job: Int
            let jobState: String
            let result: String
            let bytes: Int
            let profile: String
            let timeoutSeconds: Double
            let printerAfter: PrinterOptions.Report
        }

        func run() async throws {
            let printing = try options.printing()
            let entry = printing?.printers.first { $0.queue == name }
            let printerProfile: PrinterProfile
            do {
                printerProfile = try PrinterProfileFiles.load(profile ?? printing?.profile(of: name))
            } catch {
                throw CLIError.usage("\(error)")
            }
            let f = DateFormatter()
            f.dateFormat = "dd.MM.yyyy"
            let day = f.string(from: Date())
            f.dateFormat = "HH:mm"
            let content = TestTicket.content(printerDescription: "\(printerProfile.name) · \(printerProfile.width.dots) dots · \(name)",
                                             issueDate: day, issueTime: f.string(from: Date()), statusURL: "lobby test \(name)")
            let rendered = try TicketRenderer(width: printerProfile.width).render(TestTicket.layout, content: content)
            let bytes = EscPosEncoder(profile: printerProfile).ticketBytes(for: rendered.bitmap)
            let link = (baud ?? entry?.baud).map { PrinterLink.serial(baud: $0) } ?? .fast
            let estimate = PrintTimeEstimate(layout: EscPosJobLayout(bytes), pace: PoolPrinter(PrinterID(name), profile: printerProfile, link: link).pace)
            let limit = timeout.map { Duration.milliseconds(Int64($0 * 1000)) }
                ?? max(.seconds(60), PrintDeadlinePolicy().deadline(for: estimate) * 2)
            let port = options.port(printing)
            let printer = PrinterID(name)
            let job: PrintJobID
            do {
                job = try await port.submit(printer: printer, title: "Lobby test ticket", bytes: bytes)
            } catch {
                throw CLIError.failed("printer-unreachable", "printer \(name): cannot send the test ticket: \(error)")
            }
            let started = ContinuousClock.now
            var last: JobStatus?
            var state: String?
            while started.duration(to: .now) < limit {
                last = try? await port.jobStatus(printer: printer, job: job)
                if let s = last, s.state.isTerminal { break }
                // A queue stopped by the backend (paper out, cover open) holds the job: say why and
                // cancel it, so the test ticket does not come out later by surprise.
                if let p = try? await port.printerStatus(printer: printer), p.state == .stopped {
                    last = await cancel(job, on: printer, port: port) ?? last
                    state = "not printed: the queue stopped (\(p.reasons.joined(separator: ", "))); \(job) cancelled"
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            if state == nil, last?.state.isTerminal != true {
                last = await cancel(job, on: printer, port: port) ?? last
                state = last?.state == .completed
                    ? "completed"
                    : "gave up after \(limit): \(job) cancelled (\(last?.state.description ?? "state unknown"), \(last?.progress ?? 0) % sent)"
            }
            let text = state ?? last?.state.description ?? "unknown"
            let result = TestReport(printer: name, job: Int(job.value), jobState: last?.state.description ?? "unknown", result: text,
                                    bytes: bytes.count, profile: printerProfile.name, timeoutSeconds: Double(limit.components.seconds),
                                    printerAfter: await options.describe(name, port: port))
            let line = "test ticket (\(printerProfile.name), \(bytes.count) bytes) → \(name): \(job) \(text)"
            guard last?.state == .completed else {
                if !options.json { print(line) }
                throw CLIError.failed("not-printed", line, result: try AnyJSON(encoding: result))
            }
            if options.json { try printJSON(result) } else { print(line) }
        }

        /// Cancels the job and waits (up to 30 s) until it ended and its backend finished; its last state.
        private func cancel(_ job: PrintJobID, on printer: PrinterID, port: CupsPrinterPort) async -> JobStatus? {
            var status = try? await port.cancel(printer: printer, job: job)
            let started = ContinuousClock.now
            while let s = status, !s.state.isTerminal, started.duration(to: .now) < .seconds(30) {
                try? await Task.sleep(for: .milliseconds(200))
                status = (try? await port.jobStatus(printer: printer, job: job)) ?? status
            }
            // The backend may still be completing the raster band it was sending.
            while let s = status, s.state == .canceled, s.isStopping, started.duration(to: .now) < .seconds(30),
                  (try? await port.printerStatus(printer: printer))?.state == .processing {
                try? await Task.sleep(for: .milliseconds(200))
                status = (try? await port.jobStatus(printer: printer, job: job)) ?? status
            }
            return status
        }
    }
}
