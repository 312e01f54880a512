/// A login name: 2–32 characters, lowercase letters a–z, digits, '.', '-' or '_', starting with a
/// letter. The same name is the operator id in the journal and the statistics, so it is checked
/// strictly: `Zaur` and `zaur ` are refused, not folded into `zaur`.
public struct AccountName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name as stored.
    public let rawValue: String

    /// The name, or the reason it is not one.
    public init(_ text: String) throws(AccountError) {
        guard (2...32).contains(text.count) else {
            throw .invalidName(text, reason: "a name has 2 to 32 characters, this one has \(text.count)")
        }
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else {
            throw .invalidName(text, reason: "a name starts with a lowercase letter a-z")
        }
        if let bad = text.unicodeScalars.first(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0)) }) {
            throw .invalidName(text, reason: "'\(bad)' is not allowed (lowercase a-z, digits, '.', '-' and '_' are)")
        }
        rawValue = text
    }

    /// The name.
    public var description: String { rawValue }

    /// Names in alphabetical order.
    public static func < (a: AccountName, b: AccountName) -> Bool { a.rawValue < b.rawValue }
}
