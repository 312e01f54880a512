import Foundation
import LobbyQueue

/// One durable queue record as the technicians' event stream carries it (`queue` events of
/// `GET /api/v1/events`): a documented JSON object, never a debug description. It holds no
/// personal data and nothing that links one citizen's visits (no person key).
struct QueueRecordPayload: Codable, Sendable, Equatable {
    /// The journal sequence (also the SSE event id).
    var sequence: UInt64
    /// When the queue accepted the command (ISO 8601, UTC).
    var at: String
    /// The command's name (`issueTicket`, `callNext`, …).
    var command: String
    /// The ticket the command concerned, if any.
    var ticket: TicketReference?
    /// The state changes, in order.
    var events: [QueueEventPayload]

    /// Builds the payload of a record; `numbers` names the tickets its events concern.
    init(_ record: JournalRecord, numbers: [TicketID: TicketNumber]) {
        sequence = record.sequence
        at = Self.iso(record.at)
        command = record.command.name
        ticket = record.outcome.ticket.map { TicketReference(id: $0.rawValue, number: numbers[$0]?.description) }
        events = record.events.map { QueueEventPayload($0, numbers: numbers) }
    }

    static func iso(_ instant: Instant) -> String {
        Date(timeIntervalSince1970: Double(instant.milliseconds) / 1000).ISO8601Format()
    }
}

/// A ticket named by its internal id and the number citizens know.
struct TicketReference: Codable, Sendable, Equatable {
    /// The internal id.
    var id: UInt64
    /// The number, e.g. `A042`.
    var number: String?
}

/// One queue event: `type` and the fields that type has (absent fields are left out).
struct QueueEventPayload: Codable, Sendable, Equatable {
    var type: String
    var ticket: UInt64?
    var number: String?
    var service: String?
    var language: String?
    var priority: String?
    var appointmentAt: String?
    var window: Int?
    var `operator`: String?
    var position: String?
    var score: Int?
    var state: String?
    var delivery: String?
    var printer: String?
    var reason: String?
    var bookingCode: String?
    var at: String?
    var lostFrom: UInt64?
    var lastSeen: UInt64?
    var highestTicketID: UInt64?

    init(_ event: QueueEvent, numbers: [TicketID: TicketNumber]) {
        type = Self.name(of: event)
        if let t = event.ticket {
            ticket = t.rawValue
            number = numbers[t]?.description
        }
        switch event {
        case .ticketIssued(let i):
            number = i.number.description
            service = i.request.service.rawValue
            language = i.request.language.rawValue
            priority = i.request.priority?.rawValue
            appointmentAt = i.request.appointmentAt.map(QueueRecordPayload.iso)
        case .ticketCalled(_, let w, let op):
            window = w.rawValue
            `operator` = op.rawValue
        case .ticketRecalled(_, let w), .serviceStarted(_, let w), .serviceFinished(_, let w), .ticketNoShow(_, let w):
            window = w.rawValue
        case .ticketTransferred(_, let s, let p):
            service = s.rawValue
            position = p.rawValue
        case .ticketUnparked(_, let p):
            position = p.rawValue
        case .voteRecorded(_, let s):
            score = s
        case .windowStateChanged(let w, let s):
            window = w.rawValue
            state = s.rawValue
        case .operatorSignedIn(let w, let op):
            window = w.rawValue
            `operator` = op.rawValue
        case .operatorSignedOut(let w):
            window = w.rawValue
        case .ticketDelivered(_, let d):
            delivery = d.kind
            switch d {
            case .printed(let p): printer = p
            case .shownOnScreen(let r): reason = r
            }
        case .appointmentBooked(let b, _):
            bookingCode = b.code.description
            service = b.service.rawValue
            at = QueueRecordPayload.iso(b.at)
        case .appointmentCancelled(let c):
            bookingCode = c.description
        case .appointmentRescheduled(let c, let a, _):
            bookingCode = c.description
            at = QueueRecordPayload.iso(a)
        case .appointmentCheckedIn(let c, _):
            bookingCode = c.description
        case .journalLossAccepted(let loss):
            lostFrom = loss.lostFrom
            lastSeen = loss.lastSeen
            highestTicketID = loss.highestTicketID
        case .windowServicesAssigned(let w, _):
            window = w.rawValue
        case .ticketParked, .ticketCancelled:
            break
        }
    }

    /// The event's type name, as documented in Docs/API.md.
    static func name(of event: QueueEvent) -> String {
        switch event {
        case .ticketIssued: "ticketIssued"
        case .ticketCalled: "ticketCalled"
        case .ticketRecalled: "ticketRecalled"
        case .serviceStarted: "serviceStarted"
        case .serviceFinished: "serviceFinished"
        case .ticketNoShow: "ticketNoShow"
        case .ticketTransferred: "ticketTransferred"
        case .ticketParked: "ticketParked"
        case .ticketUnparked: "ticketUnparked"
        case .ticketCancelled: "ticketCancelled"
        case .voteRecorded: "voteRecorded"
        case .windowStateChanged: "windowStateChanged"
        case .operatorSignedIn: "operatorSignedIn"
        case .operatorSignedOut: "operatorSignedOut"
        case .ticketDelivered: "ticketDelivered"
        case .appointmentBooked: "appointmentBooked"
        case .appointmentCancelled: "appointmentCancelled"
        case .appointmentRescheduled: "appointmentRescheduled"
        case .appointmentCheckedIn: "appointmentCheckedIn"
        case .journalLossAccepted: "journalLossAccepted"
        case .windowServicesAssigned: "windowServicesAssigned"
        }
    }

    /// JSON for one payload (sorted keys).
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
