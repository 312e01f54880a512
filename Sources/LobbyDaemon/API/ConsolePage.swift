import Foundation
import HTTPTypes
import Hummingbird

/// The staff pages served by lobbyd: the sign-in page (`/login`) and the operator console
/// (`/console`). Each is one self-contained HTML answer (its style, script and the az/ru/en
/// strings inline; no external resources), assembled once from the files in
/// `Sources/LobbyDaemon/Console` (installed as `/usr/share/lobby/console`).
enum ConsolePage {
    /// The directory of the page files: the installed copy, else this source tree's.
    static var directory: String {
        let installed = "/usr/share/lobby/console"
        if FileManager.default.fileExists(atPath: installed) { return installed }
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)  // ConsolePage.swift, API
        return parts.joined(separator: "/") + "/Console"
    }

    /// The languages of the pages, in the order of the language menu.
    static let languages = ["az", "ru", "en"]

    /// The two pages, assembled once (nil when a file is missing: the answer says which).
    private static let pages: Result<(login: String, console: String), PageError> = {
        do {
            let dir = directory
            func read(_ name: String) throws -> String {
                guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { throw PageError(file: dir + "/" + name) }
                return String(decoding: data, as: UTF8.self)
            }
            let strings = "{" + (try languages.map { "\"\($0)\": \(try read("Strings/\($0).json"))" }.joined(separator: ",")) + "}"
            // A "</" inside inline script text would end the script element early.
            let safeStrings = strings.replacingOccurrences(of: "</", with: "<\\/")
            let style = try read("console.css")
            func page(_ html: String, _ script: String) throws -> String {
                try read(html).replacingOccurrences(of: "{{STYLE}}", with: style)
                    .replacingOccurrences(of: "{{STRINGS}}", with: safeStrings)
                    .replacingOccurrences(of: "{{SCRIPT}}", with: try read(script))
            }
            return .success((try page("login.html", "login.js"), try page("console.html", "console.js")))
        } catch let e as PageError {
            return .failure(e)
        } catch {
            return .failure(PageError(file: directory))
        }
    }()

    /// A page file that could not be read.
    struct PageError: Error {
        /// The file's path.
        let file: String
    }

    /// The page's language from `?lang=` (az, ru or en), else az; the page may switch by itself.
    static func language(_ req: Request) -> String {
        let asked = req.uri.queryParameters.get("lang") ?? "az"
        return languages.contains(asked) ? asked : "az"
    }

    /// The sign-in page.
    static func login(language: String) throws -> Response {
        try response(pages.get().login, language: language)
    }

    /// The operator console.
    static func console(language: String) throws -> Response {
        try response(pages.get().console, language: language)
    }

    private static func response(_ html: String, language: String) throws -> Response {
        var h = HTTPFields()
        h[.contentType] = "text/html; charset=utf-8"
        h[.cacheControl] = "no-store"
        // Nothing from elsewhere: the centre's LAN may have no internet, and a page that can
        // only talk to lobbyd cannot leak a session.
        h[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        h[HTTPField.Name("X-Frame-Options")!] = "DENY"
        h[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        let body = html.replacingOccurrences(of: "{{LANG}}", with: language)
        return Response(status: .ok, headers: h, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension ConsolePage.PageError: CustomStringConvertible {
    var description: String { "the console page file \(file) cannot be read (install Sources/LobbyDaemon/Console as /usr/share/lobby/console)" }
}
