import Foundation
import LobbyQueue

/// The one path by which a ticket is handed out, for HTTP and the kiosk alike: the queue command
/// (a new ticket or an appointment's check-in) with what printing needs read in the same actor
/// turn, the print, and the journaled delivery, with the caller's presentation read in the last
/// visit to the queue (two visits for a printed ticket, one otherwise).
struct TicketDesk: Sendable {
    /// The queue.
    let queue: QueueService
    /// The ticket printers, nil when the centre has none.
    let printing: TicketPrinting?

    /// How a ticket reaches the citizen.
    enum HandOut: Sendable {
        /// Printed when printers are configured; when none are, `otherwise` is journaled (nil: nothing is).
        case print(otherwise: TicketDelivery?)
        /// Not printed: the caller passes the number on itself.
        case none
    }

    /// What became of a request.
    struct Issued<Presentation: Sendable>: Sendable {
        /// The queue's reply.
        let reply: QueueService.Reply
        /// How the ticket reached the citizen, as journaled (nil: not recorded).
        let delivery: TicketDelivery?
        /// What the caller read of the state (with the delivery when one was recorded).
        let presentation: Presentation
    }

    /// Runs `request`, hands the ticket out as `handOut` says and returns the caller's
    /// `present`ation of the resulting state. A repeated request prints nothing again; a second
    /// request for a ticket the person already holds (`existingTicket`) reprints it.
    /// `requestedAt` is when the request arrived (for the print latency metrics).
    func issue<Presentation: Sendable>(_ request: CommandRequest, handOut: HandOut, requestedAt: ContinuousClock.Instant = .now,
                                       present: @Sendable (QueueEngine, QueueService.Reply) -> Presentation)
        async throws(QueueService.Failure) -> Issued<Presentation> {
        let links = printing?.links
        let (reply, first) = try await queue.submit(request) { engine, reply in
            let ticket = reply.outcome.ticket
            let content = links.flatMap { l in ticket.flatMap { TicketPrintContent(engine: engine, ticket: $0, links: l) } }
            return FirstLook(content: content, existing: ticket.flatMap { engine.state.tickets[$0]?.delivery },
                             presentation: present(engine, reply))
        }
        let unchanged = Issued(reply: reply, delivery: first.existing, presentation: first.presentation)
        guard let ticket = reply.outcome.ticket, case .print(let otherwise) = handOut else { return unchanged }
        let reprint = reply.outcome == .existingTicket(ticket)
        let delivery: TicketDelivery
        if let printing, let content = first.content {
            if !reprint, first.existing != nil { return unchanged }
            delivery = await printing.deliver(content, requestedAt: requestedAt)
        } else if let otherwise, first.existing == nil {
            delivery = otherwise
        } else {
            return unchanged
        }
        let suffix = reprint ? "/reprint-\(UUID().uuidString.prefix(8))" : "/delivery"
        let record = CommandRequest(RequestID(request.requestID.rawValue + suffix), .recordDelivery(ticket: ticket, delivery: delivery))
        // The ticket is issued whatever happens to the record of its delivery: when that cannot be
        // journaled, the citizen still gets the ticket, described as it was when issued.
        guard let (_, presentation) = try? await queue.submit(record, view: { engine, _ in present(engine, reply) }) else {
            return Issued(reply: reply, delivery: delivery, presentation: first.presentation)
        }
        return Issued(reply: reply, delivery: delivery, presentation: presentation)
    }

    /// Prints a ticket the citizen already holds once more (a reprint asked for by staff) and
    /// journals how it reached them; nil when the centre has no printers. `present` reads the
    /// state after the delivery is journaled (before it, when that cannot be journaled).
    func reprint<Presentation: Sendable>(_ ticket: TicketID, requestID: RequestID, requestedAt: ContinuousClock.Instant = .now,
                                         present: @Sendable (QueueEngine) -> Presentation)
        async throws(QueueService.Failure) -> (delivery: TicketDelivery, presentation: Presentation)? {
        guard let printing else { return nil }
        let links = printing.links
        guard let content = try await queue.read({ TicketPrintContent(engine: $0, ticket: ticket, links: links) }) else { return nil }
        let delivery = await printing.deliver(content, requestedAt: requestedAt)
        let record = CommandRequest(RequestID(requestID.rawValue + "/reprint"), .recordDelivery(ticket: ticket, delivery: delivery))
        if let (_, presentation) = try? await queue.submit(record, view: { engine, _ in present(engine) }) {
            return (delivery, presentation)
        }
        return (delivery, try await queue.read(present))
    }

    /// What the desk reads in the turn that issues the ticket.
    private struct FirstLook<Presentation: Sendable>: Sendable {
        let content: TicketPrintContent?
        let existing: TicketDelivery?
        let presentation: Presentation
    }
}
