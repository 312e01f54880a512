/// Hexadecimal text for bytes and words (upper case, as lsusb and the CCID specification print them, but ids in lower case).
public enum HexText {
    /// `3B 8E 80 01` — bytes separated by spaces.
    public static func bytes(_ bytes: [UInt8], separator: String = " ") -> String {
        bytes.map { byte($0) }.joined(separator: separator)
    }

    /// Two upper-case hex digits.
    public static func byte(_ value: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 4)], digits[Int(value & 0x0F)]])
    }

    /// Four lower-case hex digits, as USB ids are written (`08e6`).
    public static func word(_ value: UInt16) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<4).reversed().map { digits[Int((value >> (UInt16($0) * 4)) & 0x0F)] })
    }

    /// Parses `3B 8E 80` or `3b8e80`; nil on an odd digit count or a non-hex character.
    public static func parse(_ text: String) -> [UInt8]? {
        let digits = text.unicodeScalars.filter { $0 != " " && $0 != ":" && $0 != "\n" && $0 != "\t" }
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        var high: UInt8?
        for scalar in digits {
            let value: UInt8
            switch scalar.value {
            case 0x30...0x39: value = UInt8(scalar.value - 0x30)
            case 0x41...0x46: value = UInt8(scalar.value - 0x41 + 10)
            case 0x61...0x66: value = UInt8(scalar.value - 0x61 + 10)
            default: return nil
            }
            if let first = high {
                out.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return out
    }
}
