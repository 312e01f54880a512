import Foundation
import LobbyConfiguration
@testable import LobbyDaemon
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("The services list's estimates", .tags(.unit))
struct PresenterEstimateTests {
    @Test("a service's expected wait is computed at the queue's clock, not at the last recorded event")
    func estimateUsesTheClock() throws {
        let text = testConfiguration(journal: "/nonexistent/journal.db", socket: "/nonexistent/lobbyd.sock")
        var engine = try QueueEngine(configuration: try ConfigurationLoader.parse(text, file: "test.yaml").centre)
        let start = Instant(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        var serial = 0
        func run(_ command: QueueCommand) throws {
            serial += 1
            _ = try engine.execute(CommandRequest(RequestID("r\(serial)"), command), now: start)
        }
        // Window 1 alone serves "birth", and is busy with one from `start`.
        try run(.setWindowState(window: 1, state: .open))
        try run(.signIn(window: 1, operator: "alice"))
        try run(.issueTicket(TicketRequest(service: "birth", language: .en)))
        try run(.callNext(window: 1))
        try run(.startService(window: 1))
        let atStart = engine.estimateForNewTicket(service: "birth", now: start).expectedWaitSeconds
        // The queue's read moves the engine to its clock, 200 s later, with nothing recorded since.
        let later = start.adding(seconds: 200)
        engine.advance(to: later)
        let atClock = engine.estimateForNewTicket(service: "birth", now: later).expectedWaitSeconds
        #expect(atClock < atStart, "the busy window frees up as time passes: \(atStart) s then \(atClock) s")
        let birth = try #require(engine.configuration.service("birth"))
        let shown = Presenter(engine: engine).service(birth)["expectedWaitSeconds"] as? Int
        #expect(shown == Int(atClock))
    }
}
