import Foundation

/// One MRZ block of a vector file: its title (last comment line before it) and its lines.
struct MRZVector {
    var title: String
    var lines: [String]
    var text: String { lines.joined(separator: "\n") }
}

/// Reads the checked-in vector files beside this test file.
enum VectorFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Blocks separated by blank lines; `#` lines are comments, the last one before a block is its title.
    static func blocks(_ name: String) throws -> [MRZVector] {
        var vectors: [MRZVector] = []
        var title = ""
        var lines: [String] = []
        func flush() {
            if !lines.isEmpty { vectors.append(MRZVector(title: title, lines: lines)) }
            lines = []
        }
        for raw in try text(name).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("#") {
                flush()
                title = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(line)
            }
        }
        flush()
        return vectors
    }
}
