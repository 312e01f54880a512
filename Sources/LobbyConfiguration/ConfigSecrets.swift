import Foundation

/// Which parts of the configuration are secret, and how messages avoid showing them.
///
/// Two layers keep secrets out of error messages: nodes in a secret section describe a bad value
/// instead of quoting it (`ConfigNode.quoted`), and every message the loader throws is finally
/// scrubbed of each value the file gives a secret field (`scrub`), whatever produced the message.
enum ConfigSecrets {
    /// Sections whose every value is treated as secret.
    static let sections = ["api.tokens", "privacy"]
    /// The keys whose values are secrets wherever they appear.
    static let fieldNames: Set<String> = ["token", "personKey"]
    /// Said instead of a withheld value.
    static let reason = "this section holds secrets"
    /// Texts shorter than this may be quoted in a secret section (API tokens have at least 16
    /// characters and person keys 64, so no usable secret is ever this short).
    static let shortestSecret = 16

    /// Whether `path` is a secret section or lies inside one.
    static func isSecretSection(_ path: String) -> Bool {
        sections.contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
    }

    /// Whether `path` names a secret field itself (`api.tokens[2].token`, `privacy.personKey`).
    static func isSecretField(_ path: String) -> Bool {
        guard let last = path.split(separator: ".").last else { return false }
        return fieldNames.contains(String(last))
    }

    /// Whether `text` may appear in a message about a node of the given kind.
    static func mayShow(_ text: String, secretSection: Bool, secretField: Bool) -> Bool {
        if secretField { return false }
        return !secretSection || text.count < shortestSecret
    }

    /// A description of a withheld text.
    static func withheld(_ text: String) -> String {
        "a text of \(text.count) characters (not shown: \(reason))"
    }

    /// The values the file gives to secret fields, found in the text itself so that they are
    /// known even when the file cannot be parsed: `token: X`, `"personKey": "X"`, `{token: X, …}`.
    static func values(in text: String) -> [String] {
        var found: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var rest = Substring(line)
            while let match = nextSecretKey(in: rest) {
                rest = match.after
                let value = scalarText(&rest)
                if value.count >= 8 { found.append(value) }
            }
        }
        // Longest first, so that a secret containing another is replaced whole.
        return Array(Set(found)).sorted { $0.count > $1.count }
    }

    /// `message` with every occurrence of a secret value replaced by `‹secret›`.
    static func scrub(_ message: String, secrets: [String]) -> String {
        var out = message
        for s in secrets where out.contains(s) { out = out.replacingOccurrences(of: s, with: "‹secret›") }
        return out
    }

    /// The position after the next `token:` / `personKey:` key (plain or quoted) in `text`.
    private static func nextSecretKey(in text: Substring) -> (key: String, after: Substring)? {
        var index = text.startIndex
        while index < text.endIndex {
            for name in fieldNames {
                for form in [name, "\"\(name)\"", "'\(name)'"] where text[index...].hasPrefix(form) {
                    let before = index == text.startIndex ? nil : text[text.index(before: index)]
                    guard before.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) ?? true else { continue }
                    var after = text[text.index(index, offsetBy: form.count)...]
                    after = after.drop { $0 == " " || $0 == "\t" }
                    guard after.first == ":" else { continue }
                    return (name, after.dropFirst())
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Reads a plain or quoted scalar at the start of `text` (after spaces) and advances past it.
    private static func scalarText(_ text: inout Substring) -> String {
        text = text.drop { $0 == " " || $0 == "\t" }
        guard let first = text.first else { return "" }
        if first == "\"" || first == "'" {
            let body = text.dropFirst()
            let end = body.firstIndex(of: first) ?? body.endIndex
            let value = String(body[..<end])
            text = end < body.endIndex ? body[body.index(after: end)...] : body[end...]
            return value
        }
        var end = text.firstIndex { $0 == "," || $0 == "}" || $0 == "]" } ?? text.endIndex
        if let comment = text.range(of: " #"), comment.lowerBound < end { end = comment.lowerBound }
        let value = String(text[..<end]).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
        text = text[end...]
        return value
    }
}
