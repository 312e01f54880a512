import Foundation
import LobbyKiosk
import LobbyQueue

/// Carries out the kiosk's ticket requests in-process: the queue command (a ticket, or an
/// appointment's check-in), the print, and the receipt the done screen shows.
struct KioskTicketDesk: Sendable {
    /// The centre's ticket desk (shared with the HTTP API).
    let desk: TicketDesk
    /// Person keys and priorities of documents read at this kiosk, by the opaque credential reference.
    let documents: KioskDocumentShelf
    /// Ticket tokens and the status page address (the done screen's QR code).
    var links: TicketLinks? = nil

    /// What became of a request.
    enum Outcome: Sendable {
        /// Issued (printed or not).
        case issued(TicketReceipt)
        /// Not issued, and why.
        case failed(IssueFailure)
    }

    /// The receipt for `request`, or why there is none.
    func issue(_ request: KioskTicketRequest) async -> Outcome {
        var ticketRequest = TicketRequest(service: request.service, language: request.language)
        // The category the citizen chose; a document read for the service adds its own (by age) only when none was chosen.
        ticketRequest.priority = request.priority
        var command = QueueCommand.issueTicket(ticketRequest)
        for credential in request.credentials {
            switch credential.kind {
            case .idDocument:
                guard let facts = await documents.facts(for: credential.reference) else { return .failed(.credentialRefused) }
                facts.apply(to: &ticketRequest)
                command = .issueTicket(ticketRequest)
            case .appointmentCode:
                guard let code = try? BookingCode(parsing: credential.reference) else { return .failed(.credentialRefused) }
                command = .checkIn(AppointmentCheckIn(.bookingCode(code), language: request.language))
            }
        }
        return await run(command, requestID: request.requestID)
    }

    /// The appointment's ticket for a booking code typed, or an ID document presented, at the kiosk, or why there is none.
    func checkIn(_ request: KioskCheckInRequest) async -> Outcome {
        let lookup: AppointmentLookup
        switch request.key {
        case .bookingCode(let code):
            lookup = .bookingCode(code)
        case .document(let reference):
            guard let facts = await documents.facts(for: reference) else { return .failed(.credentialRefused) }
            lookup = .person(facts.personKey)
        }
        return await run(.checkIn(AppointmentCheckIn(lookup, language: request.language)), requestID: request.requestID)
    }

    /// Runs the command through the centre's ticket desk and composes the receipt.
    private func run(_ command: QueueCommand, requestID: RequestID) async -> Outcome {
        let isCheckIn: Bool = if case .checkIn = command { true } else { false }
        let links = links
        let issued: TicketDesk.Issued<TicketReceipt?>
        do {
            issued = try await desk.issue(CommandRequest(requestID, command),
                                          handOut: .print(otherwise: .shownOnScreen(reason: "this kiosk has no printer"))) { e, reply in
                guard let id = reply.outcome.ticket, let t = e.state.tickets[id] else { return nil }
                let estimate = e.estimate(for: id)
                return TicketReceipt(
                    requestID: requestID, number: t.number.description, peopleAhead: estimate?.peopleAhead ?? 0,
                    expectedWaitSeconds: estimate?.expectedWaitSeconds ?? 0, printed: false,
                    service: isCheckIn ? t.service : nil, appointmentTime: t.appointmentAt.map { e.calendar.timeOfDay(at: $0) },
                    windows: e.configuration.windows.filter { $0.services[t.service] != nil }.map(\.id.rawValue).sorted(),
                    priority: t.priority, statusURL: links?.statusURL(for: t))
            }
        } catch {
            switch error {
            case .journalUnavailable: return .failed(.unavailable)
            case .refused(let reason):
                if isCheckIn { return .failed(IssueFailure(refusal: reason)) }
                return .failed(reason.isNotFound ? .credentialRefused : .serviceClosed)
            }
        }
        guard var receipt = issued.presentation else { return .failed(.unavailable) }
        if case .printed? = issued.delivery { receipt.printed = true }
        return .issued(receipt)
    }
}

/// What the kiosk keeps of documents read during the current visits: opaque reference → keyed hash
/// and priority; forgotten when the visit ends (the flow returns to the attract screen).
actor KioskDocumentShelf {
    private var facts: [String: DocumentIdentity.Facts] = [:]

    /// Stores the facts of a document and returns their opaque reference; the same person read
    /// again in the visit gets the same reference (so a repeated check-in re-uses its request id).
    func store(_ f: DocumentIdentity.Facts) -> String {
        if let known = facts.first(where: { $0.value.personKey == f.personKey }) { return known.key }
        let reference = UUID().uuidString
        facts[reference] = f
        return reference
    }

    /// The facts behind a reference.
    func facts(for reference: String) -> DocumentIdentity.Facts? { facts[reference] }

    /// Forgets everything (end of the visit).
    func clear() { facts = [:] }
}
