/// The code of an online appointment, typed by the citizen on the kiosk's touchscreen.
///
/// Eight characters from a 19-character alphabet without look-alikes (no 0/O/D/Q, 1/I/J/L,
/// 2/Z, 5/S, 6/G, 8/B, V): seven free characters and one check character. Printed and shown
/// in two groups of four (`ACEF-347K`); typed in any case, with or without spaces and hyphens.
///
/// The check character makes the weighted sum `Σ i·value(cᵢ)` over positions 1…8 divisible by
/// 19. Because 19 is prime and the weights 1…8 are distinct, every single mistyped character
/// and every swap of two different characters (adjacent or not) is detected.
public struct BookingCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The characters a code is made of, in value order.
    public static let alphabet: [Character] = Array("3479ACEFHKMNPRTUWXY")
    /// The number of characters of a code, the check character included.
    public static let length = 8
    /// How many different codes exist (19⁷, about 894 million).
    public static let payloadCount: UInt64 = 893_871_739

    private static let modulus = 19
    /// The inverse of the check position's weight (8) modulo 19: 8 × 12 = 96 = 5 × 19 + 1.
    private static let inverseOfCheckWeight = 12

    /// The eight characters, upper case, without separators (as stored in the journal).
    public let rawValue: String

    private init(validated rawValue: String) { self.rawValue = rawValue }

    /// Normalises and validates typed text: case, spaces and hyphens do not matter; Cyrillic
    /// letters that look like Latin ones (А, С, Е, Н, К, М, Р, Т, Х, У) are read as those.
    public init(parsing text: String) throws(BookingCodeError) {
        var values: [Int] = []
        var normalised = ""
        for character in text {
            if character.isWhitespace || Self.separators.contains(character) { continue }
            let upper = Self.latin(for: character)
            guard let value = upper.flatMap({ Self.alphabet.firstIndex(of: $0) }) else {
                throw .invalidCharacter(String(character), position: values.count + 1)
            }
            values.append(value)
            normalised.append(Self.alphabet[value])
        }
        guard !values.isEmpty else { throw .empty }
        guard values.count == Self.length else { throw .wrongLength(values.count) }
        guard Self.weightedSum(values) % Self.modulus == 0 else { throw .checkFailed(normalised) }
        self.init(validated: normalised)
    }

    /// The code for a number in `0..<payloadCount` (larger numbers are reduced modulo it);
    /// the booking side uses it with a random number.
    public init(payload: UInt64) {
        var rest = payload % Self.payloadCount
        var values = [Int](repeating: 0, count: Self.length - 1)
        for i in stride(from: values.count - 1, through: 0, by: -1) {
            values[i] = Int(rest % UInt64(Self.modulus))
            rest /= UInt64(Self.modulus)
        }
        let sum = Self.weightedSum(values)
        let check = ((Self.modulus - sum % Self.modulus) % Self.modulus) * Self.inverseOfCheckWeight % Self.modulus
        values.append(check)
        self.init(validated: String(values.map { Self.alphabet[$0] }))
    }

    /// A random code (the generator is the caller's, so the core stays deterministic).
    public static func random(using generator: inout some RandomNumberGenerator) -> BookingCode {
        BookingCode(payload: UInt64.random(in: 0..<payloadCount, using: &generator))
    }

    /// The code as printed and shown: two groups of four, `ACEF-347K`.
    public var display: String {
        String(rawValue.prefix(4)) + "-" + String(rawValue.suffix(4))
    }

    /// The printed form.
    public var description: String { display }

    /// Orders codes by their characters.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    // MARK: - Helpers

    private static let separators: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "_", "."]

    /// Cyrillic capitals that look like letters of the alphabet.
    private static let cyrillicLookAlikes: [Character: Character] = [
        "А": "A", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "Р": "P", "Т": "T", "Х": "X", "У": "Y",
    ]

    private static func latin(for character: Character) -> Character? {
        let upper = String(character).uppercased()
        guard upper.count == 1, let c = upper.first else { return nil }
        return cyrillicLookAlikes[c] ?? c
    }

    private static func weightedSum(_ values: [Int]) -> Int {
        var sum = 0
        for (i, v) in values.enumerated() { sum += (i + 1) * v }
        return sum
    }
}

/// Why typed text is not a booking code; `position` counts the characters typed, separators skipped.
public enum BookingCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing but spaces or hyphens was typed.
    case empty
    /// A character that booking codes never contain.
    case invalidCharacter(String, position: Int)
    /// Not eight characters.
    case wrongLength(Int)
    /// All characters are valid but the check character does not match (a typo or a swap).
    case checkFailed(String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .empty: "booking-code-empty"
        case .invalidCharacter: "booking-code-invalid-character"
        case .wrongLength: "booking-code-wrong-length"
        case .checkFailed: "booking-code-check-failed"
        }
    }

    /// A sentence for people: what is wrong and where.
    public var description: String {
        switch self {
        case .empty:
            "no booking code was entered"
        case .invalidCharacter(let c, let position):
            "character \(position) ('\(c)') is not used in booking codes; they use only \(String(BookingCode.alphabet))"
        case .wrongLength(let n):
            "a booking code has \(BookingCode.length) characters, \(n) were entered"
        case .checkFailed(let text):
            "'\(text)' is not a valid booking code: a character is mistyped or two are swapped"
        }
    }
}
