import Foundation
import HTTPTypes
import Hummingbird
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue

/// The page a ticket's QR code opens (`/t/<token>`, Docs/Decisions/0025): the centre, the service,
/// the windows, the number, and its live position and expected wait, in the ticket's language
/// (strings from the kiosk's translation files). A small script fetches the page again every few
/// seconds and swaps the live part in place (no reload, no flicker); without script a 30 s
/// refresh remains. No personal data; the unguessable token in the address is the only key.
enum TicketStatusPage {
    /// Seconds between the page's own updates.
    static let refreshSeconds = 5

    struct View: Sendable {
        let number: String?
        let language: Language
        let state: TicketState?
        let window: Int?
        let ahead: Int?
        let waitSeconds: Int64?
        let centre: LocalizedText
        let service: LocalizedText?
        let windows: [Int]

        init(engine: QueueEngine, ticket id: TicketID?) {
            let t = id.flatMap { engine.state.tickets[$0] }
            number = t?.number.description
            language = t?.language ?? .az
            state = t?.state
            window = t?.window?.rawValue
            let e = id.flatMap { engine.estimate(for: $0) }
            ahead = e?.peopleAhead
            waitSeconds = e?.expectedWaitSeconds
            centre = engine.configuration.name
            service = t.flatMap { engine.configuration.service($0.service)?.name }
            windows = t.map { ticket in engine.configuration.windows.filter { $0.services[ticket.service] != nil }.map(\.id.rawValue).sorted() } ?? []
        }
    }

    /// The citizens' strings (the kiosk's translation files); loaded once.
    static let strings: KioskStrings? = try? KioskStringFiles.load(directory: KioskService.installedStrings)

    /// Escapes text for HTML.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The part of the page that changes: position and wait, or where to go, or that it is over.
    static func live(_ v: View, _ s: KioskStrings) -> String {
        let l = v.language
        guard let state = v.state else { return "<p>\(escape(s.text(.statusUnknown, l)))</p>" }
        switch state {
        case .waiting:
            let ahead = v.ahead ?? 0
            // Nobody ahead says so; a wait within 90 s is "called shortly", never "~0 min".
            var html = ahead == 0 ? "<p><b>\(escape(s.text(.statusNext, l)))</b></p>"
                : "<p>\(escape(s.text(.peopleAhead, l, ["count": String(ahead)])))</p>"
            if let seconds = v.waitSeconds {
                let key: KioskStringKey = seconds <= WaitEstimate.shortlySeconds ? .waitShort : .expectedWait
                html += "<p>\(escape(s.text(key, l, ["minutes": KioskScreenBuilder.minutes(seconds)])))</p>"
            }
            return html
        case .called, .serving:
            return "<p class=go><b>\(escape(s.text(.statusCalled, l, ["window": v.window.map(String.init) ?? "?"])))</b></p>"
        default:
            return "<p>\(escape(s.text(.statusFinished, l)))</p>"
        }
    }

    static func response(_ v: View) -> Response {
        guard let s = strings else {
            return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "the translation files could not be read\n")))
        }
        let l = v.language
        var body = "<p class=c>\(escape(v.centre.text(in: l)))</p>"
        if let number = v.number {
            if let service = v.service { body += "<p>\(escape(service.text(in: l)))</p>" }
            body += "<div class=n>\(escape(number))</div>"
            if !v.windows.isEmpty {
                body += "<p>\(escape(s.text(.doneWindows, l, ["windows": v.windows.map(String.init).joined(separator: ", ")])))</p>"
            }
        }
        body += "<div id=live aria-live=polite>\(live(v, s))</div>"
        body += "<p id=offline hidden>\(escape(s.text(.statusOffline, l)))</p>"
        let script = """
        <script>
        (function(){var b=document.body;b.dataset.live="yes";b.dataset.updates="0";
        function tick(){fetch(location.href,{cache:"no-store"}).then(function(r){return r.text();}).then(function(t){
        var d=new DOMParser().parseFromString(t,"text/html").getElementById("live");
        if(d){document.getElementById("live").innerHTML=d.innerHTML;}
        document.getElementById("offline").hidden=true;b.dataset.connected="yes";b.dataset.updates=String(+b.dataset.updates+1);
        }).catch(function(){document.getElementById("offline").hidden=false;b.dataset.connected="no";});}
        setInterval(tick,\(refreshSeconds * 1000));})();
        </script>
        """
        let html = """
        <!doctype html><html lang="\(l.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><noscript><meta http-equiv="refresh" content="30"></noscript>
        <title>\(escape(s.text(.statusTitle, l)))</title><style>body{font-family:"DejaVu Sans",sans-serif;text-align:center;margin:2em;font-size:1.3em}
        .n{font-size:4em;font-weight:bold}.c{font-weight:bold}.go{font-size:1.4em}#offline{color:#a00}</style></head>
        <body><h1>\(escape(s.text(.statusTitle, l)))</h1>\(body)\(v.number == nil ? "" : script)</body></html>
        """
        var h = HTTPFields()
        h[.contentType] = "text/html; charset=utf-8"
        h[.cacheControl] = "no-store"
        return Response(status: v.number == nil ? .notFound : .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
