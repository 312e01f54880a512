import ArgumentParser
import LobbyClient
import Foundation
import LobbyReportPDF
import LobbyReports

/// `lobbyctl report`: the service and satisfaction report of a range of days (manager or admin).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show the service and satisfaction report of a range of days (default today).",
        discussion: """
            Rows are one per service, agency, window, operator or hour of issue, then the whole centre \
            (total) and the previous period of the same length. Shares show their counts ("81 % of 115"). \
            Needs a manager or admin token (or the local socket). See Docs/Reports.md.
            """)
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "First day, YYYY-MM-DD (default today).") var from: String?
    @Option(help: "Last day, YYYY-MM-DD (default: the first day).") var to: String?
    @Option(help: "Rows: service, agency, window, operator or hour.") var by: String = "service"
    @Flag(help: "Print CSV (the columns are listed in Docs/Reports.md).") var csv = false
    @Option(help: "Write the report as an XLSX workbook to this file.") var xlsx: String?
    @Option(help: "Write the printable report as a PDF (A4, charts and the table) to this file.") var pdf: String?
    @Option(help: "Language of the PDF: az, ru or en.") var language: String = "az"

    func run() throws {
        var query = ["by=\(Self.escaped(by))"]
        if let from { query.append("from=\(Self.escaped(from))") }
        if let to { query.append("to=\(Self.escaped(to))") }
        if csv { query.append("format=csv") } else if xlsx != nil { query.append("format=xlsx") }
        let client = try connection.client(timeout: 60)
        let reply: HTTPClient.Reply
        do {
            reply = try client.send("GET", "/api/v1/reports?" + query.joined(separator: "&"))
        } catch let e as HTTPClient.ConnectionError {
            throw CLIError.unreachable(e.description)
        }
        guard (200..<300).contains(reply.status) else { throw ConnectionOptions.failure(reply) }
        if let pdf, !csv, xlsx == nil {
            guard let language = ReportLanguage(rawValue: language) else {
                throw CLIError.failed("invalid-parameter", "--language must be az, ru or en, got '\(language.prefix(40))'", exitCode: 64)
            }
            let report = try JSONDecoder().decode(Report.self, from: reply.body)
            let result: ReportPDF.Result
            do { result = try ReportPDF.write(report, language: language, to: pdf) } catch {
                throw CLIError.failed("cannot-write", error.description, exitCode: 73)
            }
            connection.output(["file": pdf, "pages": result.pages]) { "wrote \(pdf) (\(result.pages) pages)" }
            return
        }
        if let xlsx, !csv {
            guard FileManager.default.createFile(atPath: xlsx, contents: reply.body) else {
                throw CLIError.failed("cannot-write", "cannot write \(xlsx): check that its folder exists and is writable", exitCode: 73)
            }
            connection.output(["file": xlsx, "bytes": reply.body.count]) { "wrote \(xlsx) (\(reply.body.count) bytes)" }
            return
        }
        if csv || connection.json {
            FileHandle.standardOutput.write(reply.body)
            if !csv { print() }
            return
        }
        let report = try JSONDecoder().decode(Report.self, from: reply.body)
        print(Self.text(report))
    }

    static func escaped(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }

    /// The report as a plain-text table.
    static func text(_ r: Report) -> String {
        var lines = ["Report \(r.from) … \(r.to) by \(r.by.rawValue); target wait \(r.targetWaitSeconds / 60) min; previous period \(r.previousFrom) … \(r.previousTo)"]
        let header = ["row", "issued", "served", "no-show", "wait p50", "wait p90", "within target", "votes 4-5", "voted", "vs same mix"]
        var table = [header]
        func row(_ key: String, _ f: ReportFigures, _ mix: MixComparison?) -> [String] {
            [key, "\(f.issued)", "\(f.served)", "\(f.noShows)", minutes(f.wait.p50, f.wait.count), minutes(f.wait.p90, f.wait.count),
             share(f.withinTarget), share(f.satisfied), share(f.votedOfServed),
             mix?.satisfiedDifference.map { String(format: "%+.1f pts", $0 * 100) } ?? ""]
        }
        for x in r.rows { table.append(row(x.key, x.figures, x.mix)) }
        table.append(row("total", r.overall, nil))
        table.append(row("previous", r.previous, nil))
        let widths = (0..<header.count).map { c in table.map { $0[c].count }.max() ?? 0 }
        for cells in table {
            lines.append(cells.enumerated().map { c, text in
                c == 0 ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - text.count) + text
            }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    static func minutes(_ seconds: Int64, _ count: Int) -> String {
        count == 0 ? "-" : String(format: "%.1f min", Double(seconds) / 60)
    }

    static func share(_ s: Share) -> String {
        guard let v = s.value else { return "-" }
        return String(format: "%.0f %% of %d", v * 100, s.of)
    }
}
