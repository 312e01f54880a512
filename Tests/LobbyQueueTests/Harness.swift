import LobbyQueue
import Testing

/// A queue under test with a movable clock and short helpers for commands.
struct Harness {
    var engine: QueueEngine
    var now: Instant
    private var counter = 0

    init(_ configuration: CentreConfiguration, now: Instant = Harness.mondayNoonBaku) {
        engine = try! QueueEngine(configuration: configuration)
        self.now = now
    }

    /// 2026-11-16 12:00 in Asia/Baku (UTC+4), a Monday.
    static let mondayNoonBaku = Instant(seconds: 1_794_816_000)

    var state: QueueState { engine.state }

    mutating func advance(seconds: Int64) { now = now.adding(seconds: seconds) }

    @discardableResult
    mutating func run(_ command: QueueCommand, id: String? = nil) throws(QueueError) -> CommandResult {
        counter += 1
        return try engine.execute(CommandRequest(RequestID(id ?? "t\(counter)"), command), now: now)
    }

    mutating func issue(_ service: ServiceID, priority: PriorityCategoryID? = nil, appointmentAt: Instant? = nil,
                        person: PersonKey? = nil) throws(QueueError) -> TicketID {
        try run(.issueTicket(TicketRequest(service: service, priority: priority, appointmentAt: appointmentAt, personKey: person))).outcome.ticket!
    }

    mutating func openWindow(_ w: WindowID, operator op: OperatorID? = nil) {
        _ = try! run(.setWindowState(window: w, state: .open))
        _ = try! run(.signIn(window: w, operator: op ?? OperatorID("op\(w.rawValue)")))
    }

    mutating func callNext(_ w: WindowID) throws(QueueError) -> TicketID {
        try run(.callNext(window: w)).outcome.ticket!
    }

    func ticket(_ id: TicketID) -> Ticket { engine.state.tickets[id]! }
    func number(_ id: TicketID) -> String { ticket(id).number.description }
}

/// A small centre: services a (prefix A), b (B), c (C); window 1 serves a:3 b:1, window 2 serves b, window 3 serves a,b,c.
func smallCentre(numbering: NumberingRule = NumberingRule(), timeZone: String = "Asia/Baku", recallLimit: Int = 2) -> CentreConfiguration {
    CentreConfiguration(
        name: LocalizedText(en: "Test"), timeZone: timeZone, recallLimit: recallLimit, voteWindowSeconds: 300,
        numbering: numbering,
        agencies: [AgencyDefinition(id: "ag", name: LocalizedText(en: "Agency"))],
        services: [
            ServiceDefinition(id: "a", agency: "ag", name: LocalizedText(en: "A"), prefix: "A", expectedServiceSeconds: 300),
            ServiceDefinition(id: "b", agency: "ag", name: LocalizedText(en: "B"), prefix: "B", expectedServiceSeconds: 600),
            ServiceDefinition(id: "c", agency: "ag", name: LocalizedText(en: "C"), prefix: "C", dailyCap: 2, expectedServiceSeconds: 120),
            ServiceDefinition(id: "appt", agency: "ag", name: LocalizedText(en: "Appointments"), prefix: "R", appointmentOnly: true),
            ServiceDefinition(id: "idsvc", agency: "ag", name: LocalizedText(en: "With ID"), prefix: "D", requiresIDDocument: true),
        ],
        windows: [
            WindowDefinition(id: 1, agency: "ag", services: ["a": 3, "b": 1]),
            WindowDefinition(id: 2, agency: "ag", services: ["b": 1]),
            WindowDefinition(id: 3, agency: "ag", services: ["a": 1, "b": 1, "c": 1, "appt": 1]),
        ],
        priorities: [
            PriorityCategory(id: "disabled", name: LocalizedText(en: "Disabled"), policy: .first(maxConsecutive: 2)),
            PriorityCategory(id: "aged65", name: LocalizedText(en: "65+"), policy: .boost(seconds: 600)),
        ])
}

/// Asserts that `body` throws exactly `expected`.
func expectError(_ expected: QueueError, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(expected.code), but the command succeeded", sourceLocation: sourceLocation)
    } catch {
        #expect(error as? QueueError == expected, sourceLocation: sourceLocation)
    }
}

/// The error code of a thrown error, or its description when it is not a queue error.
func code(of error: any Error) -> String { (error as? QueueError)?.code ?? "\(error)" }
