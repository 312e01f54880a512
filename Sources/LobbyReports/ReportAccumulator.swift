import LobbyQueue

/// Counts and observations of one group while a report is computed.
struct Accumulator: Hashable {
    struct ServiceMix: Hashable {
        var votes = 0
        var satisfied = 0
        var served = 0
        var serviceSeconds: Int64 = 0
    }

    var issued = 0, served = 0, noShows = 0, cancelled = 0, expired = 0, open = 0, transferred = 0, recalled = 0
    var waits = Tally()
    var serviceTimes = Tally()
    var votes = [0, 0, 0, 0, 0]
    var votedServed = 0
    var appointments = AppointmentFigures()
    var keptFromTickets = AppointmentFigures()
    var mix: [ServiceID: ServiceMix] = [:]

    mutating func add(_ t: TicketFact) {
        issued += 1
        switch t.outcome {
        case .served: served += 1
        case .noShow: noShows += 1
        case .cancelled: cancelled += 1
        case .expired: expired += 1
        case nil: open += 1
        }
        if t.transfers > 0 { transferred += 1 }
        if t.recalls > 0 { recalled += 1 }
        if let w = t.waitSeconds { waits.add(w) }
        var m = mix[t.service] ?? ServiceMix()
        if let s = t.serviceSeconds {
            serviceTimes.add(s)
            m.served += 1
            m.serviceSeconds += s
        }
        if let v = t.vote, (1...5).contains(v) {
            votes[v - 1] += 1
            m.votes += 1
            if v >= 4 { m.satisfied += 1 }
            if t.outcome == .served { votedServed += 1 }
        }
        mix[t.service] = m
        if let at = t.appointmentAt {
            if t.issuedAt <= at { keptFromTickets.keptEarly += 1 } else { keptFromTickets.keptLate += 1 }
        }
    }

    mutating func add(_ a: AppointmentFact) {
        switch a.outcome {
        case .keptEarly: appointments.keptEarly += 1
        case .keptLate: appointments.keptLate += 1
        case .missed: appointments.missed += 1
        case .cancelled: appointments.cancelled += 1
        case nil: break
        }
    }

    /// Adds another group's counts (of other tickets: the same ticket must not be in both).
    mutating func merge(_ o: Accumulator) {
        issued += o.issued
        served += o.served
        noShows += o.noShows
        cancelled += o.cancelled
        expired += o.expired
        open += o.open
        transferred += o.transferred
        recalled += o.recalled
        waits.merge(o.waits)
        serviceTimes.merge(o.serviceTimes)
        for i in 0..<5 { votes[i] += o.votes[i] }
        votedServed += o.votedServed
        appointments.merge(o.appointments)
        keptFromTickets.merge(o.keptFromTickets)
        for (service, m) in o.mix {
            var own = mix[service] ?? ServiceMix()
            own.votes += m.votes
            own.satisfied += m.satisfied
            own.served += m.served
            own.serviceSeconds += m.serviceSeconds
            mix[service] = own
        }
    }

    func figures(target: Int64) -> ReportFigures {
        let voteCount = votes.reduce(0, +)
        return ReportFigures(
            issued: issued, served: served, noShows: noShows, cancelled: cancelled, expired: expired, open: open,
            transferred: transferred, recalled: recalled, wait: waits.durations(), withinTarget: Share(waits.count(atMost: target), of: waits.total),
            serviceTime: serviceTimes.durations(), appointments: appointments, votes: votes,
            satisfied: Share(votes[3] + votes[4], of: voteCount), votedOfServed: Share(votedServed, of: served))
    }

    /// The centre's figure per service: share of 4–5 votes and mean service time.
    func perService() -> [ServiceID: (satisfied: Double?, serviceSeconds: Double?)] {
        mix.mapValues { m in
            (m.votes == 0 ? nil : Double(m.satisfied) / Double(m.votes),
             m.served == 0 ? nil : Double(m.serviceSeconds) / Double(m.served))
        }
    }

    /// This group against the centre's figures weighted by the group's own service mix.
    func comparison(with centre: [ServiceID: (satisfied: Double?, serviceSeconds: Double?)]) -> MixComparison {
        var expectedSatisfied = 0.0, votesWeighted = 0, satisfiedCount = 0
        var expectedService = 0.0, servedWeighted = 0
        var ownSeconds: Int64 = 0
        for (service, m) in mix.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {  // a fixed order: the same sums, bit for bit
            if m.votes > 0, let p = centre[service]?.satisfied {
                expectedSatisfied += Double(m.votes) * p
                votesWeighted += m.votes
                satisfiedCount += m.satisfied
            }
            if m.served > 0, let mean = centre[service]?.serviceSeconds {
                expectedService += Double(m.served) * mean
                servedWeighted += m.served
                ownSeconds += m.serviceSeconds
            }
        }
        var c = MixComparison()
        if votesWeighted > 0 {
            let expected = expectedSatisfied / Double(votesWeighted)
            c.expectedSatisfied = expected
            c.satisfiedDifference = Double(satisfiedCount) / Double(votesWeighted) - expected
        }
        if servedWeighted > 0 {
            let expected = expectedService / Double(servedWeighted)
            c.expectedServiceSeconds = expected
            if expected > 0 { c.serviceTimeRatio = Double(ownSeconds) / Double(servedWeighted) / expected }
        }
        return c
    }
}
