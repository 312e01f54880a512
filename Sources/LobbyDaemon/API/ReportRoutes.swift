import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue
import LobbyReportStore
import LobbyReports

/// `GET /api/v1/reports`: the service and satisfaction report of a range of days (managers only).
extension APIRoutes {
    /// The longest range one report may cover, in days.
    static let longestReportDays = 3660

    func report(_ req: Request) async throws -> Response {
        guard let reports else { throw APIError(.serviceUnavailable, "reports-unavailable", "reports are not running in this lobbyd") }
        let query = try ReportQuery(req.uri.queryParameters.get, today: try await queue.read { e in e.state.day ?? e.calendar.localDate(at: QueueService.systemClock()) })
        let report: Report
        do {
            report = try await reports.report(from: query.from, to: query.to, by: query.by, through: await queue.durableSequence)
        } catch {
            throw APIError(.serviceUnavailable, "reports-unavailable", "the report store cannot answer: \(error)")
        }
        switch query.format {
        case "csv":
            var h = HTTPFields()
            h[.contentType] = "text/csv; charset=utf-8"
            h[.contentDisposition] = "attachment; filename=\"lobby-report-\(query.from)-\(query.to)-\(query.by.rawValue).csv\""
            return Response(status: .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: ReportCSV.render(report))))
        case "xlsx":
            var h = HTTPFields()
            h[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            h[.contentDisposition] = "attachment; filename=\"lobby-report-\(query.from)-\(query.to)-\(query.by.rawValue).xlsx\""
            return Response(status: .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(bytes: ReportWorkbook.render(report))))
        case "html":
            var h = HTTPFields()
            h[.contentType] = "text/html; charset=utf-8"
            h[.cacheControl] = "no-store"
            h[HTTPField.Name("Content-Security-Policy")!] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
            return Response(status: .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: ReportHTML.render(report, language: query.language))))
        default:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return JSON.response(data: try encoder.encode(report))
        }
    }
}

extension APIRoutes {
    /// Whether a request is a browser asking for a page (its Accept header prefers HTML), not a program.
    static func isBrowserPage(_ req: Request) -> Bool {
        guard let accept = req.headers[.accept] else { return false }
        return accept.split(separator: ",").contains { $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "text/html" }
    }

    /// 303 to the sign-in page, which returns to this request's path and query once signed in.
    static func loginRedirect(_ req: Request) -> Response {
        var target = req.uri.path
        if let query = req.uri.query, !query.isEmpty { target += "?" + query }
        let next = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/"))) ?? "/"
        var h = HTTPFields()
        h[.location] = "/login?next=" + next
        h[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: h)
    }
}

/// The query of a report request, checked: `from`, `to` (YYYY-MM-DD, default today), `by`, `format`.
struct ReportQuery {
    let from: LocalDate
    let to: LocalDate
    let by: ReportBreakdown
    let format: String
    let language: ReportLanguage

    init(_ parameter: (String) -> String?, today: LocalDate) throws {
        func date(_ name: String) throws -> LocalDate? {
            guard let text = parameter(name) else { return nil }
            do {
                return try LocalDate(validating: text, years: TimestampText.plausibleYears)
            } catch {
                throw APIError(.badRequest, "invalid-parameter", "'\(name)': \(error.description)")
            }
        }
        from = try date("from") ?? today
        to = try date("to") ?? from
        guard from <= to else { throw APIError(.badRequest, "invalid-parameter", "'from' (\(from)) must not be after 'to' (\(to))") }
        let days = to.daysSinceEpoch - from.daysSinceEpoch + 1
        guard days <= APIRoutes.longestReportDays else {
            throw APIError(.badRequest, "invalid-parameter", "the range \(from)…\(to) is \(days) days; a report covers at most \(APIRoutes.longestReportDays)")
        }
        let byText = parameter("by") ?? "service"
        guard let by = ReportBreakdown(rawValue: byText) else {
            throw APIError(.badRequest, "invalid-parameter",
                           "'by' must be one of \(ReportBreakdown.allCases.map(\.rawValue).joined(separator: ", ")), got '\(byText.prefix(40))'")
        }
        self.by = by
        format = parameter("format") ?? "json"
        guard ["json", "csv", "html", "xlsx"].contains(format) else {
            throw APIError(.badRequest, "invalid-parameter", "'format' must be json, csv, html or xlsx, got '\(format.prefix(40))'")
        }
        let lang = parameter("lang") ?? "az"
        guard let language = ReportLanguage(rawValue: lang) else {
            throw APIError(.badRequest, "invalid-parameter", "'lang' must be az, ru or en, got '\(lang.prefix(40))'")
        }
        self.language = language
    }
}
