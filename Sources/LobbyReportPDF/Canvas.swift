import LobbyReports
internal import CRender

/// Drawing on one cairo PDF context: text through pango (DejaVu Sans), bars, a heatmap.
final class Canvas {
    let cr: OpaquePointer
    private(set) var missingGlyphs = 0
    static let ink = (0.11, 0.15, 0.19), grey = (0.35, 0.40, 0.46), blue = (0.18, 0.44, 0.68), rule = (0.84, 0.86, 0.89)

    init(surface: OpaquePointer) { cr = cairo_create(surface) }

    func finish() { cairo_destroy(cr) }

    /// Draws `text` with its top-left (or top-right when `right`) at x, y; returns its width and height.
    @discardableResult
    func text(_ text: String, _ x: Double, _ y: Double, size: Double, bold: Bool = false, color: (Double, Double, Double) = ink,
              right: Bool = false, maxWidth: Double? = nil, wraps: Bool = false) -> (width: Double, height: Double) {
        let layout = pango_cairo_create_layout(cr)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let font = pango_font_description_new()!
        defer { pango_font_description_free(font) }
        pango_font_description_set_family(font, "DejaVu Sans")
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(font, size * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, font)
        if let maxWidth {
            pango_layout_set_width(layout, Int32(maxWidth * Double(PANGO_SCALE)))
            if wraps {
                pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
                pango_layout_set_height(layout, -3)  // at most three lines, then an ellipsis
            }
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        pango_layout_set_text(layout, text, -1)
        missingGlyphs += Int(pango_layout_get_unknown_glyphs_count(layout))
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let width = Double(logical.width) / Double(PANGO_SCALE), height = Double(logical.height) / Double(PANGO_SCALE)
        cairo_set_source_rgb(cr, color.0, color.1, color.2)
        cairo_move_to(cr, right ? x - width : x, y)
        pango_cairo_show_layout(cr, layout)
        return (width, height)
    }

    func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: (Double, Double, Double)) {
        cairo_set_source_rgb(cr, fill.0, fill.1, fill.2)
        cairo_rectangle(cr, x, y, w, h)
        cairo_fill(cr)
    }

    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: (Double, Double, Double) = rule, width: Double = 0.6) {
        cairo_set_source_rgb(cr, color.0, color.1, color.2)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        cairo_stroke(cr)
    }

    /// Title, key figures, votes, arrivals and one bar per row.
    func firstPage(_ r: Report, _ l: ReportLanguage) {
        let m = Page.margin, width = Page.portrait.width - 2 * m
        text(l.text("title"), m, m, size: 18, bold: true)
        text("\(r.from) – \(r.to), \(l.text("by")) \(l.text(r.by.rawValue)); \(l.text("previous")): \(r.previousFrom) – \(r.previousTo)",
             m, m + 26, size: 9, color: Self.grey, maxWidth: width)
        let o = r.overall, p = r.previous
        let kpis: [(String, String, String)] = [
            ("issued", "\(o.issued)", "\(p.issued)"), ("served", "\(o.served)", "\(p.served)"),
            ("waitP50", ReportHTML.minutes(o.wait.p50, o.wait.count, l), ReportHTML.minutes(p.wait.p50, p.wait.count, l)),
            ("waitP90", ReportHTML.minutes(o.wait.p90, o.wait.count, l), ReportHTML.minutes(p.wait.p90, p.wait.count, l)),
            ("withinTarget", ReportHTML.share(o.withinTarget, l), ReportHTML.share(p.withinTarget, l)),
            ("satisfied", ReportHTML.share(o.satisfied, l), ReportHTML.share(p.satisfied, l)),
            ("voted", ReportHTML.share(o.votedOfServed, l), ReportHTML.share(p.votedOfServed, l)),
            ("appointments", "\(o.appointments.kept) / \(o.appointments.keptLate) / \(o.appointments.missed)",
             "\(p.appointments.kept) / \(p.appointments.keptLate) / \(p.appointments.missed)"),
        ]
        let boxW = (width - 3 * 8) / 4, boxH = 58.0, top = m + 50
        for (i, k) in kpis.enumerated() {
            let x = m + Double(i % 4) * (boxW + 8), y = top + Double(i / 4) * (boxH + 8)
            box(x, y, boxW, boxH, fill: (0.96, 0.97, 0.98))
            text(l.text(k.0), x + 6, y + 5, size: 7, color: Self.grey, maxWidth: boxW - 12)
            // A share is "70 % (15808 of 22594)": the percentage large, its counts small below it.
            let parts = k.1.split(separator: "(", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            text(parts[0], x + 6, y + 16, size: 11, bold: true, maxWidth: boxW - 12)
            if parts.count > 1 { text("(" + parts[1], x + 6, y + 31, size: 6.5, maxWidth: boxW - 12) }
            text("\(l.text("previous")): \(k.2)", x + 6, y + 43, size: 6, color: Self.grey, maxWidth: boxW - 12)
        }
        var y = top + 2 * (boxH + 8) + 12
        y = votes(o.votes, l, x: m, y: y, width: width)
        y = heatmap(r.arrivals, l, x: m, y: y + 14, width: width)
        rowBars(r, l, x: m, y: y + 14, width: width, bottom: Page.portrait.height - m)
    }

    private func votes(_ votes: [Int], _ l: ReportLanguage, x: Double, y: Double, width: Double) -> Double {
        text(l.text("votes"), x, y, size: 11, bold: true)
        let most = max(1, votes.max() ?? 1), total = max(1, votes.reduce(0, +))
        var y = y + 20
        for score in stride(from: 5, through: 1, by: -1) {
            let n = votes[score - 1]
            text("\(score)", x, y, size: 8)
            box(x + 16, y + 1, (width - 140) * Double(n) / Double(most), 9, fill: score >= 4 ? Self.blue : (0.75, 0.55, 0.35))
            text("\(n) (\(ReportCSV.decimal(Double(n) * 100 / Double(total), 0)) %)", x + width, y, size: 8, right: true)
            y += 14
        }
        return y
    }

    private func heatmap(_ arrivals: [[Int]], _ l: ReportLanguage, x: Double, y: Double, width: Double) -> Double {
        text(l.text("arrivals"), x, y, size: 11, bold: true)
        let used = (0..<24).filter { h in arrivals.contains { $0[h] > 0 } }
        let first = used.first ?? 8, last = used.last ?? 18
        let hours = Array(first...last), most = max(1, arrivals.flatMap { $0 }.max() ?? 1)
        let days = l.text("weekdays").split(separator: " ").map(String.init)
        let left = x + 34, cell = min(22, (width - 34) / Double(hours.count)), top = y + 30
        for (i, h) in hours.enumerated() { text("\(h)", left + Double(i) * cell + 2, top - 12, size: 7, color: Self.grey) }
        for d in 0..<7 {
            text(d < days.count ? days[d] : "", x, top + Double(d) * cell + 3, size: 7.5)
            for (i, h) in hours.enumerated() {
                let level = Double(arrivals[d][h]) / Double(most)
                box(left + Double(i) * cell, top + Double(d) * cell, cell - 1.5, cell - 1.5,
                    fill: (0.96 - 0.84 * level, 0.97 - 0.62 * level, 0.98 - 0.40 * level))
            }
        }
        return top + 7 * cell
    }

    private func rowBars(_ r: Report, _ l: ReportLanguage, x: Double, y: Double, width: Double, bottom: Double) {
        text(l.text("rows"), x, y, size: 11, bold: true)
        guard !r.rows.isEmpty else { return }
        let top = y + 20, pitch = min(14, (bottom - top) / Double(r.rows.count)), most = max(1, r.rows.map(\.figures.issued).max() ?? 1)
        let labelW = 90.0, barW = width - labelW - 130
        for (i, row) in r.rows.enumerated() {
            let yy = top + Double(i) * pitch, size = min(8, pitch * 0.75)
            text(row.key == Report.noKey ? l.text("none") : row.key, x, yy, size: size, maxWidth: labelW - 4)
            box(x + labelW, yy + pitch * 0.15, barW * Double(row.figures.issued) / Double(most), pitch * 0.7, fill: Self.blue)
            text("\(row.figures.issued) · \(ReportHTML.share(row.figures.withinTarget, l))", x + width, yy, size: size, right: true)
        }
    }

    /// The table from line `from` of `cells` (after the header) on a landscape page; returns the first line not drawn.
    func tablePage(_ r: Report, _ l: ReportLanguage, cells: [[String]], from start: Int) -> Int {
        let m = Page.margin, width = Page.landscape.width - 2 * m
        text("\(l.text("title")) \(r.from) – \(r.to)", m, m - 14, size: 9, color: Self.grey)
        let columns = cells[0].count, first = 110.0, other = (width - first) / Double(columns - 1)
        func x(_ c: Int) -> Double { c == 0 ? m : m + first + Double(c) * other }
        var y = m + 4, tallest = 10.0
        for (c, head) in cells[0].enumerated() {
            let size = c == 0 ? text(head, m, y, size: 7, bold: true, maxWidth: first - 4)
                : text(head, x(c) - other + 3, y, size: 6.5, bold: true, maxWidth: other - 6, wraps: true)
            tallest = max(tallest, size.height)
        }
        y += tallest + 4
        line(m, y, m + width, y, color: Self.grey)
        var i = start
        while i < cells.count, y + 13 < Page.landscape.height - m {
            let isTotal = i == cells.count - 1
            for (c, value) in cells[i].enumerated() {
                if c == 0 { text(value, m, y + 2, size: 7.5, bold: isTotal, maxWidth: first - 4) }
                else { text(value, x(c) - 3, y + 2, size: 7, bold: isTotal, right: true, maxWidth: other - 6) }
            }
            y += 13
            line(m, y, m + width, y)
            i += 1
        }
        return i
    }
}
