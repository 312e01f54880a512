import ArgumentParser
import Foundation

/// `lobbyctl hall …`: the hall's notice line and quiet mode, and their audit (Docs/Hall.md).
struct HallCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hall", abstract: "The hall: show, notice, clear, quiet, audit.",
        subcommands: [Show.self, Notice.self, Clear.self, Quiet.self, Audit.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the notice line (who set it, why) and quiet mode.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let o = try connection.call("GET", "/api/v1/hall/notice")
            connection.output(o) { HallFormat.settings(o) }
        }
    }

    struct Notice: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the notice line on every hall page (one line, at most 200 characters); spoken once when lobbyd has a sound card.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "The text, e.g. \"Mərkəz bu gün 17:30-da bağlanır\".") var text: String
        @Option(help: "Why (recorded with your name).") var reason: String
        @Option(help: "The text's language for speech: az, ru or en.") var language = "az"
        @Flag(help: "Show it without speaking it.") var noSpeak = false

        func run() throws {
            let o = try connection.call("PUT", "/api/v1/hall/notice", body: ["text": text, "reason": reason, "language": language, "speak": !noSpeak])
            connection.output(o) { HallFormat.settings(o) + ((o["spoken"] as? Bool) == true ? "\n(spoken once)" : "") }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clear the notice line.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Why (recorded with your name).") var reason: String

        func run() throws {
            let o = try connection.call("DELETE", "/api/v1/hall/notice", body: ["reason": reason])
            connection.output(o) { HallFormat.settings(o) }
        }
    }

    struct Quiet: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Quiet mode on or off: calls are shown but not spoken while on.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "on or off.") var state: String
        @Option(help: "Why (recorded with your name).") var reason: String

        func validate() throws {
            guard ["on", "off"].contains(state) else { throw ValidationError("give 'on' or 'off', not '\(state)'") }
        }

        func run() throws {
            let o = try connection.call("PUT", "/api/v1/hall/quiet", body: ["quiet": state == "on", "reason": reason])
            connection.output(o) { HallFormat.settings(o) }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every change of the notice and quiet mode, and every spoken text: when, who, why.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let o = try connection.call("GET", "/api/v1/hall/audit")
            let entries = o["entries"] as? [[String: Any]] ?? []
            connection.output(o) {
                entries.isEmpty ? "no changes recorded" : entries.map { e in
                    let text = (e["text"] as? String).map { "  \"\($0)\"" } ?? ""
                    return "\(e["at"] as? String ?? "")  \(Format.pad(e["action"] as? String ?? "", 15))\(e["by"] as? String ?? "") (\(e["role"] as? String ?? "")): \(e["reason"] as? String ?? "")\(text)"
                }.joined(separator: "\n")
            }
        }
    }
}

/// The hall settings for people.
enum HallFormat {
    /// The notice and quiet mode, one per line.
    static func settings(_ o: [String: Any]) -> String {
        let quiet = (o["quiet"] as? Bool) == true ? "quiet mode: on (calls shown, not spoken)" : "quiet mode: off"
        guard let n = o["notice"] as? [String: Any] else { return "notice: none\n" + quiet }
        return "notice: \(n["text"] as? String ?? "")\n  set by \(n["setBy"] as? String ?? "?") at \(n["at"] as? String ?? "?"): \(n["reason"] as? String ?? "")\n" + quiet
    }
}
