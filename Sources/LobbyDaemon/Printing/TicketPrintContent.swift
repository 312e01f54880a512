import Foundation
import LobbyConfiguration
import LobbyEscPos
import LobbyPrivacy
import LobbyQueue
import LobbyRender

/// What goes on a printed ticket (no personal data), read from the queue state.
struct TicketPrintContent: Sendable {
    let ticket: TicketID
    let number: String
    let language: Language
    let centreName: String
    let serviceName: String
    let agencyName: String
    /// The windows that serve the ticket's service.
    let windows: [WindowID]
    /// The priority category's name, empty for an ordinary ticket.
    let priorityName: String
    let appointmentAt: Instant?
    let peopleAhead: Int
    let expectedWaitMinutes: Int
    /// People are ahead but the wait is within `WaitEstimate.shortlySeconds`: told as "called shortly".
    let calledShortly: Bool
    let issuedAt: Instant
    /// The unguessable token of the ticket's page (Decision 0025).
    let token: String

    /// Reads the facts of a ticket from the queue state.
    init?(engine: QueueEngine, ticket id: TicketID, links: TicketLinks) {
        guard let t = engine.state.tickets[id] else { return nil }
        let configuration = engine.configuration
        ticket = id
        number = t.number.description
        language = t.language
        centreName = configuration.name.text(in: t.language)
        let service = configuration.service(t.service)
        serviceName = service?.name.text(in: t.language) ?? t.service.rawValue
        agencyName = service.flatMap { s in configuration.agencies.first { $0.id == s.agency } }?.name.text(in: t.language) ?? ""
        windows = configuration.windows.filter { $0.services[t.service] != nil }.map(\.id).sorted { $0.rawValue < $1.rawValue }
        priorityName = t.priority.flatMap { configuration.priority($0) }?.name.text(in: t.language) ?? ""
        appointmentAt = t.appointmentAt
        let estimate = engine.estimate(for: id)
        peopleAhead = estimate?.peopleAhead ?? 0
        // A wait that would print as "~0 min" or "~1 min" is told as "you will be called shortly"
        // (the kiosk's rule, WaitEstimate.shortlySeconds); an appointment is called at its time.
        let short = estimate.map(\.isShort) ?? true
        calledShortly = short && peopleAhead > 0 && t.appointmentAt == nil
        expectedWaitMinutes = short ? 0 : Int(((estimate?.expectedWaitSeconds ?? 0) + 59) / 60)
        issuedAt = t.issuedAt
        token = links.token(for: t)
    }

    /// The ticket's content for the template: dates in `timeZone`, the centre's own lines from `centre`.
    func ticketContent(timeZone: TimeZone, statusURL: String, centre: TicketCentreLines) -> TicketContent {
        func format(_ instant: Instant, _ pattern: String) -> String {
            let f = DateFormatter()
            f.timeZone = timeZone
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = pattern
            return f.string(from: Date(timeIntervalSince1970: Double(instant.milliseconds) / 1000))
        }
        var content = TicketContent(
            language: TicketLanguage(rawValue: language.rawValue) ?? .az, centreName: centreName, serviceName: serviceName,
            ticketNumber: number, peopleAhead: peopleAhead, expectedWaitMinutes: expectedWaitMinutes,
            issueDate: format(issuedAt, "dd.MM.yyyy"), issueTime: format(issuedAt, "HH:mm"),
            statusURL: statusURL.replacingOccurrences(of: "{token}", with: token),
            note: centre.note?.text(in: language) ?? "")
        content.agencyName = agencyName
        content.windows = Self.windowList(windows.map(\.rawValue))
        let locations = windows.compactMap { centre.windowLocations[$0] }
        content.zone = Self.distinct(locations.compactMap { $0.zone?.text(in: language) })
        content.floor = Self.distinct(locations.compactMap(\.floor))
        content.priority = priorityName
        content.calledShortly = calledShortly
        content.appointmentTime = appointmentAt.map { format($0, "HH:mm") } ?? ""
        content.trackingCode = TicketLinkSigner.trackingCode(token)
        content.hotline = centre.hotline ?? ""
        content.website = centre.website ?? ""
        content.logo = centre.logo
        return content
    }

    /// Window numbers with runs shortened: `1–3, 5`.
    static func windowList(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < numbers.count {
            var end = index
            while end + 1 < numbers.count, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            parts.append(end - index >= 2 ? "\(numbers[index])–\(numbers[end])" : (index...end).map { String(numbers[$0]) }.joined(separator: ", "))
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    private static func distinct(_ values: [String]) -> String {
        var seen: [String] = []
        for value in values where !seen.contains(value) { seen.append(value) }
        return seen.joined(separator: ", ")
    }
}

/// The centre's own ticket lines (`devices.printers.ticket`) and window locations, loaded once.
struct TicketCentreLines: Sendable {
    var logo: MonoBitmap?
    var hotline: String?
    var website: String?
    var note: LocalizedText?
    var windowLocations: [WindowID: WindowLocation] = [:]
}
