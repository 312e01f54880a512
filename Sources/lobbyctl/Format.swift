import Foundation

/// Human-readable renderings of the daemon's JSON.
enum Format {
    static func ticket(_ t: [String: Any]) -> String {
        var s = "\(t["number"] ?? "?") (id \(t["id"] ?? "?")) \(t["service"] ?? "") — \(t["state"] ?? "")"
        if let w = t["window"] as? Int { s += " at window \(w)" }
        if let ahead = t["peopleAhead"] as? Int, let wait = t["expectedWaitSeconds"] as? Int {
            s += "; \(ahead) ahead, " + (wait == 0 ? "next" : "about \((wait + 59) / 60) min")
        }
        return s
    }

    static func window(_ w: [String: Any]) -> String {
        let current = (w["current"] as? [String: Any]).map { "\($0["number"] ?? "?") (\($0["state"] ?? ""))" } ?? "-"
        let op = w["operator"] as? String ?? "-"
        return pad("\(w["number"] ?? "?")", 4) + pad("\(w["state"] ?? "")", 8) + pad(op, 12) + current
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }

    static func minutes(_ seconds: Any?) -> String {
        guard let s = seconds as? Int else { return "-" }
        return "\((s + 59) / 60) min"
    }

    static func percent(_ v: Any?) -> String {
        guard let d = v as? Double else { return "-" }
        return String(format: "%.1f %%", d * 100)
    }

    /// The count of each score, 1 to 5, and the total: `1★ 0 · 2★ 1 · 3★ 0 · 4★ 3 · 5★ 8 (12)`.
    static func votes(_ v: Any?) -> String {
        guard let counts = v as? [Int], counts.count == 5 else { return "-" }
        return counts.enumerated().map { "\($0.offset + 1)★ \($0.element)" }.joined(separator: " · ") + " (\(counts.reduce(0, +)))"
    }
}

/// Prints a Codable document as lobbyctl's --json output (pretty-printed, keys sorted).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
