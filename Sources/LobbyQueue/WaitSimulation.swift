/// Plays the call-next rule forward on a copy of the state to find when one ticket is called.
struct WaitSimulation {
    private let estimator: WaitEstimator
    private let selector: CallSelector
    private var state: QueueState
    private let now: Instant

    init(estimator: WaitEstimator, state: QueueState, now: Instant) {
        self.estimator = estimator
        self.selector = CallSelector(configuration: estimator.configuration)
        self.state = state
        self.now = now
    }

    /// Adds a ticket joining the back of `service`'s line now; returns its id.
    mutating func addHypotheticalTicket(service: ServiceID, priority: PriorityCategoryID?) -> TicketID {
        let id = TicketID(max(state.nextTicketSerial, (state.tickets.keys.max()?.rawValue ?? 0) + 1))
        let day = state.day ?? LocalDate(year: 1970, month: 1, day: 1)
        state.tickets[id] = Ticket(id: id, number: TicketNumber(prefix: "?", value: 0), day: day, service: service, language: .az,
                                   priority: priority, appointmentAt: nil, personKey: nil, issuedAt: now)
        state.lines[service, default: []].append(id)
        return id
    }

    private struct Desk {
        var definition: WindowDefinition
        var freeAt: Instant
    }

    /// The windows that will call: the open ones, or with none open for `service`, also every
    /// window configured for it. Each is free at the end of its current ticket's average time.
    private func desks(for service: ServiceID) -> [Desk] {
        let config = estimator.configuration
        let windows = state.windowDefinitions(config)
        let open = windows.filter { state.windows[$0.id]?.state == .open }
        let serving = open.contains { $0.services[service] != nil }
        let chosen = serving ? open : open + windows.filter { $0.services[service] != nil && state.windows[$0.id]?.state != .open }
        return chosen.map { w in
            var freeAt = now
            if let current = state.windows[w.id]?.current, let t = state.tickets[current], !t.state.isFinal {
                let avg = estimator.averageServiceSeconds(t.service, in: state) * 1000
                let began = (t.startedAt ?? t.calledAt ?? now).milliseconds
                let remaining = max(began + avg - now.milliseconds, avg / 4)
                freeAt = now.adding(milliseconds: remaining)
            }
            return Desk(definition: w, freeAt: freeAt)
        }
    }

    /// Plays calls until `target` is called; the estimate of its wait.
    mutating func run(target: TicketID, service: ServiceID) -> WaitEstimate {
        let avg = estimator.averageServiceSeconds(service, in: state)
        let open = estimator.openWindows(serving: service, in: state)
        var desks = desks(for: service)
        for d in desks { state.windows[d.definition.id, default: .initial].current = nil }
        var ahead = 0
        var calls = 0
        while !desks.isEmpty, calls < WaitEstimator.callBudget {
            // The desk free first calls next; ties go to the lower window id.
            let k = desks.indices.min { (desks[$0].freeAt, desks[$0].definition.id) < (desks[$1].freeAt, desks[$1].definition.id) }!
            let desk = desks[k]
            let status = state.windows[desk.definition.id] ?? .initial
            guard let (id, reason) = selector.select(for: desk.definition, status: status, in: state, now: desk.freeAt) else {
                if let due = nextAppointment(for: desk.definition, after: desk.freeAt) { desks[k].freeAt = due } else { desks.remove(at: k) }
                continue
            }
            if id == target {
                let wait = max(0, desk.freeAt.milliseconds - now.milliseconds)
                return WaitEstimate(peopleAhead: ahead, expectedWaitSeconds: (wait + 500) / 1000, openWindows: open, averageServiceSeconds: avg)
            }
            guard let called = state.tickets[id] else { break }
            if called.service == service { ahead += 1 }
            state.lines[called.service]?.removeAll { $0 == id }
            state.tickets[id]?.state = .called
            var w = status
            w.consecutivePriorityCalls = reason == .priority ? w.consecutivePriorityCalls + 1 : 0
            state.windows[desk.definition.id] = w
            desks[k].freeAt = desk.freeAt.adding(seconds: estimator.averageServiceSeconds(called.service, in: state))
            calls += 1
        }
        // Not reached within the budget (or no window serves it): the rest of the line at the
        // configured windows' pace.
        let rest = state.lines[service]?.firstIndex(of: target) ?? 0
        let windows = max(1, state.windowDefinitions(estimator.configuration).filter { $0.services[service] != nil }.count)
        let played = desks.map { max(0, $0.freeAt.milliseconds - now.milliseconds) }.min() ?? 0
        let wait = played / 1000 + Int64(rest) * avg / Int64(windows)
        return WaitEstimate(peopleAhead: ahead + rest, expectedWaitSeconds: wait, openWindows: open, averageServiceSeconds: avg)
    }

    /// The earliest appointment time after `instant` among the tickets `window` serves.
    private func nextAppointment(for window: WindowDefinition, after instant: Instant) -> Instant? {
        var earliest: Instant?
        for service in window.services.keys {
            for id in state.lines[service] ?? [] {
                if let at = state.tickets[id]?.appointmentAt, at > instant, earliest.map({ at < $0 }) ?? true { earliest = at }
            }
        }
        return earliest
    }
}
