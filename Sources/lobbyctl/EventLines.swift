import Foundation

/// Turns lobbyd's Server-Sent Events into lines for people (`lobbyctl events` without `--json`):
/// the snapshot of recent calls or devices, calls, queue records with their events, device
/// changes and a stream reset, each in words instead of raw JSON.
struct EventLines {
    /// The name of the event being read (`event:` line); `message` when none was given.
    private var event = "message"

    /// The lines to print for one line of the stream (only a `data:` line prints anything).
    mutating func lines(for line: String) -> [String] {
        if line.isEmpty {
            event = "message"
            return []
        }
        if line.hasPrefix("event: ") {
            event = String(line.dropFirst(7))
            return []
        }
        guard line.hasPrefix("data: ") else { return [] }
        let payload = String(line.dropFirst(6))
        guard let object = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] else { return [payload] }
        return Self.describe(event: event, object) ?? [payload]
    }

    /// The lines for one event's data; nil for an event this version does not know.
    static func describe(event: String, _ o: [String: Any]) -> [String]? {
        switch event {
        case "snapshot":
            let calls = (o["calls"] as? [[String: Any]]) ?? []
            return calls.isEmpty ? ["recent calls: none"] : ["recent calls:"] + calls.map { "  " + call($0) }
        case "call":
            return ["call " + call(o)]
        case "devices":
            let devices = (o["devices"] as? [String: Any]) ?? [:]
            return devices.isEmpty ? ["devices: none"] : ["devices:"] + devices.keys.sorted().map { "  \($0): \(text(devices[$0]))" }
        case "device":
            let previous = o["previous"].flatMap { $0 is NSNull ? nil : text($0) } ?? "new"
            return ["device \(text(o["device"])): \(previous) → \(text(o["state"])) at \(text(o["at"]))"]
        case "queue":
            let ticket = (o["ticket"] as? [String: Any]).map { " " + text($0["number"] ?? $0["id"]) } ?? ""
            let head = "#\(text(o["sequence"])) \(text(o["at"])) \(text(o["command"]))\(ticket)"
            return [head] + ((o["events"] as? [[String: Any]]) ?? []).map { "  " + queueEvent($0) }
        case "reset":
            return ["reset: \(text(o["reason"])); read the state afresh (the stream continues after #\(text(o["journalSequence"])))"]
        default:
            return nil
        }
    }

    /// `P003 → window 2 (recall) at 2026-12-07T09:15:02Z`.
    private static func call(_ o: [String: Any]) -> String {
        "\(text(o["ticket"])) → window \(text(o["window"]))\((o["recall"] as? Bool) == true ? " (recall)" : "") at \(text(o["at"]))"
    }

    /// `ticketCalled P003 operator=alice window=2`: the type, the ticket's number, then the other fields.
    private static func queueEvent(_ e: [String: Any]) -> String {
        var words = [text(e["type"])]
        if let number = e["number"] { words.append(text(number)) } else if let ticket = e["ticket"] { words.append("ticket \(text(ticket))") }
        for key in e.keys.sorted() where !["type", "number", "ticket"].contains(key) {
            words.append("\(key)=\(text(e[key]))")
        }
        return words.joined(separator: " ")
    }

    private static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: "-"
        case let s as String: s
        case let n as NSNumber: n.stringValue
        case let other?: String(describing: other)
        }
    }
}
