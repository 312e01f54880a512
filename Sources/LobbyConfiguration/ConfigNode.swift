import LobbyQueue
import Yams

/// A YAML node with its path in the document; every accessor reports errors with file, line and field.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String

    func error(_ message: String) -> ConfigFileError {
        ConfigFileError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, field: path, message: message)
    }

    private func child(_ node: Node, _ name: String) -> ConfigNode {
        ConfigNode(node: node, path: path.isEmpty ? name : path + "." + name, file: file)
    }

    /// The entries of a mapping, refusing keys not in `allowed`.
    func mapping(allowed: [String]) throws(ConfigFileError) -> [String: ConfigNode] {
        guard case .mapping(let m) = node else { throw error("expected a mapping of \(allowed.joined(separator: ", ")), got \(kind)") }
        var out: [String: ConfigNode] = [:]
        for (k, v) in m {
            guard let key = k.string else { throw ConfigNode(node: k, path: path, file: file).error("keys must be text") }
            guard allowed.contains(key) else {
                throw ConfigNode(node: k, path: path.isEmpty ? key : path + "." + key, file: file)
                    .error("unknown field '\(key)'; expected one of: \(allowed.joined(separator: ", "))")
            }
            guard out[key] == nil else { throw ConfigNode(node: k, path: path + "." + key, file: file).error("field given twice") }
            out[key] = child(v, key)
        }
        return out
    }

    /// The entries of a mapping with free-form keys (in document order).
    func freeMapping() throws(ConfigFileError) -> [(key: String, value: ConfigNode)] {
        guard case .mapping(let m) = node else { throw error("expected a mapping, got \(kind)") }
        var out: [(String, ConfigNode)] = []
        for (k, v) in m {
            guard let key = k.string else { throw ConfigNode(node: k, path: path, file: file).error("keys must be text") }
            out.append((key, child(v, key)))
        }
        return out
    }

    /// The items of a sequence.
    func sequence() throws(ConfigFileError) -> [ConfigNode] {
        guard case .sequence(let s) = node else { throw error("expected a list, got \(kind)") }
        return s.enumerated().map { ConfigNode(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    /// A text scalar.
    func string() throws(ConfigFileError) -> String {
        guard case .scalar(let s) = node else { throw error("expected text, got \(kind)") }
        return s.string
    }

    /// An integer scalar within `range`.
    func int(in range: ClosedRange<Int> = Int.min...Int.max) throws(ConfigFileError) -> Int {
        let text = try string()
        guard let v = Int(text) else { throw error("expected a whole number, got '\(text)'") }
        guard range.contains(v) else { throw error("expected a number from \(range.lowerBound) to \(range.upperBound), got \(v)") }
        return v
    }

    /// A boolean scalar (`true`/`false`, `yes`/`no`).
    func bool() throws(ConfigFileError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw error("expected true or false, got '\(other)'")
        }
    }

    /// Text in az/ru/en: either a mapping of languages or one text for all.
    func localized() throws(ConfigFileError) -> LocalizedText {
        if case .scalar = node {
            let s = try string()
            guard !s.isEmpty else { throw error("text must not be empty") }
            return LocalizedText(az: s)
        }
        let m = try mapping(allowed: ["az", "ru", "en"])
        guard !m.isEmpty else { throw error("give the text in at least one of az, ru, en") }
        var t: [Language: String] = [:]
        for (k, v) in m {
            let s = try v.string()
            guard !s.isEmpty else { throw v.error("text must not be empty") }
            t[Language(rawValue: k)!] = s
        }
        return LocalizedText(t)
    }

    private var kind: String {
        switch node {
        case .scalar(let s): "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
