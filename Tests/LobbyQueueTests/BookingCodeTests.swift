import Foundation
import LobbyQueue
import LobbyScenarios
import LobbyTestSupport
import Testing

@Suite("Booking codes", .tags(.unit))
struct BookingCodeTests {
    /// A valid code built by the generator, used as the reference for typed variants.
    static let reference = BookingCode(payload: 123_456_789)

    @Test("typed variants normalise to the same code", arguments: [
        "{c}", "{c-lower}", " {c4} {c4b} ", "{c4}-{c4b}", "{c4}\u{2013}{c4b}", "{c-cyr}",
    ])
    func normalise(pattern: String) throws {
        let raw = Self.reference.rawValue
        let text = pattern
            .replacingOccurrences(of: "{c-lower}", with: raw.lowercased())
            .replacingOccurrences(of: "{c-cyr}", with: Self.cyrillic(raw))
            .replacingOccurrences(of: "{c4b}", with: String(raw.suffix(4)))
            .replacingOccurrences(of: "{c4}", with: String(raw.prefix(4)))
            .replacingOccurrences(of: "{c}", with: raw)
        #expect(try BookingCode(parsing: text) == Self.reference)
        #expect(try BookingCode(parsing: text).display == String(raw.prefix(4)) + "-" + String(raw.suffix(4)))
    }

    @Test("precise errors for what cannot be a code", arguments: [
        ("", BookingCodeError.empty),
        (" - - ", .empty),
        ("ACE0FH3K", .invalidCharacter("0", position: 4)),
        ("ac ef o3", .invalidCharacter("o", position: 5)),
        ("ACEF-B347", .invalidCharacter("B", position: 5)),
        ("ACE", .wrongLength(3)),
        ("ACEFHKMNP", .wrongLength(9)),
    ])
    func errors(text: String, expected: BookingCodeError) {
        #expect(throws: expected) { try BookingCode(parsing: text) }
    }

    @Test("every single mistyped character and every swap of two characters is detected")
    func checkCharacter() throws {
        var rng = SplitMix64(seed: 17)
        let alphabet = BookingCode.alphabet
        for _ in 0..<200 {
            let code = BookingCode.random(using: &rng)
            let chars = Array(code.rawValue)
            #expect(try BookingCode(parsing: code.rawValue) == code)
            for i in chars.indices {
                for replacement in alphabet where replacement != chars[i] {
                    var typo = chars
                    typo[i] = replacement
                    #expect(throws: BookingCodeError.checkFailed(String(typo))) { try BookingCode(parsing: String(typo)) }
                }
                for j in chars.indices where j > i && chars[i] != chars[j] {
                    var swapped = chars
                    swapped.swapAt(i, j)
                    #expect(throws: BookingCodeError.checkFailed(String(swapped))) { try BookingCode(parsing: String(swapped)) }
                }
            }
        }
    }

    @Test("payloads map to distinct valid codes; the alphabet has no look-alikes")
    func payloads() throws {
        var seen = Set<BookingCode>()
        for p in [UInt64(0), 1, 18, 19, 361, BookingCode.payloadCount - 1, 999_999_999_999] {
            let code = BookingCode(payload: p)
            #expect(code.rawValue.count == BookingCode.length)
            #expect(try BookingCode(parsing: code.rawValue) == code)
            seen.insert(code)
        }
        #expect(seen.count == 7)
        #expect(BookingCode(payload: BookingCode.payloadCount) == BookingCode(payload: 0))
        #expect(BookingCode.alphabet.count == 19)
        for lookAlike in "0O1IL2Z5S6G8BDQJV" { #expect(!BookingCode.alphabet.contains(lookAlike)) }
        #expect(BookingCode.payloadCount == (0..<7).reduce(UInt64(1)) { r, _ in r * 19 })
    }

    @Test("error messages say what is wrong and where")
    func messages() {
        #expect(BookingCodeError.invalidCharacter("O", position: 3).description.contains("character 3 ('O')"))
        #expect(BookingCodeError.wrongLength(7).description.contains("8 characters, 7 were entered"))
        #expect(BookingCodeError.checkFailed("ACEFHKMN").code == "booking-code-check-failed")
    }

    static func cyrillic(_ text: String) -> String {
        let map: [Character: Character] = ["A": "а", "C": "с", "E": "е", "H": "н", "K": "к", "M": "м", "P": "р", "T": "т", "X": "х", "Y": "у"]
        return String(text.map { map[$0] ?? $0 })
    }
}
