/// A report as one self-contained HTML page: figures with their counts, the previous period, and
/// charts drawn as inline SVG (no scripts, no external files).
public enum ReportHTML {
    /// The page in `language`.
    public static func render(_ r: Report, language l: ReportLanguage) -> String {
        let o = r.overall, p = r.previous
        var html = """
            <!doctype html>
            <html lang="\(l.rawValue)"><head><meta charset="utf-8"><title>\(escape(l.text("title"))) \(r.from) – \(r.to)</title>
            <style>
            body{font-family:"DejaVu Sans",sans-serif;margin:24px;color:#1d2530}h1{font-size:22px;margin:0 0 4px}
            .sub{color:#5a6575;margin-bottom:16px}.kpis{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:18px}
            .kpi{border:1px solid #d5dbe3;border-radius:6px;padding:8px 12px;min-width:150px}.kpi b{display:block;font-size:20px}
            .kpi small{color:#5a6575}table{border-collapse:collapse;font-size:13px;margin:8px 0 18px}
            td,th{border-bottom:1px solid #e3e7ee;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
            h2{font-size:16px;margin:18px 0 6px}svg text{font-family:"DejaVu Sans",sans-serif}
            </style></head><body>
            <h1>\(escape(l.text("title")))</h1>
            <div class="sub">\(r.from) – \(r.to), \(escape(l.text("by"))) \(escape(l.text(r.by.rawValue))); \(escape(l.text("previous"))): \(r.previousFrom) – \(r.previousTo)</div>
            <div class="kpis">
            """
        func kpi(_ key: String, _ now: String, _ before: String) -> String {
            "<div class=\"kpi\"><small>\(escape(l.text(key)))</small><b>\(escape(now))</b><small>\(escape(l.text("previous"))): \(escape(before))</small></div>"
        }
        html += kpi("issued", "\(o.issued)", "\(p.issued)")
        html += kpi("served", "\(o.served)", "\(p.served)")
        html += kpi("waitP50", minutes(o.wait.p50, o.wait.count, l), minutes(p.wait.p50, p.wait.count, l))
        html += kpi("waitP90", minutes(o.wait.p90, o.wait.count, l), minutes(p.wait.p90, p.wait.count, l))
        html += kpi("withinTarget", share(o.withinTarget, l), share(p.withinTarget, l))
        html += kpi("satisfied", share(o.satisfied, l), share(p.satisfied, l))
        html += kpi("voted", share(o.votedOfServed, l), share(p.votedOfServed, l))
        html += kpi("appointments", "\(o.appointments.keptEarly + o.appointments.keptLate) / \(o.appointments.keptLate) / \(o.appointments.missed)",
                    "\(p.appointments.keptEarly + p.appointments.keptLate) / \(p.appointments.keptLate) / \(p.appointments.missed)")
        html += "</div>\n<h2>\(escape(l.text("rows")))</h2>\n" + rowChart(r, l)
        html += "<h2>\(escape(l.text("votes")))</h2>\n" + voteChart(o.votes)
        html += "<h2>\(escape(l.text("arrivals")))</h2>\n" + heatmap(r.arrivals, l)
        html += table(r, l)
        html += "</body></html>\n"
        return html
    }

    static func table(_ r: Report, _ l: ReportLanguage) -> String {
        let cells = tableCells(r, l)
        var s = "<table><tr>" + cells[0].map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for line in cells.dropFirst() { s += "<tr>" + line.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
        return s + "</table>\n"
    }

    /// The report's table as text cells: the header, one line per row, then the total (as on the page and in the PDF).
    public static func tableCells(_ r: Report, _ l: ReportLanguage) -> [[String]] {
        let mix = r.rows.contains { $0.mix != nil }
        var header = [l.text(r.by.rawValue)]
        for key in ["issued", "served", "noShows", "cancelled", "waitP50", "waitP90", "withinTarget", "serviceTime", "satisfied", "voted"] {
            header.append(l.text(key))
        }
        if mix { header.append(l.text("mix")) }
        var out = [header]
        func line(_ key: String, _ f: ReportFigures, _ m: MixComparison?) -> [String] {
            var cells = [key, "\(f.issued)", "\(f.served)", "\(f.noShows)", "\(f.cancelled)", minutes(f.wait.p50, f.wait.count, l),
                         minutes(f.wait.p90, f.wait.count, l), share(f.withinTarget, l),
                         f.serviceTime.count == 0 ? "–" : ReportCSV.decimal(f.serviceTime.mean / 60, 1) + " " + l.text("min"),
                         share(f.satisfied, l), share(f.votedOfServed, l)]
            if mix { cells.append(m?.satisfiedDifference.map { ($0 >= 0 ? "+" : "") + ReportCSV.decimal($0 * 100, 1) + " pp" } ?? "") }
            return cells
        }
        for row in r.rows { out.append(line(row.key == Report.noKey ? l.text("none") : row.key, row.figures, row.mix)) }
        out.append(line(l.text("total"), r.overall, nil))
        return out
    }

    /// Issued tickets per row as bars, with the share called within target as a dot on a 0–100 % scale.
    static func rowChart(_ r: Report, _ l: ReportLanguage) -> String {
        let rows = r.rows
        let barHeight = 18, gap = 6, left = 150, width = 520
        let height = max(1, rows.count) * (barHeight + gap) + 24
        let most = max(1, rows.map(\.figures.issued).max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + width + 240)\" height=\"\(height)\" role=\"img\">\n"
        for (i, row) in rows.enumerated() {
            let y = i * (barHeight + gap)
            let w = row.figures.issued * width / most
            let key = row.key == Report.noKey ? l.text("none") : row.key
            s += "<text x=\"\(left - 6)\" y=\"\(y + 13)\" font-size=\"12\" text-anchor=\"end\">\(escape(String(key.prefix(22))))</text>"
            s += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(max(1, w))\" height=\"\(barHeight)\" fill=\"#3b6ea5\"/>"
            s += "<text x=\"\(left + w + 4)\" y=\"\(y + 13)\" font-size=\"11\">\(row.figures.issued)</text>"
            if let v = row.figures.withinTarget.value {
                let x = left + width + 20 + Int(v * 120)
                s += "<line x1=\"\(left + width + 20)\" x2=\"\(left + width + 140)\" y1=\"\(y + 9)\" y2=\"\(y + 9)\" stroke=\"#d5dbe3\"/>"
                s += "<circle cx=\"\(x)\" cy=\"\(y + 9)\" r=\"4\" fill=\"\(v >= 0.9 ? "#2e7d32" : v >= 0.7 ? "#e0a100" : "#c62828")\"/>"
            }
            s += "\n"
        }
        s += "<text x=\"\(left + width + 20)\" y=\"\(height - 6)\" font-size=\"11\">0–100 % \(escape(l.text("withinTarget")))</text>"
        return s + "</svg>\n"
    }

    /// The votes 1–5 as columns.
    static func voteChart(_ votes: [Int]) -> String {
        let most = max(1, votes.max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"340\" height=\"170\" role=\"img\">\n"
        let colours = ["#c62828", "#ef6c00", "#e0a100", "#7cb342", "#2e7d32"]
        for (i, n) in votes.enumerated() {
            let h = n * 120 / most, x = 20 + i * 62
            s += "<rect x=\"\(x)\" y=\"\(135 - h)\" width=\"44\" height=\"\(max(1, h))\" fill=\"\(colours[i])\"/>"
            s += "<text x=\"\(x + 22)\" y=\"\(130 - h)\" font-size=\"11\" text-anchor=\"middle\">\(n)</text>"
            s += "<text x=\"\(x + 22)\" y=\"155\" font-size=\"13\" text-anchor=\"middle\">\(i + 1)</text>\n"
        }
        return s + "</svg>\n"
    }

    /// Arrivals per weekday (rows) and hour (columns), darker for more.
    static func heatmap(_ arrivals: [[Int]], _ l: ReportLanguage) -> String {
        let cell = 26, left = 44, top = 18
        let most = max(1, arrivals.flatMap { $0 }.max() ?? 1)
        let days = l.text("weekdays").split(separator: " ").map(String.init)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + 24 * cell + 10)\" height=\"\(top + 7 * cell + 10)\" role=\"img\">\n"
        for h in 0..<24 { s += "<text x=\"\(left + h * cell + cell / 2)\" y=\"12\" font-size=\"10\" text-anchor=\"middle\">\(h)</text>" }
        s += "\n"
        for (d, hours) in arrivals.enumerated() {
            s += "<text x=\"\(left - 6)\" y=\"\(top + d * cell + 17)\" font-size=\"11\" text-anchor=\"end\">\(escape(d < days.count ? days[d] : ""))</text>"
            for (h, n) in hours.enumerated() {
                let level = n == 0 ? 0 : 1 + n * 9 / most
                let shade = ["#f4f6f9", "#e3ecf6", "#c9dbee", "#aecae5", "#93b8dc", "#78a6d3", "#5d94ca", "#4282c1", "#2f6fae", "#1f5a94", "#123f6b"][min(10, level)]
                s += "<rect x=\"\(left + h * cell)\" y=\"\(top + d * cell)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(shade)\"><title>\(n)</title></rect>"
            }
            s += "\n"
        }
        return s + "</svg>\n"
    }

    /// Minutes with one decimal and the unit, or a dash when there were no observations.
    public static func minutes(_ seconds: Int64, _ count: Int, _ l: ReportLanguage) -> String {
        count == 0 ? "–" : ReportCSV.decimal(Double(seconds) / 60, 1) + " " + l.text("min")
    }

    /// A share as a percentage with the count it is of.
    public static func share(_ s: Share, _ l: ReportLanguage) -> String {
        guard let v = s.value else { return "–" }
        return ReportCSV.decimal(v * 100, 0) + " % (\(s.count) \(l.text("of")) \(s.of))"
    }

    /// Text safe inside HTML elements and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
