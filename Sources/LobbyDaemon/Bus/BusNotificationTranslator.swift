import LobbyBus
import LobbyQueue

/// Turns durable queue records into what boards and keypads must show (desired state).
///
/// It remembers which ticket each window's board shows, so that a ticket leaving a window by
/// transfer, park or cancel blanks the right board.
struct BusNotificationTranslator: Sendable {
    private(set) var shown: [WindowID: TicketID] = [:]

    /// The notifications for one record; `number` gives a ticket's displayed number.
    mutating func translate(_ events: [QueueEvent], number: (TicketID) -> String?) -> [BusNotification] {
        var out: [BusNotification] = []
        for event in events {
            switch event {
            case .ticketCalled(let t, let w, _):
                guard let n = number(t) else { continue }
                shown[w] = t
                out.append(.called(window: w, ticket: t, number: n, isRecall: false))
            case .ticketRecalled(let t, let w):
                guard let n = number(t) else { continue }
                shown[w] = t
                out.append(.called(window: w, ticket: t, number: n, isRecall: true))
            case .serviceFinished(let t, let w):
                out.append(.serviceFinished(window: w, ticket: t))
                out.append(contentsOf: clear(window: w))
            case .ticketNoShow(_, let w):
                out.append(contentsOf: clear(window: w))
            case .ticketTransferred(let t, _, _), .ticketParked(let t), .ticketCancelled(let t):
                for (w, shownTicket) in shown where shownTicket == t { out.append(contentsOf: clear(window: w)) }
            case .windowStateChanged(let w, let state) where state != .open:
                out.append(contentsOf: clear(window: w))
            case .operatorSignedOut(let w):
                out.append(contentsOf: clear(window: w))
            default:
                continue
            }
        }
        return out
    }

    /// What every device must show when the bus starts: every window's current call, oldest first
    /// so hall boards list the newest on top.
    mutating func startup(engine: QueueEngine) -> [BusNotification] {
        var current: [(at: Instant, window: WindowID, ticket: TicketID, number: String)] = []
        for (w, status) in engine.state.windows {
            guard let t = status.current, let ticket = engine.state.tickets[t] else { continue }
            guard ticket.state == .called || ticket.state == .serving else { continue }
            current.append((ticket.calledAt ?? ticket.issuedAt, w, t, ticket.number.description))
        }
        current.sort { ($0.at, $0.window) < ($1.at, $1.window) }
        shown = [:]
        var out: [BusNotification] = [.repaintAll]
        for c in current {
            shown[c.window] = c.ticket
            out.append(.called(window: c.window, ticket: c.ticket, number: c.number, isRecall: false))
        }
        return out
    }

    private mutating func clear(window: WindowID) -> [BusNotification] {
        guard shown.removeValue(forKey: window) != nil else { return [] }
        return [.windowCleared(window: window)]
    }
}
