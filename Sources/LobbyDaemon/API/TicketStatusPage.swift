import Foundation
import HTTPTypes
import Hummingbird
import LobbyQueue

/// The page a ticket's QR code opens (`/t/<token>`, Docs/Decisions/0025): number, state, people
/// ahead and expected wait, in the ticket's language. No personal data; the unguessable token in
/// the address is the only key, so no API token is needed.
enum TicketStatusPage {
    struct View: Sendable {
        let number: String?
        let language: Language
        let state: TicketState?
        let window: Int?
        let ahead: Int?
        let waitMinutes: Int?

        init(engine: QueueEngine, ticket id: TicketID?) {
            let t = id.flatMap { engine.state.tickets[$0] }
            number = t?.number.description
            language = t?.language ?? .az
            state = t?.state
            window = t?.window?.rawValue
            let e = id.flatMap { engine.estimate(for: $0) }
            ahead = e?.peopleAhead
            waitMinutes = e.map { Int(($0.expectedWaitSeconds + 59) / 60) }
        }
    }

    static let strings: [Language: [String: String]] = [
        .az: ["title": "Növbə", "ahead": "Sizdən əvvəl", "wait": "Təxmini gözləmə", "min": "dəq", "called": "Pəncərəyə yaxınlaşın",
              "done": "Xidmət başa çatıb", "unknown": "Bu bilet bu gün üçün tapılmadı", "window": "Pəncərə", "next": "Növbəti sizsiniz"],
        .ru: ["title": "Очередь", "ahead": "Перед вами", "wait": "Ожидание примерно", "min": "мин", "called": "Подойдите к окну",
              "done": "Обслуживание завершено", "unknown": "Талон на сегодня не найден", "window": "Окно", "next": "Вы следующий"],
        .en: ["title": "Queue", "ahead": "People ahead", "wait": "Expected wait", "min": "min", "called": "Please go to window",
              "done": "Service finished", "unknown": "No such ticket today", "window": "Window", "next": "You are next"],
    ]

    static func response(_ v: View) -> Response {
        let s = strings[v.language]!
        var body: String
        if let number = v.number, let state = v.state {
            body = "<div class=n>\(number)</div>"
            switch state {
            case .waiting:
                // Nobody ahead: say so instead of "0" and "~0 min"; the wait shows only when there is one.
                let ahead = v.ahead ?? 0
                body += ahead == 0 ? "<p><b>\(s["next"]!)</b></p>" : "<p>\(s["ahead"]!): <b>\(ahead)</b></p>"
                if let minutes = v.waitMinutes, minutes > 0 { body += "<p>\(s["wait"]!): <b>~\(minutes)\u{00A0}\(s["min"]!)</b></p>" }
            case .called, .serving: body += "<p><b>\(s["called"]!) \(v.window.map(String.init) ?? "")</b></p>"
            default: body += "<p>\(s["done"]!)</p>"
            }
        } else {
            body = "<p>\(s["unknown"]!)</p>"
        }
        let html = """
        <!doctype html><html lang="\(v.language.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="20">
        <title>\(s["title"]!)</title><style>body{font-family:"DejaVu Sans",sans-serif;text-align:center;margin:2em;font-size:1.3em}
        .n{font-size:4em;font-weight:bold}</style></head><body><h1>\(s["title"]!)</h1>\(body)</body></html>
        """
        var h = HTTPFields()
        h[.contentType] = "text/html; charset=utf-8"
        h[.cacheControl] = "no-store"
        return Response(status: v.number == nil ? .notFound : .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
