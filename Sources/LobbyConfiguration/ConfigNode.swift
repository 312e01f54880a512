import LobbyQueue
import Yams

/// A YAML node with its path in the document; every accessor reports errors with file, line and field.
///
/// Nodes under a secret section (`ConfigSecrets.sections`) never put their values into messages:
/// the messages say what kind of value was found ("a text of 40 characters"), not what it was.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String
    /// Whether this node lies in a section that holds secrets (API tokens, the person key).
    let secret: Bool

    init(node: Node, path: String, file: String, secret: Bool = false) {
        self.node = node
        self.path = path
        self.file = file
        self.secret = secret || ConfigSecrets.isSecretSection(path)
    }

    func error(_ message: String) -> ConfigFileError {
        ConfigFileError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, field: path, message: message)
    }

    private func child(_ node: Node, _ name: String) -> ConfigNode {
        ConfigNode(node: node, path: path.isEmpty ? name : path + "." + name, file: file, secret: secret)
    }

    /// `'text'` for messages, or in a secret section a description without the text itself.
    func quoted(_ text: String) -> String {
        if text.isEmpty { return "nothing (an empty value)" }
        return ConfigSecrets.mayShow(text, secretSection: secret, secretField: ConfigSecrets.isSecretField(path))
            ? "'\(text)'" : ConfigSecrets.withheld(text)
    }

    /// The entries of a mapping, refusing keys not in `allowed`.
    func mapping(allowed: [String]) throws(ConfigFileError) -> [String: ConfigNode] {
        guard case .mapping(let m) = node else { throw error("expected a mapping of \(allowed.joined(separator: ", ")), got \(kind)") }
        var out: [String: ConfigNode] = [:]
        for (k, v) in m {
            guard let key = k.string else { throw ConfigNode(node: k, path: path, file: file, secret: secret).error("keys must be text") }
            guard allowed.contains(key) else {
                guard ConfigSecrets.mayShow(key, secretSection: secret, secretField: false) else {
                    throw ConfigNode(node: k, path: path, file: file, secret: secret)
                        .error("unknown field, \(ConfigSecrets.withheld(key)); expected one of: \(allowed.joined(separator: ", "))")
                }
                throw ConfigNode(node: k, path: path.isEmpty ? key : path + "." + key, file: file, secret: secret)
                    .error("unknown field '\(key)'; expected one of: \(allowed.joined(separator: ", "))")
            }
            guard out[key] == nil else { throw ConfigNode(node: k, path: path + "." + key, file: file, secret: secret).error("field given twice") }
            out[key] = child(v, key)
        }
        return out
    }

    /// The entries of a mapping with free-form keys (in document order).
    func freeMapping() throws(ConfigFileError) -> [(key: String, value: ConfigNode)] {
        guard case .mapping(let m) = node else { throw error("expected a mapping, got \(kind)") }
        var out: [(String, ConfigNode)] = []
        for (k, v) in m {
            guard let key = k.string else { throw ConfigNode(node: k, path: path, file: file, secret: secret).error("keys must be text") }
            out.append((key, child(v, key)))
        }
        return out
    }

    /// The items of a sequence.
    func sequence() throws(ConfigFileError) -> [ConfigNode] {
        guard case .sequence(let s) = node else { throw error("expected a list, got \(kind)") }
        return s.enumerated().map { ConfigNode(node: $0.element, path: "\(path)[\($0.offset)]", file: file, secret: secret) }
    }

    /// A text scalar.
    func string() throws(ConfigFileError) -> String {
        try scalar(expected: "text")
    }

    /// The scalar's text; anything else is an error naming what `expected` and what was found.
    private func scalar(expected: String) throws(ConfigFileError) -> String {
        guard case .scalar(let s) = node else { throw error("expected \(expected), got \(kind)") }
        return s.string
    }

    /// An integer scalar within `range`.
    func int(in range: ClosedRange<Int> = Int.min...Int.max) throws(ConfigFileError) -> Int {
        let expected = range == Int.min...Int.max ? "a whole number" : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        let text = try scalar(expected: expected)
        guard let v = Int(text) else { throw error("expected a whole number, got \(quoted(text))") }
        guard range.contains(v) else {
            throw error("expected a number from \(range.lowerBound) to \(range.upperBound), got \(secret ? quoted(text) : String(v))")
        }
        return v
    }

    /// A boolean scalar (`true`/`false`, `yes`/`no`).
    func bool() throws(ConfigFileError) -> Bool {
        let text = try scalar(expected: "true or false")
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got \(quoted(text.lowercased()))")
        }
    }

    /// Text in az/ru/en: either a mapping of languages or one text for all.
    func localized() throws(ConfigFileError) -> LocalizedText {
        if case .scalar = node {
            let s = try string()
            guard !s.isEmpty else { throw error("text must not be empty") }
            return LocalizedText(az: s)
        }
        guard case .mapping = node else { throw error("expected a text, or a mapping of az, ru, en texts, got \(kind)") }
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

    /// What the node is, for "got …" in messages (a scalar's text only outside secret sections).
    private var kind: String {
        switch node {
        case .scalar(let s): quoted(s.string)
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
