import Foundation
import LobbyQueue

/// Turns queue state into the JSON objects of the API (no personal data: no person keys).
struct Presenter {
    let engine: QueueEngine
    var config: CentreConfiguration { engine.configuration }

    func localized(_ t: LocalizedText) -> [String: String] {
        var out: [String: String] = [:]
        for l in Language.allCases { out[l.rawValue] = t.text(in: l) }
        return out
    }

    func ticket(_ id: TicketID) -> [String: Any]? {
        guard let t = engine.state.tickets[id] else { return nil }
        var o: [String: Any] = [
            "id": Int(t.id.rawValue), "number": t.number.description, "service": t.service.rawValue,
            "originalService": t.originalService.rawValue, "state": t.state.rawValue, "language": t.language.rawValue,
            "day": t.day.description, "issuedAt": JSON.iso(t.issuedAt), "calledAt": JSON.iso(t.calledAt),
            "startedAt": JSON.iso(t.startedAt), "finishedAt": JSON.iso(t.finishedAt),
            "window": t.window.map { $0.rawValue as Any } ?? NSNull(),
            "priority": t.priority.map { $0.rawValue as Any } ?? NSNull(),
            "recallCount": t.recallCount, "voted": t.vote != nil,
        ]
        switch t.delivery {
        case .printed(let printer)?: o["delivery"] = ["kind": "printed", "printer": printer]
        case .shownOnScreen(let reason)?: o["delivery"] = ["kind": "shown-on-screen", "reason": reason]
        case nil: o["delivery"] = NSNull()
        }
        if let s = config.service(t.service) { o["serviceName"] = localized(s.name) }
        if let e = engine.estimate(for: id) {
            o["peopleAhead"] = e.peopleAhead
            o["expectedWaitSeconds"] = Int(e.expectedWaitSeconds)
        }
        return o
    }

    /// A ticket of today, or of a past day (a request id repeated after midnight): then with
    /// its number and final state, `"pastDay": true` and no estimate.
    func ticketOrRecord(_ id: TicketID) -> [String: Any] {
        if let today = ticket(id) { return today }
        guard let r = engine.state.pastTicket(id) else {
            return ["id": Int(id.rawValue), "state": "forgotten", "pastDay": true]
        }
        var o: [String: Any] = [
            "id": Int(r.id.rawValue), "number": r.number.description, "service": r.service.rawValue, "state": r.state.rawValue,
            "language": r.language.rawValue, "day": r.day.description, "issuedAt": JSON.iso(r.issuedAt),
            "calledAt": JSON.iso(r.firstCalledAt), "startedAt": JSON.iso(r.startedAt), "finishedAt": JSON.iso(r.finishedAt),
            "window": r.window.map { $0.rawValue as Any } ?? NSNull(), "voted": r.vote != nil, "pastDay": true,
        ]
        if let s = config.service(r.service) { o["serviceName"] = localized(s.name) }
        return o
    }

    /// The booking code and state of an appointment in the book or, after its day, in the history.
    func appointmentSummary(_ code: BookingCode) -> [String: Any] {
        let state = engine.state.appointments[code]?.state ?? engine.state.pastAppointment(code)?.state
        return ["bookingCode": code.description, "state": state.map { "\($0.rawValue)" } ?? "unknown"]
    }

    func window(_ w: WindowDefinition) -> [String: Any] {
        let status = engine.state.windows[w.id] ?? .initial
        return [
            "number": w.id.rawValue, "agency": w.agency.rawValue, "state": status.state.rawValue,
            "operator": status.signedIn.map { $0.rawValue as Any } ?? NSNull(),
            "current": status.current.flatMap { ticket($0) } ?? NSNull(),
            "services": Dictionary(uniqueKeysWithValues: w.services.map { ($0.key.rawValue, $0.value) }),
        ]
    }

    func service(_ s: ServiceDefinition) -> [String: Any] {
        // At the instant the queue was advanced to (its clock at this read), not the last recorded event.
        let e = engine.estimateForNewTicket(service: s.id)
        return [
            "id": s.id.rawValue, "agency": s.agency.rawValue, "name": localized(s.name), "prefix": s.prefix,
            "category": s.categoryPath.map(localized), "waiting": engine.state.lines[s.id]?.count ?? 0,
            "issuedToday": engine.state.issuedToday[s.id] ?? 0,
            "dailyCap": s.dailyCap.map { $0 as Any } ?? NSNull(), "appointmentOnly": s.appointmentOnly,
            "requiresID": s.requiresIDDocument, "expectedWaitSeconds": Int(e.expectedWaitSeconds),
            "openWindows": e.openWindows,
        ]
    }

    func status(durable: UInt64) -> [String: Any] {
        let waiting = engine.state.lines.values.reduce(0) { $0 + $1.count }
        let windows = engine.state.windows.values
        return [
            "centre": localized(config.name), "day": engine.state.day?.description ?? NSNull(),
            "waiting": waiting, "ticketsToday": engine.state.tickets.count,
            "windowsOpen": windows.filter { $0.state == .open }.count, "windows": config.windows.count,
            "journalSequence": Int(durable),
        ]
    }

    func group(_ g: GroupStatistics) -> [String: Any] {
        func dist(_ d: Distribution) -> [String: Any] {
            ["count": d.count, "meanSeconds": d.mean, "p50Seconds": Int(d.p50), "p90Seconds": Int(d.p90), "maxSeconds": Int(d.max), "buckets": d.buckets]
        }
        return [
            "issued": g.issued, "served": g.served, "noShows": g.noShows, "waiting": dist(g.waiting), "service": dist(g.service),
            "withinTargetShare": g.withinTargetShare.map { $0 as Any } ?? NSNull(), "votes": g.votes,
            "satisfiedShare": g.satisfiedShare.map { $0 as Any } ?? NSNull(),
        ]
    }

    func statistics(_ s: QueueStatistics, from: LocalDate, to: LocalDate) -> [String: Any] {
        [
            "from": from.description, "to": to.description, "targetWaitSeconds": Int(s.targetWaitSeconds),
            "bucketEdgesSeconds": Distribution.bucketEdges.map { Int($0) },
            "overall": group(s.overall),
            "byService": Dictionary(uniqueKeysWithValues: s.byService.map { ($0.key.rawValue, group($0.value)) }),
            "byWindow": Dictionary(uniqueKeysWithValues: s.byWindow.map { (String($0.key.rawValue), group($0.value)) }),
            "byOperator": Dictionary(uniqueKeysWithValues: s.byOperator.map { ($0.key.rawValue, group($0.value)) }),
            "byHour": Dictionary(uniqueKeysWithValues: s.byHour.map { (String($0.key), group($0.value)) }),
        ]
    }
}
