/// A report as CSV (RFC 4180, comma-separated, `.` as decimal point): one line per row, then the
/// whole centre (`total`) and the previous period (`previous`). Shares are fractions 0–1 with
/// their counts beside them; durations are whole seconds.
public enum ReportCSV {
    /// The column names, in order.
    public static let columns = [
        "row", "issued", "served", "noShows", "cancelled", "expired", "open", "transferred", "recalled",
        "waitCount", "waitP50Seconds", "waitP90Seconds", "waitMaxSeconds", "withinTarget", "withinTargetOf", "withinTargetShare",
        "serviceCount", "serviceMeanSeconds", "serviceP50Seconds", "serviceP90Seconds", "serviceMaxSeconds",
        "appointmentsKeptEarly", "appointmentsKeptLate", "appointmentsMissed", "appointmentsCancelled",
        "votes1", "votes2", "votes3", "votes4", "votes5", "satisfied", "satisfiedOf", "satisfiedShare", "satisfiedLow95", "satisfiedHigh95",
        "voted", "votedOfServed", "votedShare", "expectedSatisfiedShare", "satisfiedDifference", "expectedServiceSeconds", "serviceTimeRatio",
    ]

    /// The CSV text, lines ending in CRLF.
    public static func render(_ report: Report) -> String {
        var lines = [columns.joined(separator: ",")]
        for row in report.rows { lines.append(line(row.key, row.figures, row.mix)) }
        lines.append(line("total", report.overall, nil))
        lines.append(line("previous", report.previous, nil))
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func line(_ key: String, _ f: ReportFigures, _ mix: MixComparison?) -> String {
        var cells: [String] = [quoted(key)]
        cells += [f.issued, f.served, f.noShows, f.cancelled, f.expired, f.open, f.transferred, f.recalled].map(String.init)
        cells += [String(f.wait.count), String(f.wait.p50), String(f.wait.p90), String(f.wait.max)]
        cells += share(f.withinTarget, interval: false)
        cells += [String(f.serviceTime.count), decimal(f.serviceTime.mean, 1), String(f.serviceTime.p50), String(f.serviceTime.p90), String(f.serviceTime.max)]
        let a = f.appointments
        cells += [a.keptEarly, a.keptLate, a.missed, a.cancelled].map(String.init)
        cells += f.votes.map(String.init)
        cells += share(f.satisfied, interval: true)
        cells += share(f.votedOfServed, interval: false)
        cells += [mix?.expectedSatisfied.map { decimal($0, 4) } ?? "", mix?.satisfiedDifference.map { decimal($0, 4) } ?? "",
                  mix?.expectedServiceSeconds.map { decimal($0, 1) } ?? "", mix?.serviceTimeRatio.map { decimal($0, 4) } ?? ""]
        return cells.joined(separator: ",")
    }

    static func share(_ s: Share, interval: Bool) -> [String] {
        var cells = [String(s.count), String(s.of), s.value.map { decimal($0, 4) } ?? ""]
        if interval { cells += [s.interval.map { decimal($0.lowerBound, 4) } ?? "", s.interval.map { decimal($0.upperBound, 4) } ?? ""] }
        return cells
    }

    /// A fixed-point decimal with `places` digits after the point, independent of any locale.
    public static func decimal(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded()
        let negative = scaled < 0
        let digits = String(Int64(abs(scaled)))
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let whole = padded.dropLast(places), fraction = padded.suffix(places)
        return (negative ? "-" : "") + whole + (places > 0 ? "." + fraction : "")
    }

    /// The fields of one CSV line as `render` writes it (quoted fields unquoted).
    public static func fields(of line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previousQuote = false
        for c in line {
            if quoted {
                if c == "\"" { quoted = false; previousQuote = true } else { field.append(c) }
            } else if c == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
                previousQuote = false
            } else if c == "," {
                fields.append(field)
                field = ""
                previousQuote = false
            } else {
                field.append(c)
                previousQuote = false
            }
        }
        fields.append(field)
        return fields
    }

    /// A field quoted when it holds a comma, quote or line break.
    public static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }
}
