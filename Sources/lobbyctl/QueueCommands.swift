import LobbyClient
import ArgumentParser
import Foundation

/// `lobbyctl status`: the centre at a glance.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the queue's state: waiting tickets, open windows, journal.")
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let client = try connection.client()
        let s = try connection.call("GET", "/api/v1/status", using: client)
        let name = (s["centre"] as? [String: String])?["en"] ?? ""
        // The ticket printers' health, as /healthz reports it (the JSON output stays the status object).
        let devices = (try? connection.call("GET", "/healthz", using: client))?["devices"] as? [String: String] ?? [:]
        let printers = devices.filter { $0.key.hasPrefix("printer:") }.sorted { $0.key < $1.key }
            .map { "\($0.key.dropFirst("printer:".count)) \($0.value)" }
        connection.output(s) {
            """
            \(name) — service day \(s["day"] ?? "-")
              tickets today: \(s["ticketsToday"] ?? 0), waiting now: \(s["waiting"] ?? 0)
              windows open:  \(s["windowsOpen"] ?? 0) of \(s["windows"] ?? 0)
              printers:      \(printers.isEmpty ? "none configured" : printers.joined(separator: ", "))
              journal:       record \(s["journalSequence"] ?? 0) durable
              reached at:    \(client.endpoint)
            """
        }
    }
}

/// `lobbyctl services`: every service with its line.
struct Services: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List services with waiting tickets and expected waits.")
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let o = try connection.call("GET", "/api/v1/services")
        let list = o["services"] as? [[String: Any]] ?? []
        connection.output(o) {
            (["ID                      PREFIX WAITING WAIT     NAME"] + list.map { s in
                Format.pad(s["id"] as? String ?? "", 24) + Format.pad(s["prefix"] as? String ?? "", 7)
                    + Format.pad("\(s["waiting"] ?? 0)", 8) + Format.pad(Format.minutes(s["expectedWaitSeconds"]), 9)
                    + ((s["name"] as? [String: String])?["en"] ?? "")
            }).joined(separator: "\n")
        }
    }
}

/// `lobbyctl windows`: every window, its operator and current ticket.
struct Windows: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List windows with state, operator and current ticket.")
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let o = try connection.call("GET", "/api/v1/windows")
        let list = o["windows"] as? [[String: Any]] ?? []
        connection.output(o) { (["NO  STATE   OPERATOR    CURRENT"] + list.map(Format.window)).joined(separator: "\n") }
    }
}

/// `lobbyctl stats`: waiting, service and satisfaction statistics.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show statistics for a day or a range of days (default today).")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "First day, YYYY-MM-DD.") var from: String?
    @Option(help: "Last day, YYYY-MM-DD.") var to: String?

    func run() throws {
        var query: [String] = []
        if let from { query.append("from=\(from)") }
        if let to { query.append("to=\(to)") }
        let o = try connection.call("GET", "/api/v1/statistics" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
        let overall = o["overall"] as? [String: Any] ?? [:]
        let waiting = overall["waiting"] as? [String: Any] ?? [:]
        connection.output(o) {
            """
            \(o["from"] ?? "") … \(o["to"] ?? "")
              issued \(overall["issued"] ?? 0), served \(overall["served"] ?? 0), no-shows \(overall["noShows"] ?? 0)
              waiting: median \(Format.minutes(waiting["p50Seconds"])), 90 % within \(Format.minutes(waiting["p90Seconds"]))
              called within the target: \(Format.percent(overall["withinTargetShare"]))
              satisfied (votes 4-5): \(Format.percent(overall["satisfiedShare"])), votes \(Format.votes(overall["votes"]))
            """
        }
    }
}

/// `lobbyctl events`: follow the live event stream.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Follow queue events as they become durable (Ctrl-C to stop).")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Stop after this many events.") var count: Int?
    @Flag(help: "Only the calls shown on hall displays.") var display = false

    func run() throws {
        var seen = 0
        var reader = EventLines()
        try connection.stream(display ? "/api/v1/display/events" : "/api/v1/events", timeout: 10) { line in
            let readable = reader.lines(for: line)
            guard line.hasPrefix("data: ") else { return true }
            let out = connection.json ? String(line.dropFirst(6)) : readable.joined(separator: "\n")
            FileHandle.standardOutput.write(Data((out + "\n").utf8))
            seen += 1
            return count.map { seen < $0 } ?? true
        }
    }
}
