/// What a citizen is told: how many people are ahead and roughly how long the wait is.
public struct WaitEstimate: Sendable, Hashable {
    /// Tickets of the same service that will be called before this one, as things stand
    /// (priority and boosted tickets behind it in the line included).
    public var peopleAhead: Int
    /// Expected wait in seconds.
    public var expectedWaitSeconds: Int64
    /// How many open windows serve the service now.
    public var openWindows: Int
    /// The average service time used, in seconds.
    public var averageServiceSeconds: Int64

    /// Creates an estimate.
    public init(peopleAhead: Int, expectedWaitSeconds: Int64, openWindows: Int, averageServiceSeconds: Int64) {
        self.peopleAhead = peopleAhead
        self.expectedWaitSeconds = expectedWaitSeconds
        self.openWindows = openWindows
        self.averageServiceSeconds = averageServiceSeconds
    }

    /// Waits up to this many seconds are told as "you will be called shortly" instead of a number
    /// of minutes (a wait that rounds to zero minutes reads badly).
    public static let shortlySeconds: Int64 = 90

    /// Whether the wait is short enough to be told as "shortly".
    public var isShort: Bool { expectedWaitSeconds <= Self.shortlySeconds }
}

/// Computes wait estimates by playing the call-next rule forward.
///
/// The open windows call the waiting tickets in the order `CallSelector` would choose them, each
/// call keeping its window busy for the service's average time (observed, or configured in a
/// fresh centre); a window busy with a ticket is free when that ticket's average time is over
/// (at least a quarter of it from now). The wait is the time until the ticket is called; the
/// people ahead are the tickets of the same service called before it. Nobody who arrives later is
/// foreseen. When no open window serves the service, every configured window serving it is
/// assumed open (the usual staffing). Decision 0061 records the choice.
public struct WaitEstimator: Sendable {
    /// The configuration the windows and expected times come from.
    public let configuration: CentreConfiguration
    /// The most calls played forward for one estimate; beyond it the rest is extrapolated.
    public static let callBudget = 4_000

    /// Creates an estimator.
    public init(configuration: CentreConfiguration) { self.configuration = configuration }

    /// The mean observed service time of `service`, or the configured expectation in a fresh centre.
    public func averageServiceSeconds(_ service: ServiceID, in state: QueueState) -> Int64 {
        if let mean = state.observedService[service]?.mean { return Int64(mean.rounded()) }
        return configuration.service(service)?.expectedServiceSeconds ?? 300
    }

    /// How many open windows serve `service` now.
    public func openWindows(serving service: ServiceID, in state: QueueState) -> Int {
        state.windowDefinitions(configuration).filter { $0.services[service] != nil && state.windows[$0.id]?.state == .open }.count
    }

    /// The estimate for a waiting ticket at `now` (default: the latest instant the state knows);
    /// nil when the ticket is not waiting.
    public func estimate(for ticket: TicketID, in state: QueueState, now: Instant? = nil) -> WaitEstimate? {
        guard let t = state.tickets[ticket], t.state == .waiting, state.lines[t.service]?.contains(ticket) == true else { return nil }
        var sim = WaitSimulation(estimator: self, state: state, now: now ?? state.latestInstant)
        return sim.run(target: ticket, service: t.service)
    }

    /// The estimate a new ticket for `service` (of `priority`, if any) would get at `now` (shown on
    /// the kiosk before issuing).
    public func estimateForNewTicket(service: ServiceID, priority: PriorityCategoryID? = nil, in state: QueueState,
                                     now: Instant? = nil) -> WaitEstimate {
        let at = now ?? state.latestInstant
        var sim = WaitSimulation(estimator: self, state: state, now: at)
        let id = sim.addHypotheticalTicket(service: service, priority: priority)
        return sim.run(target: id, service: service)
    }
}

extension QueueState {
    /// The latest instant recorded on a ticket of the day (a stand-in for "now" where the caller has no clock).
    public var latestInstant: Instant {
        var latest = dayBounds?.start ?? Instant(milliseconds: 0)
        for t in tickets.values {
            for i in [t.lineEnteredAt, t.calledAt, t.startedAt, t.finishedAt] { if let i, i > latest { latest = i } }
        }
        return latest
    }
}
