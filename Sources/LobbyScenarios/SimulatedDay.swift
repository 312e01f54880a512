import LobbyQueue

/// A reproducible day at a centre: citizens arrive at random, every window is staffed and calls
/// the next ticket as soon as it is free, services take a random time around the service's
/// expected one. Each citizen is shown an estimate on arrival; the day records it beside the
/// wait that followed, so estimates can be checked against what happened.
public struct SimulatedDay: Sendable {
    /// One citizen's ticket: what was shown and what happened.
    public struct Visit: Sendable, Hashable {
        /// The service.
        public var service: ServiceID
        /// The priority category, if any.
        public var priority: PriorityCategoryID?
        /// The wait shown at the kiosk, in seconds.
        public var shownSeconds: Int64
        /// The time from issue to the first call, in seconds.
        public var actualSeconds: Int64
    }

    /// The centre.
    public let configuration: CentreConfiguration
    /// The seed.
    public let seed: UInt64
    /// The opening instant.
    public let start: Instant
    /// Opening hours in seconds (arrivals stop at the end; windows keep calling until the lines are empty).
    public let lengthSeconds: Int64
    /// Offered load: arrivals per second as a share of the centre's serving rate (1 = saturated on average).
    public let load: Double

    /// Creates a day.
    public init(configuration: CentreConfiguration, seed: UInt64, start: Instant, lengthSeconds: Int64 = 8 * 3600, load: Double = 0.9) {
        self.configuration = configuration
        self.seed = seed
        self.start = start
        self.lengthSeconds = lengthSeconds
        self.load = load
    }

    /// Plays the day; `shown` gives the wait (seconds) the kiosk shows for a new ticket of a
    /// service and priority in a state at an instant. Visits not called by the end are left out.
    public func run(shown: (QueueEngine, ServiceID, PriorityCategoryID?, Instant) -> Int64) -> [Visit] {
        var rng = SplitMix64(seed: seed)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        var engine = try! QueueEngine(configuration: configuration)
        var serial = 0
        func execute(_ command: QueueCommand, at now: Instant) -> CommandOutcome? {
            serial += 1
            return try? engine.execute(CommandRequest(RequestID("day\(seed)-\(serial)"), command), now: now).outcome
        }
        for w in configuration.windows {
            _ = execute(.setWindowState(window: w.id, state: .open), at: start)
            _ = execute(.signIn(window: w.id, operator: OperatorID("op\(w.id.rawValue)")), at: start)
        }
        let services = configuration.services.filter { !$0.appointmentOnly && !$0.requiresIDDocument }
        // Serving rate: every window serves one citizen per mean expected time of its services.
        let rate = configuration.windows.reduce(0.0) { sum, w in
            let times = w.services.keys.compactMap { configuration.service($0)?.expectedServiceSeconds }
            return sum + 1 / max(60, Double(times.reduce(0, +)) / Double(max(1, times.count)))
        } * load
        // Demand is higher in the late morning: a triangle from 0.6 to 1.3 and back over the day.
        func intensity(_ at: Instant) -> Double {
            let x = Double(at.milliseconds - start.milliseconds) / Double(lengthSeconds * 1000)
            return 0.6 + 0.7 * max(0, 1 - abs(x - 0.4) / 0.6)
        }
        let priorities = configuration.priorities.map(\.id)
        var nextArrival = start
        var busyUntil: [WindowID: Instant] = [:]
        var shownByTicket: [TicketID: (ServiceID, PriorityCategoryID?, Int64)] = [:]
        let end = start.adding(seconds: lengthSeconds)
        while true {
            // Windows that finished serve no more; idle windows call next.
            let now = min(nextArrival < end ? nextArrival : Instant(milliseconds: .max), busyUntil.values.min() ?? Instant(milliseconds: .max))
            if now.milliseconds == .max { break }
            for (w, until) in busyUntil where until == now {
                _ = execute(.finishService(window: w), at: now)
                busyUntil[w] = nil
            }
            if now == nextArrival && now < end {
                let s = services[Int(rng.next() % UInt64(services.count))]
                let p: PriorityCategoryID? = priorities.isEmpty || rng.next() % 10 != 0 ? nil : priorities[Int(rng.next() % UInt64(priorities.count))]
                let wait = shown(engine, s.id, p, now)
                if let id = execute(.issueTicket(TicketRequest(service: s.id, priority: p)), at: now)?.ticket {
                    shownByTicket[id] = (s.id, p, wait)
                }
                let gap = -naturalLog(1 - uniform()) / (rate * intensity(now))
                nextArrival = now.adding(milliseconds: max(1000, Int64(gap * 1000)))
            }
            for w in configuration.windows where busyUntil[w.id] == nil {
                guard let id = execute(.callNext(window: w.id), at: now)?.ticket, let t = engine.state.tickets[id] else { continue }
                let expected = Double(configuration.service(t.service)?.expectedServiceSeconds ?? 300)
                busyUntil[w.id] = now.adding(milliseconds: max(30_000, Int64(expected * (0.4 + 1.2 * uniform()) * 1000)))
            }
        }
        return shownByTicket.keys.sorted().compactMap { id in
            guard let (service, priority, wait) = shownByTicket[id], let t = engine.state.tickets[id], let called = t.firstCalledAt else { return nil }
            return Visit(service: service, priority: priority, shownSeconds: wait, actualSeconds: (called.milliseconds - t.issuedAt.milliseconds) / 1000)
        }
    }
}

/// The estimate formula used before decision 0061 (people ahead × average time ÷ the serving
/// windows' weight shares), kept to compare estimates against in benchmarks and tests.
public enum CapacityShareFormula {
    /// The wait it gives a new ticket for `service`.
    public static func wait(for service: ServiceID, in engine: QueueEngine) -> Int64 {
        let config = engine.configuration
        let state = engine.state
        func share(_ w: WindowDefinition) -> Double {
            guard let weight = w.services[service] else { return 0 }
            let total = w.services.values.reduce(0) { $0 + max(1, $1) }
            return Double(max(1, weight)) / Double(max(1, total))
        }
        let serving = config.windows.filter { $0.services[service] != nil }
        let open = serving.filter { state.windows[$0.id]?.state == .open }
        let capacity = open.isEmpty ? max(serving.reduce(0) { $0 + share($1) }, 1) : open.reduce(0) { $0 + share($1) }
        let ahead = state.lines[service]?.count ?? 0
        let avg = engine.estimator.averageServiceSeconds(service, in: state)
        return Int64((Double(ahead) * Double(avg) / capacity).rounded())
    }
}

/// The error of shown waits against actual ones, per service.
public struct EstimateError: Sendable {
    /// Median absolute error per service, in seconds.
    public let medianPerService: [ServiceID: Int64]
    /// Median and 90th percentile absolute error over all visits, in seconds.
    public let median: Int64, p90: Int64
    /// Visits counted.
    public let visits: Int

    /// Measures the visits of one or more days.
    public init(_ visits: [SimulatedDay.Visit]) {
        func quantile(_ values: [Int64], _ q: Double) -> Int64 {
            let s = values.sorted()
            return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count) * q))]
        }
        var per: [ServiceID: [Int64]] = [:]
        for v in visits { per[v.service, default: []].append(abs(v.shownSeconds - v.actualSeconds)) }
        medianPerService = per.mapValues { quantile($0, 0.5) }
        let all = visits.map { abs($0.shownSeconds - $0.actualSeconds) }
        median = quantile(all, 0.5)
        p90 = quantile(all, 0.9)
        self.visits = visits.count
    }
}

/// The natural logarithm of a positive number (the core imports no maths library).
func naturalLog(_ x: Double) -> Double {
    guard x > 0 else { return -.infinity }
    let m = x.significand  // in [1, 2)
    let y = (m - 1) / (m + 1), y2 = y * y
    var sum = 0.0, term = y
    for k in stride(from: 1, through: 41, by: 2) {
        sum += term / Double(k)
        term *= y2
    }
    return 2 * sum + Double(x.exponent) * 0.693_147_180_559_945_3
}
