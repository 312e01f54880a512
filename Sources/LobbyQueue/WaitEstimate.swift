/// What a citizen is told: how many people are ahead and roughly how long the wait is.
public struct WaitEstimate: Sendable, Hashable {
    /// Tickets that will be called before this one for the same service, as things stand.
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
}

/// Computes wait estimates from the lines, open windows and observed service times.
public struct WaitEstimator: Sendable {
    /// The configuration the windows and expected times come from.
    public let configuration: CentreConfiguration

    /// Creates an estimator.
    public init(configuration: CentreConfiguration) { self.configuration = configuration }

    /// The mean observed service time of `service`, or the configured expectation in a fresh centre.
    public func averageServiceSeconds(_ service: ServiceID, in state: QueueState) -> Int64 {
        if let mean = state.observedService[service]?.mean { return Int64(mean.rounded()) }
        return configuration.service(service)?.expectedServiceSeconds ?? 300
    }

    /// The serving capacity for `service`: each window counts with its weight share for the service.
    /// Counts open windows; when none is open, counts every configured window (the estimate then
    /// assumes the usual staffing).
    public func capacity(for service: ServiceID, in state: QueueState) -> (capacity: Double, openWindows: Int) {
        func share(_ w: WindowDefinition) -> Double {
            guard let weight = w.services[service] else { return 0 }
            let total = w.services.values.reduce(0) { $0 + max(1, $1) }
            return Double(max(1, weight)) / Double(max(1, total))
        }
        let serving = configuration.windows.filter { $0.services[service] != nil }
        let open = serving.filter { state.windows[$0.id]?.state == .open }
        if !open.isEmpty { return (open.reduce(0) { $0 + share($1) }, open.count) }
        return (max(serving.reduce(0) { $0 + share($1) }, 1), 0)
    }

    /// The estimate for a waiting ticket; nil when the ticket is not waiting.
    public func estimate(for ticket: TicketID, in state: QueueState) -> WaitEstimate? {
        guard let t = state.tickets[ticket], t.state == .waiting, let line = state.lines[t.service] else { return nil }
        let isFirst = { (id: TicketID) -> Bool in
            guard let p = state.tickets[id]?.priority, case .first = configuration.priority(p)?.policy else { return false }
            return true
        }
        let mineFirst = isFirst(ticket)
        var ahead = 0
        var passedSelf = false
        for id in line {
            if id == ticket { passedSelf = true; continue }
            guard let other = state.tickets[id] else { continue }
            if !passedSelf {
                if !mineFirst || isFirst(id) { ahead += 1 }
            } else if !mineFirst && isFirst(id) && other.appointmentAt == nil {
                ahead += 1  // priority tickets behind in the line are called first
            }
        }
        let avg = averageServiceSeconds(t.service, in: state)
        let (capacity, open) = capacity(for: t.service, in: state)
        let wait = Int64((Double(ahead) * Double(avg) / capacity).rounded())
        return WaitEstimate(peopleAhead: ahead, expectedWaitSeconds: wait, openWindows: open, averageServiceSeconds: avg)
    }

    /// The estimate a new ticket for `service` would get now (shown on the kiosk before issuing).
    public func estimateForNewTicket(service: ServiceID, in state: QueueState) -> WaitEstimate {
        let ahead = state.lines[service]?.count ?? 0
        let avg = averageServiceSeconds(service, in: state)
        let (capacity, open) = capacity(for: service, in: state)
        return WaitEstimate(peopleAhead: ahead, expectedWaitSeconds: Int64((Double(ahead) * Double(avg) / capacity).rounded()),
                            openWindows: open, averageServiceSeconds: avg)
    }
}
