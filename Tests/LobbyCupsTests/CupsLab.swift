import Foundation
import LobbyCups
import LobbyEscPos
import LobbyPrinting
import LobbyRender
import LobbyTestSupport

/// A throwaway cupsd plus simulated printers, one queue per simulator; stops everything.
final class CupsLab {
    let cupsd: ThrowawayCupsd
    var simulators: [PrinterID: SimulatedPrinterProcess] = [:]
    let port: CupsPrinterPort

    init() throws {
        cupsd = try Self.startCupsd()
        port = CupsPrinterPort(server: cupsd.server)
    }

    /// Starts a throwaway cupsd. cupsd cannot be told to bind port 0, so the port is read back
    /// free first; a server in another lane may take it before cupsd binds it: then a new port.
    static func startCupsd() throws -> ThrowawayCupsd {
        for _ in 0..<2 {
            do { return try ThrowawayCupsd() } catch let failure as TestFailure where failure.description.contains("bind") || failure.description.contains("busy") {}
        }
        return try ThrowawayCupsd()
    }

    /// Starts a simulator and adds a queue `name` for it (TCP, or the pty with `serial`);
    /// `device` are the simulator's speed arguments (`--print-speed 50`, `--baud 19200` …).
    @discardableResult
    func addPrinter(_ name: PrinterID, serial: Bool = false, initial: [String] = [], options: String = "status-timeout=1&retry-delay=1",
                    device: [String] = []) throws -> SimulatedPrinterProcess {
        let simulator = try SimulatedPrinterProcess(pseudoTerminal: serial, tcp: !serial, initial: initial, device: device)
        simulators[name] = simulator
        let uri = serial
            ? "lobby-escpos:\(simulator.ptyPath)?baud=19200&\(options)"
            : "lobby-escpos://127.0.0.1:\(simulator.tcpPort)/?\(options)"
        try cupsd.addQueue(name.name, uri: uri)
        return simulator
    }

    func simulator(_ name: PrinterID) -> SimulatedPrinterProcess { simulators[name]! }

    /// Jobs a simulator printed completely.
    func printedJobs(_ name: PrinterID) throws -> [SimulatedPrinterProcess.Job] {
        try simulator(name).jobs().filter(\.printed)
    }

    func stop() {
        for simulator in simulators.values {
            simulator.stop()
            simulator.removeFiles()
        }
        cupsd.stop()
    }

    /// The documented deadlines (they follow each job's bytes and paper), polled often.
    static let fastPolicy = PrinterPoolPolicy(pollInterval: .milliseconds(20), cancelConfirmation: .seconds(5))

    func pool(_ printers: [PrinterID], policy: PrinterPoolPolicy = CupsLab.fastPolicy) -> PrinterPool<ContinuousClock> {
        PrinterPool(name: "kiosk-1", printers: printers.map { ($0, .enabled) }, port: port, clock: ContinuousClock(), policy: policy)
    }

    func pool(_ printers: [PoolPrinter], policy: PrinterPoolPolicy = CupsLab.fastPolicy) -> PrinterPool<ContinuousClock> {
        PrinterPool(name: "kiosk-1", printers: printers, port: port, clock: ContinuousClock(), policy: policy)
    }

    /// A small, distinct text-mode ticket (for counting jobs).
    static func smallTicket(_ number: String) -> TicketPrintRequest {
        TicketPrintRequest(ticket: number, bytes: [0x1B, 0x40] + Array("Ticket \(number)\n".utf8) + Array(repeating: 0x2E, count: 60) + [0x0A, 0x1D, 0x56, 0x42, 0x00])
    }

    static let profile = PrinterProfile(name: "generic-80mm", width: .dots576, cut: .feedThenPartialCut(feedUnits: 0), maxBandRows: 256)
    static let narrowProfile = PrinterProfile(name: "generic-58mm", width: .dots384, cut: .feedThenPartialCut(feedUnits: 0), maxBandRows: 256)

    static func content(number: String, statusURL: String) -> TicketContent {
        TicketContent(
            language: .az, centreName: "Xidmət Mərkəzi № 3", serviceName: "Şəxsiyyət vəsiqəsinin dəyişdirilməsi",
            ticketNumber: number, peopleAhead: 4, expectedWaitMinutes: 9, issueDate: "21.11.2026", issueTime: "09:41",
            statusURL: statusURL, note: "Nömrənizi ekranda izləyin."
        )
    }

    /// A real rendered ticket (Azerbaijani letters, QR) encoded for an 80 mm printer.
    static func renderedTicket(number: String, statusURL: String) throws -> (bitmap: MonoBitmap, request: TicketPrintRequest) {
        let rendered = try TicketRenderer(width: .dots576).render(TestTicket.layout, content: content(number: number, statusURL: statusURL))
        let bytes = EscPosEncoder(profile: profile).ticketBytes(for: rendered.bitmap)
        return (rendered.bitmap, TicketPrintRequest(ticket: number, bytes: bytes))
    }

    /// A real ticket rendered for whichever profile the pool asks for.
    static func ticketRenderedPerProfile(number: String) -> TicketPrintRequest {
        TicketPrintRequest(ticket: number) { profile in
            let rendered = try TicketRenderer(width: profile.width).render(TestTicket.layout, content: content(number: number, statusURL: "https://q.example/t/\(number)"))
            return EscPosEncoder(profile: profile).ticketBytes(for: rendered.bitmap)
        }
    }
}

extension TicketPrintRequest {
    /// The bytes for the generic 80 mm profile (the lab's fixed-bytes tickets are the same for every profile).
    var bytes: [UInt8] { (try? render(PoolPrinter.defaultProfile)) ?? [] }
}
