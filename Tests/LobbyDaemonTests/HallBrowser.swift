import Foundation
import LobbyTestSupport

/// One headless Chromium page driven over DevTools (Scripts/hall_browser.py): the tests ask the
/// page what it shows (DOM state, the page's own log of when each call was placed).
final class HallBrowser {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    /// Whether Chromium is installed (scripts/setup.sh test installs it).
    static var available: Bool { FileManager.default.fileExists(atPath: "/usr/bin/chromium") }

    /// Opens `url` at `width`×`height`; returns once the page has loaded.
    init(url: String, width: Int = 1920, height: Int = 1080, scratch: Scratch) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let script = Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/hall_browser.py").path
        let profile = scratch.path + "/chrome-\(UUID().uuidString.prefix(8))"
        process.arguments = [script, url, "\(width)", "\(height)", profile]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        guard try readLine() == "\"READY\"" else { throw TestFailure("the hall page did not load in Chromium") }
    }

    private func readLine() throws -> String {
        while true {
            if let i = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<i], as: UTF8.self)
                buffer = Data(buffer[(i + 1)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestFailure("the browser driver ended") }
            buffer.append(chunk)
        }
    }

    private func command(_ object: [String: Any]) throws -> [String: Any] {
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: object) + Data("\n".utf8))
        let line = try readLine()
        guard let reply = try JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed) as? [String: Any] else {
            throw TestFailure("unexpected driver answer \(line)")
        }
        if let error = reply["error"] as? String { throw TestFailure("in the page: \(error)") }
        return reply
    }

    /// Evaluates JavaScript in the page; the result by value.
    func eval(_ expression: String) throws -> Any? { try command(["eval": expression])["value"] }

    /// A string the page evaluates to ("" for anything else).
    func string(_ expression: String) throws -> String { try eval(expression) as? String ?? "" }

    /// Saves a screenshot of the viewport.
    func screenshot(_ path: String) throws { _ = try command(["shot": path]) }

    /// Resizes the viewport.
    func resize(width: Int, height: Int) throws { _ = try command(["size": [width, height]]) }

    /// Waits (polling the page) until `expression` is true.
    func waitFor(_ expression: String, within seconds: Double) async throws -> Bool {
        // While the page (re)loads there is no document to ask yet: that is "not yet", not a failure.
        await eventually(within: seconds, every: 0.05) { ((try? self.eval(expression)) ?? nil) as? Bool == true }
    }

    /// Ends Chromium.
    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
