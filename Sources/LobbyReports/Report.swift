import LobbyQueue

/// What a report's rows are.
public enum ReportBreakdown: String, Sendable, Hashable, CaseIterable, Codable {
    /// One row per service (the service the ticket was last in line for).
    case service
    /// One row per agency of that service.
    case agency
    /// One row per window that last called the ticket; a row `-` for tickets never called.
    case window
    /// One row per operator who last called the ticket; a row `-` for tickets never called.
    case `operator`
    /// One row per local hour of issue.
    case hour
}

/// One row of a report.
public struct ReportRow: Sendable, Hashable, Codable {
    /// The service, agency, window number, operator or hour (`-` for tickets without one).
    public var key: String
    /// The row's figures.
    public var figures: ReportFigures
    /// For windows and operators: the figures against the centre's on the same service mix.
    public var mix: MixComparison?
}

/// A report over a range of service days, with the same figures for the period of the same length before it.
public struct Report: Sendable, Hashable, Codable {
    /// The key of the row of tickets that have no window or operator (never called).
    public static let noKey = "-"
    /// The first service day.
    public var from: LocalDateText
    /// The last service day (inclusive).
    public var to: LocalDateText
    /// What the rows are.
    public var by: ReportBreakdown
    /// The centre's target wait in seconds.
    public var targetWaitSeconds: Int64
    /// The whole centre over the range.
    public var overall: ReportFigures
    /// One row per group, in key order (hours and windows numerically).
    public var rows: [ReportRow]
    /// The first day of the previous period.
    public var previousFrom: LocalDateText
    /// The last day of the previous period.
    public var previousTo: LocalDateText
    /// The whole centre over the previous period of the same length.
    public var previous: ReportFigures
    /// Tickets issued per weekday (index 0 Monday … 6 Sunday) and local hour (0…23).
    public var arrivals: [[Int]]

    /// Computes a report from the facts of `from`…`to` and of the period of the same length before
    /// it; facts of other days are ignored. Pure: the same facts always give the same report.
    public static func compute(from: LocalDate, to: LocalDate, by: ReportBreakdown, targetWaitSeconds: Int64,
                               tickets: [TicketFact], appointments: [AppointmentFact]) -> Report {
        var builder = ReportBuilder(from: from, to: to, by: by, targetWaitSeconds: targetWaitSeconds)
        for t in tickets { builder.add(t) }
        for a in appointments { builder.add(a) }
        return builder.finish()
    }

    static func key(of t: TicketFact, by: ReportBreakdown) -> String {
        switch by {
        case .service: t.service.rawValue
        case .agency: t.agency.rawValue
        case .window: t.window.map { String($0.rawValue) } ?? noKey
        case .operator: t.operator?.rawValue ?? noKey
        case .hour: String(t.hour)
        }
    }

    static func key(of a: AppointmentFact, by: ReportBreakdown) -> String? {
        switch by {
        case .service: a.service.rawValue
        case .agency: a.agency.rawValue
        case .hour: String(a.hour)
        case .window, .operator: nil
        }
    }

    /// Numbers in numeric order, text in text order, `-` last.
    static func order(_ a: String, _ b: String) -> Bool {
        if a == noKey || b == noKey { return b == noKey && a != noKey }
        if let x = Int(a), let y = Int(b) { return x < y }
        return a < b
    }
}

/// A service day as `YYYY-MM-DD` in reports.
public struct LocalDateText: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The date.
    public var date: LocalDate
    /// Wraps a date.
    public init(_ date: LocalDate) { self.date = date }
    /// `YYYY-MM-DD`.
    public var description: String { date.description }
    /// Decodes `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD, got '\(text)'"))
        }
        date = d
    }
    /// Encodes `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(date.description)
    }
}
