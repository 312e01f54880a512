import LobbyQueue

/// Why a translation file was refused; says which file, key or byte.
public enum KioskStringsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON is malformed at a byte offset.
    case syntax(offset: Int, expected: String)
    /// A key appears twice.
    case duplicateKey(String)
    /// A key is not one of `KioskStringKey`.
    case unknownKey(String)
    /// A key is missing.
    case missingKey(KioskStringKey)
    /// A translation lacks a placeholder of its key, or has one the key does not allow.
    case placeholderMismatch(KioskStringKey, expected: [String], found: [String])
    /// A translation is empty.
    case emptyString(KioskStringKey)
    /// The same error, located in a language's file.
    indirect case inFile(Language, KioskStringsError)

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case let .syntax(offset, expected): "byte \(offset): expected \(expected)"
        case let .duplicateKey(key): "key \"\(key)\" appears twice"
        case let .unknownKey(key): "unknown key \"\(key)\""
        case let .missingKey(key): "missing key \"\(key.rawValue)\""
        case let .placeholderMismatch(key, expected, found):
            "\"\(key.rawValue)\": placeholders \(found.map { "{\($0)}" }) but the key needs \(expected.map { "{\($0)}" })"
        case let .emptyString(key): "\"\(key.rawValue)\" is empty"
        case let .inFile(language, error): "\(language.rawValue).json: \(error)"
        }
    }
}
