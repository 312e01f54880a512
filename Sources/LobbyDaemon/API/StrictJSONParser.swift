import LobbyEscPos

/// A JSON parser that accepts exactly RFC 8259 and says where it stops: no trailing commas, no
/// key given twice in one object, no comments, no control characters in strings, valid UTF-8.
///
/// Foundation's parser accepts trailing commas and keeps one of two equal keys, so a client's
/// mistake would be acted on silently; API bodies are read with this one instead.
struct StrictJSONParser {
    /// Why a body is not valid JSON: a sentence with the line and column (1-based, in bytes).
    struct Failure: Error, CustomStringConvertible {
        /// What is wrong and where.
        let description: String
    }

    /// How deep arrays and objects may nest.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    /// Parses one JSON value that fills `bytes` (whitespace around it aside).
    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = StrictJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected \(parser.describeHere()) after the end of the JSON value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Values

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw failure("the body ends where a value was expected (is it cut short?)") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("expected a value (object, array, string, number, true, false or null), found \(describeHere())")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("objects and arrays are nested more than \(Self.maximumDepth) levels deep") }
        index += 1
        var members: [String: JSONValue] = [:]
        var keyPositions: [String: String] = [:]
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                if peek(UInt8(ascii: "}")) { throw failure("trailing comma before '}': remove the comma after the last member") }
                throw failure("expected a member name in double quotes, found \(describeHere())")
            }
            let keyStart = position()
            let key = try string()
            if let first = keyPositions[key] {
                throw Failure(description: "the key '\(key)' is given twice in the same object (\(first), again \(keyStart))")
            }
            keyPositions[key] = keyStart
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw failure("expected ':' after the member name '\(key)', found \(describeHere())") }
            index += 1
            skipWhitespace()
            members[key] = try value(depth: depth)
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "}")) { index += 1; return .object(members) }
            throw failure("expected ',' or '}' after the value of '\(key)', found \(describeHere())")
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("objects and arrays are nested more than \(Self.maximumDepth) levels deep") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { throw failure("trailing comma before ']': remove the comma after the last item") }
            items.append(try value(depth: depth))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "]")) { index += 1; return .array(items) }
            throw failure("expected ',' or ']' after an array item, found \(describeHere())")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw failure("expected '\(word)', found \(describeHere())")
        }
        index += expected.count
    }

    private mutating func number() throws(Failure) -> Double {
        let start = index
        let startPosition = position()
        func digits() -> Int {
            let from = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return index - from
        }
        if peek(UInt8(ascii: "-")) { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0 else { throw failure("expected a digit after '-'") }
        if integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0") {
            throw Failure(description: "numbers may not start with 0 (\(startPosition))")
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard digits() > 0 else { throw failure("expected a digit after the decimal point") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard digits() > 0 else { throw failure("expected a digit in the exponent") }
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)), value.isFinite else {
            throw Failure(description: "the number at \(startPosition) is too large")
        }
        return value
    }

    private mutating func string() throws(Failure) -> String {
        let startPosition = position()
        index += 1
        var out: [UInt8] = []
        while true {
            guard index < bytes.count else { throw Failure(description: "the string that starts at \(startPosition) is not closed (is the body cut short?)") }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw Failure(description: "the string that starts at \(startPosition) is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &out)
            case 0..<0x20:
                throw failure("a control character (byte \(byte)) inside a string; write it escaped, e.g. \\n")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw failure("the body ends inside an escape sequence") }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
            UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let b = simple[bytes[index]] {
            out.append(b)
            index += 1
            return
        }
        guard bytes[index] == UInt8(ascii: "u") else { throw failure("unknown escape sequence '\\\(describeByte(bytes[index]))'") }
        index += 1
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("a \\u escape of a high surrogate must be followed by a low one")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("a \\u escape of a high surrogate must be followed by a low one") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw failure("a lone low surrogate in a \\u escape")
        }
        out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard bytes.count - index >= 4, let v = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else {
            throw failure("expected four hexadecimal digits after \\u")
        }
        index += 4
        return v
    }

    // MARK: - Helpers

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// `line L, column C` of the current byte.
    private func position() -> String {
        var line = 1, column = 1
        for b in bytes[..<min(index, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return "line \(line), column \(column)"
    }

    private func failure(_ message: String) -> Failure { Failure(description: "\(message) (\(position()))") }

    private func describeHere() -> String {
        index < bytes.count ? "'\(describeByte(bytes[index]))'" : "the end of the body"
    }

    private func describeByte(_ b: UInt8) -> String {
        (0x21...0x7E).contains(b) ? String(UnicodeScalar(b)) : "byte \(b)"
    }
}
