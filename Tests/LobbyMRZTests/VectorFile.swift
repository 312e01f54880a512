import Foundation
import LobbyProbeSupport

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
        VectorBlocks.parse(try text(name)).map { MRZVector(title: $0.title, lines: $0.lines) }
    }
}
