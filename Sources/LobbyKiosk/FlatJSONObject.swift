/// A parser for the translation files: one JSON object whose values are all strings.
/// Small on purpose (the core has no Foundation); reports errors with byte offsets.
public enum FlatJSONObject {
    /// Parses `bytes` (UTF-8) into key/value pairs in file order.
    public static func parse(_ bytes: [UInt8]) throws(KioskStringsError) -> [(key: String, value: String)] {
        var parser = Parser(bytes: bytes)
        return try parser.object()
    }

    private struct Parser {
        let bytes: [UInt8]
        var offset = 0

        mutating func skipSpace() {
            while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { offset += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(KioskStringsError) {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == byte else { throw .syntax(offset: offset, expected: what) }
            offset += 1
        }

        mutating func object() throws(KioskStringsError) -> [(key: String, value: String)] {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
            try expect(UInt8(ascii: "{"), "'{'")
            var pairs: [(key: String, value: String)] = []
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return pairs }
            while true {
                let key = try string()
                try expect(UInt8(ascii: ":"), "':'")
                let value = try string()
                pairs.append((key, value))
                skipSpace()
                guard offset < bytes.count else { throw .syntax(offset: offset, expected: "',' or '}'") }
                if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                if bytes[offset] == UInt8(ascii: "}") { offset += 1; break }
                throw .syntax(offset: offset, expected: "',' or '}'")
            }
            skipSpace()
            guard offset == bytes.count else { throw .syntax(offset: offset, expected: "end of file") }
            return pairs
        }

        mutating func string() throws(KioskStringsError) -> String {
            try expect(UInt8(ascii: "\""), "a string")
            var out: [UInt8] = []
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard offset < bytes.count else { break }
                    let escape = bytes[offset]
                    offset += 1
                    switch escape {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "u"):
                        let scalar = try hex4()
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: throw .syntax(offset: offset - 1, expected: "a valid escape")
                    }
                case 0..<0x20:
                    throw .syntax(offset: offset - 1, expected: "no control characters in strings")
                default:
                    out.append(byte)
                }
            }
            throw .syntax(offset: offset, expected: "closing '\"'")
        }

        mutating func hex4() throws(KioskStringsError) -> Unicode.Scalar {
            guard offset + 4 <= bytes.count,
                  let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(value)
            else { throw .syntax(offset: offset, expected: "four hex digits of a BMP scalar") }
            offset += 4
            return scalar
        }
    }
}
