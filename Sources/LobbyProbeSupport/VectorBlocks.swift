import Foundation

/// The synthetic and specimen MRZ blocks of `Tests/LobbyMRZTests/Vectors/*.txt` (title and lines).
struct VectorBlock: Sendable {
    var title: String
    var lines: [String]
}

enum VectorBlocks {
    /// Blocks separated by blank lines; `#` lines are comments, the last one before a block is its title.
    static func load(_ path: String) throws -> [VectorBlock] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var blocks: [VectorBlock] = []
        var title = ""
        var lines: [String] = []
        func flush() {
            if !lines.isEmpty { blocks.append(VectorBlock(title: title, lines: lines)) }
            lines = []
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
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
        return blocks
    }

    /// Every block of both vector files in `directory`.
    static func all(in directory: String) throws -> [VectorBlock] {
        try load(directory + "/icao-specimens.txt") + load(directory + "/azerbaijani-synthetic.txt")
    }
}
