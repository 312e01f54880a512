/// Chooses the ticket a window calls next. The rule is documented in `Docs/Queue.md`.
///
/// 1. Appointments whose time has come, in the order they became due: the appointment time, or
///    the time the ticket joined its line if that was later (late check-in); then the earlier
///    appointment time, then the lower id.
/// 2. Tickets of priority categories with policy `.first`, unless the window has already made
///    `maxConsecutive` such calls in a row and a regular ticket waits.
/// 3. Otherwise the ticket with the highest weighted wait: `weight(service) × (wait + boost)`;
///    ties go to the ticket that joined its line first.
public struct CallSelector: Sendable {
    /// The configuration the weights and policies come from.
    public let configuration: CentreConfiguration

    /// Creates a selector for a configuration.
    public init(configuration: CentreConfiguration) { self.configuration = configuration }

    /// Why a ticket was chosen.
    public enum Reason: String, Sendable, Hashable {
        /// An appointment whose time has come.
        case appointment
        /// A priority category with policy `.first`.
        case priority
        /// The highest weighted wait.
        case weightedWait
    }

    private struct Candidate {
        var id: TicketID
        var score: Int64
        var joined: Instant
        var limit: Int

        func beats(_ other: Candidate) -> Bool {
            if score != other.score { return score > other.score }
            if joined != other.joined { return joined < other.joined }
            return id < other.id
        }
    }

    /// The ticket `window` should call at `now`, with the reason; nil when nothing it serves waits.
    public func select(for window: WindowDefinition, status: WindowStatus, in state: QueueState, now: Instant) -> (TicketID, Reason)? {
        var appointment: (id: TicketID, due: Instant, at: Instant)?
        var priority: Candidate?
        var regular: Candidate?

        for (service, rawWeight) in window.services.sorted(by: { $0.key < $1.key }) {
            let weight = Int64(max(1, rawWeight))
            guard let line = state.lines[service] else { continue }
            var regularHeadSeen = false
            var priorityHeadSeen = false
            for id in line {
                guard let t = state.tickets[id] else { continue }
                let waited = max(0, now.milliseconds - t.lineEnteredAt.milliseconds)
                if let at = t.appointmentAt {
                    guard at <= now else { continue }  // not due yet: never called early
                    // Due since the appointment time, or since joining the line when that was later
                    // (a late check-in, a transfer): a late citizen does not pass those who were on time.
                    let due = max(at, t.lineEnteredAt)
                    if appointment == nil || (due, at, id) < (appointment!.due, appointment!.at, appointment!.id) {
                        appointment = (id, due, at)
                    }
                    continue
                }
                let policy = t.priority.flatMap { configuration.priority($0)?.policy }
                switch policy {
                case .first(let maxConsecutive):
                    // Within a service, priority tickets keep their line order.
                    guard !priorityHeadSeen else { continue }
                    priorityHeadSeen = true
                    let c = Candidate(id: id, score: weight * waited, joined: t.lineEnteredAt, limit: maxConsecutive)
                    if priority == nil || c.beats(priority!) { priority = c }
                case .boost(let seconds):
                    let c = Candidate(id: id, score: weight * (waited + seconds * 1000), joined: t.lineEnteredAt, limit: 0)
                    if regular == nil || c.beats(regular!) { regular = c }
                case nil:
                    // Within a service, regular tickets keep their line order (FIFO, transfers to the front first).
                    guard !regularHeadSeen else { continue }
                    regularHeadSeen = true
                    let c = Candidate(id: id, score: weight * waited, joined: t.lineEnteredAt, limit: 0)
                    if regular == nil || c.beats(regular!) { regular = c }
                }
            }
        }

        if let a = appointment { return (a.id, .appointment) }
        if let p = priority {
            if regular == nil || status.consecutivePriorityCalls < p.limit { return (p.id, .priority) }
        }
        if let r = regular { return (r.id, .weightedWait) }
        return nil
    }
}
