import Foundation
import LobbyWire

/// One line of a vector file: `name | hex | expected`.
struct Vector: Sendable, CustomStringConvertible {
    let file: String
    let line: Int
    let name: String
    let input: [UInt8]
    let expected: String

    var description: String { "\(file):\(line) \(name)" }

    /// The expected column as bytes.
    var expectedBytes: [UInt8] { Hex.decode(expected) ?? [] }
}

/// Hex helpers for tests.
enum Hex {
    static func decode(_ text: String) -> [UInt8]? {
        if text == "-" { return [] }
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func encode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map { String(format: "%02X", $0) }.joined()
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// Loads the vector files beside the tests (found relative to this source file).
enum VectorFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static func load(_ name: String) -> [Vector] {
        let url = directory.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var vectors: [Vector] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3, let input = Hex.decode(fields[1]) else {
                vectors.append(Vector(file: name, line: number + 1, name: "MALFORMED", input: [], expected: line))
                continue
            }
            vectors.append(Vector(file: name, line: number + 1, name: fields[0], input: input, expected: fields[2]))
        }
        return vectors
    }
}

extension FixedBytes {
    /// The stored bytes as an array (tests only).
    var array: [UInt8] { Array(self) }
}

/// Decodes a byte stream completely, returning every decoder output in order.
func decodeAll<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [DecoderOutput] {
    var decoder = FrameDecoder()
    var outputs: [DecoderOutput] = []
    for byte in bytes {
        if let output = decoder.consume(byte) { outputs.append(output) }
    }
    return outputs
}

/// Text attribute helpers.
extension TextLines {
    /// Builds text lines from Swift strings (tests only).
    static func lines(_ items: [(UInt8, TextAttributes, String)]) -> TextLines {
        var lines = TextLines()
        for (line, attributes, text) in items { lines.append(line: line, attributes: attributes, utf8: Array(text.utf8)) }
        return lines
    }
}
