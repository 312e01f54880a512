/// The Azerbaijani personal identification number (FIN): 7 Latin capitals and digits, never the letter O.
///
/// There is no public check-digit rule, so only the structure is validated.
public struct AzerbaijaniFIN: Sendable, Hashable, CustomStringConvertible {
    /// The 7 characters.
    public let text: String

    /// Why a string is not a FIN, with the 0-based offset of the first offending character.
    public enum Problem: Error, Sendable, Hashable {
        /// Not exactly 7 characters.
        case wrongLength(Int)
        /// The letter O, which FINs never use (it is confused with the digit 0).
        case letterO(offset: Int)
        /// A character that is not A–Z or 0–9 (for example a `<` filler inside the field).
        case invalidCharacter(Unicode.Scalar, offset: Int)
    }

    /// Validates the structure of a FIN.
    public init(_ text: String) throws(Problem) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 7 else { throw .wrongLength(scalars.count) }
        for (offset, scalar) in scalars.enumerated() {
            if scalar == "O" { throw .letterO(offset: offset) }
            let isLetter = scalar.value >= 65 && scalar.value <= 90
            let isDigit = scalar.value >= 48 && scalar.value <= 57
            if !isLetter && !isDigit { throw .invalidCharacter(scalar, offset: offset) }
        }
        self.text = text
    }

    /// The FIN text.
    public var description: String { text }
}
