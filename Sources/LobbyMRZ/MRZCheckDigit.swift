/// The ICAO 9303 check digit: character values (0–9, A–Z = 10–35, `<` = 0) weighted 7, 3, 1, sum mod 10.
public enum MRZCheckDigit {
    /// The numeric value of one MRZ character (ASCII byte), or nil when the byte is not in the MRZ alphabet.
    public static func value(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A")) + 10
        case UInt8(ascii: "<"): return 0
        default: return nil
        }
    }

    /// The check digit (0–9) over ASCII bytes, or nil when a byte is outside the MRZ alphabet.
    public static func compute<Bytes: Sequence>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
        let weights = (7, 3, 1)
        var sum = 0
        var index = 0
        for byte in bytes {
            guard let value = value(of: byte) else { return nil }
            let weight: Int
            switch index % 3 {
            case 0: weight = weights.0
            case 1: weight = weights.1
            default: weight = weights.2
            }
            sum += value * weight
            index += 1
        }
        return sum % 10
    }

    /// The check digit over a string, or nil when a character is outside the MRZ alphabet.
    public static func compute(_ text: String) -> Int? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.isASCII else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return compute(bytes)
    }

    /// True when the byte is in the MRZ alphabet (A–Z, 0–9, `<`).
    public static func isMRZCharacter(_ byte: UInt8) -> Bool {
        value(of: byte) != nil
    }
}
