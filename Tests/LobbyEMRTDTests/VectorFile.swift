import Foundation

/// Reads the checked-in vector files beside these tests (found from this file's location).
enum VectorFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    /// The non-comment, non-empty lines of a vector file, split into words.
    static func rows(_ name: String) -> [[String]] {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { $0.split(separator: " ").map(String.init) }
    }

    /// A `name value` file as a dictionary.
    static func values(_ name: String) -> [String: String] {
        Dictionary(rows(name).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }, uniquingKeysWith: { first, _ in first })
    }
}

/// Hex text ⇄ bytes for the tests ("-" is empty).
enum Hex {
    static func bytes(_ text: String) -> [UInt8] {
        guard text != "-" else { return [] }
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
    }

    static func text(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }
}
