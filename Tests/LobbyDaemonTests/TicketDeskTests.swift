import Foundation
import LobbyConfiguration
import LobbyPrinting
import LobbyQueue
import LobbyTestSupport
import Logging
import Testing

@testable import LobbyDaemon

/// The one ticket path: the desk reads what printing needs in the turn that issues the ticket,
/// printing returns a delivery, and the desk journals it (two visits to the queue, one unprinted).
@Suite("Ticket desk", .tags(.host))
struct TicketDeskTests {
    /// A queue on a fresh journal, and the desk's parts.
    struct Parts {
        let directory: String
        let queue: QueueService
        let port: SimulatedPrinterPort
        let printing: TicketPrinting

        init() throws {
            directory = NSTemporaryDirectory() + "ticket-desk-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let config = try ConfigurationLoader.parse(DaemonPlanTests.centre, file: "lobby.yaml")
            let logger = Logger(label: "test")
            let health = HealthRegistry()
            queue = try QueueService(configuration: config.centre, journalPath: directory + "/journal.db", logger: logger, health: health)
            port = SimulatedPrinterPort(printers: [PrinterID("desk-a")])
            let links = try TicketLinks.load(stateDirectory: directory, statusURLTemplate: "http://127.0.0.1:8420/t/{token}")
            printing = try TicketPrinting(configuration: PrintingConfiguration(queues: ["desk-a"], statusURL: "http://127.0.0.1:8420/t/{token}"),
                                          timeZone: TimeZone(identifier: "Asia/Baku")!, links: links, health: health, logger: logger,
                                          port: port)
        }

        func stop() async {
            await queue.shutdown()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func request(_ id: String) -> CommandRequest {
        CommandRequest(RequestID(id), .issueTicket(TicketRequest(service: ServiceID("passport"), language: .en)))
    }

    /// The ticket's number and its journaled delivery, as the caller's presentation.
    static let present: @Sendable (QueueEngine, QueueService.Reply) -> String = { engine, reply in
        guard let id = reply.outcome.ticket, let t = engine.state.tickets[id] else { return "none" }
        return "\(t.number) \(t.delivery.map { "\($0)" } ?? "undelivered")"
    }

    @Test("a printed ticket: printed once, delivery journaled, two visits; its repeat prints nothing in one visit")
    func printedTicket() async throws {
        let parts = try Parts()
        let desk = TicketDesk(queue: parts.queue, printing: parts.printing)
        let before = await parts.queue.visits
        let issued = try await desk.issue(Self.request("r1"), handOut: .print(otherwise: nil), present: Self.present)
        #expect(await parts.queue.visits - before == 2)
        guard case .printed(let printer)? = issued.delivery else { Issue.record("not printed: \(String(describing: issued.delivery))"); return }
        #expect(printer == "desk-a")
        #expect(issued.presentation.hasPrefix("P001 printed"), "the presentation is read after the delivery is journaled: \(issued.presentation)")
        #expect(await parts.port.submittedCount(on: PrinterID("desk-a")) == 1)

        let again = await parts.queue.visits
        let repeated = try await desk.issue(Self.request("r1"), handOut: .print(otherwise: nil), present: Self.present)
        #expect(repeated.reply.isRepeat)
        #expect(await parts.queue.visits - again == 1)
        #expect(await parts.port.submittedCount(on: PrinterID("desk-a")) == 1, "a repeated request prints nothing")
        #expect(repeated.presentation == issued.presentation)
        await parts.stop()
    }

    @Test("not printed: one visit and nothing journaled; no printer at a kiosk: the screen is journaled as the delivery")
    func unprinted() async throws {
        let parts = try Parts()
        let desk = TicketDesk(queue: parts.queue, printing: parts.printing)
        let before = await parts.queue.visits
        let quiet = try await desk.issue(Self.request("q1"), handOut: .none, present: Self.present)
        #expect(await parts.queue.visits - before == 1)
        #expect(quiet.delivery == nil)
        #expect(quiet.presentation == "P001 undelivered")
        #expect(await parts.port.submittedCount(on: PrinterID("desk-a")) == 0)

        let bare = TicketDesk(queue: parts.queue, printing: nil)
        let screen = try await bare.issue(Self.request("k1"), handOut: .print(otherwise: .shownOnScreen(reason: "no printer here")), present: Self.present)
        #expect(screen.delivery == .shownOnScreen(reason: "no printer here"))
        #expect(screen.presentation.hasPrefix("P002 shownOnScreen"), "\(screen.presentation)")
        await parts.stop()
    }

    @Test("a refused command prints nothing and says why")
    func refused() async throws {
        let parts = try Parts()
        let desk = TicketDesk(queue: parts.queue, printing: parts.printing)
        let request = CommandRequest(RequestID("x1"), .issueTicket(TicketRequest(service: ServiceID("nope"), language: .en)))
        await #expect(throws: QueueService.Failure.self) {
            _ = try await desk.issue(request, handOut: .print(otherwise: nil), present: Self.present)
        }
        #expect(await parts.port.submittedCount(on: PrinterID("desk-a")) == 0)
        await parts.stop()
    }
}
