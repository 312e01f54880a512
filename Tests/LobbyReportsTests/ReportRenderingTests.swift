import LobbyQueue
import LobbyReports
import LobbyTestSupport
import Testing

/// CSV and HTML renderings of the hand-computed centre.
@Suite("Report CSV and HTML", .tags(.unit))
struct ReportRenderingTests {
    @Test("CSV: one line per row plus total and previous, every line the same columns, figures as computed")
    func csv() throws {
        var d = try ReportHandTests.playDay()
        try d.run(.signOut(window: 2), ReportHandTests.at(9, 0, day: 1))
        let text = ReportCSV.render(d.report(.operator))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 1 + 3 + 2)
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == ReportCSV.columns.count })
        let cells = Dictionary(uniqueKeysWithValues: zip(ReportCSV.columns, lines[lines.startIndex + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        #expect(cells["row"] == "anna" && cells["issued"] == "3" && cells["withinTarget"] == "2" && cells["withinTargetOf"] == "3")
        #expect(cells["withinTargetShare"] == "0.6667" && cells["satisfiedLow95"] == "0.2065" && cells["satisfiedHigh95"] == "1.0000")
        #expect(cells["satisfiedDifference"] == "0.0000")
        #expect(lines.last!.hasPrefix("previous,0,0,"))
        #expect(ReportCSV.quoted("a,b \"c\"") == "\"a,b \"\"c\"\"\"")
        #expect([ReportCSV.decimal(-0.04, 1), ReportCSV.decimal(2.375, 2), ReportCSV.decimal(0.5, 0), ReportCSV.decimal(1234.5, 1)] == ["0.0", "2.38", "1", "1234.5"])
    }

    @Test("HTML: self-contained, escaped, in three languages")
    func html() throws {
        var d = try ReportHandTests.playDay()
        try d.run(.signOut(window: 2), ReportHandTests.at(9, 0, day: 1))
        var report = d.report(.operator)
        report.rows[0].key = "<b>&"
        for l in ReportLanguage.allCases {
            let page = ReportHTML.render(report, language: l)
            #expect(page.contains("&lt;b&gt;&amp;") && !page.contains("<b>&"))
            #expect(!page.contains("<script"))
            #expect(page.contains(l.text("title")))
            #expect(page.contains("<rect"), "charts drawn")
        }
        #expect(ReportLanguage.az.text("withinTarget") != ReportLanguage.en.text("withinTarget"))
        for l in ReportLanguage.allCases { #expect(l.text("weekdays").split(separator: " ").count == 7) }
    }
}
