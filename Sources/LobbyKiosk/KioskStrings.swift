import LobbyQueue

/// The citizens' strings in every kiosk language, validated: every key present, placeholders
/// as the key requires. Built from the bytes of the translation files (the edge reads them).
public struct KioskStrings: Sendable, Hashable {
    private let tables: [Language: [KioskStringKey: String]]

    /// Parses and validates one file per language.
    public init(files: [Language: [UInt8]]) throws(KioskStringsError) {
        var tables: [Language: [KioskStringKey: String]] = [:]
        for language in Language.allCases {
            guard let bytes = files[language] else { throw .inFile(language, .missingKey(.languageName)) }
            do throws(KioskStringsError) {
                tables[language] = try Self.table(bytes)
            } catch {
                throw .inFile(language, error)
            }
        }
        self.tables = tables
    }

    /// One validated table from the bytes of one file.
    public static func table(_ bytes: [UInt8]) throws(KioskStringsError) -> [KioskStringKey: String] {
        var table: [KioskStringKey: String] = [:]
        for (rawKey, value) in try FlatJSONObject.parse(bytes) {
            guard let key = KioskStringKey(rawValue: rawKey) else { throw .unknownKey(rawKey) }
            guard table[key] == nil else { throw .duplicateKey(rawKey) }
            guard !value.isEmpty else { throw .emptyString(key) }
            let found = placeholders(in: value)
            guard found.sorted() == key.placeholders.sorted() else {
                throw .placeholderMismatch(key, expected: key.placeholders, found: found)
            }
            table[key] = value
        }
        for key in KioskStringKey.allCases where table[key] == nil { throw .missingKey(key) }
        return table
    }

    /// The `{name}` placeholders of a string, in order.
    public static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in text {
            if character == "{" { current = "" }
            else if character == "}", let name = current { names.append(name); current = nil }
            else if current != nil { current!.append(character) }
        }
        return names
    }

    /// The string for `key` in `language`, with `{name}` placeholders replaced.
    public func text(_ key: KioskStringKey, _ language: Language, _ values: [String: String] = [:]) -> String {
        var text = tables[language]![key]!
        for (name, value) in values { text = text.replacingAll("{\(name)}", with: value) }
        return text
    }
}

extension String {
    /// Replaces every occurrence of `target` (no Foundation in the core).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
