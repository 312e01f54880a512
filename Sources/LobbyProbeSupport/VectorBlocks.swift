import Foundation

/// One block of an MRZ vector file (`Tests/LobbyMRZTests/Vectors/*.txt`): its title and lines.
public struct VectorBlock: Sendable {
    /// The last comment line before the block.
    public var title: String
    /// The zone's lines.
    public var lines: [String]
}

/// The MRZ vector files the tests and the lab probes share (synthetic documents and ICAO specimens).
public enum VectorBlocks {
    /// Blocks separated by blank lines; `#` lines are comments, the last one before a block is its title.
    public static func parse(_ text: String) -> [VectorBlock] {
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

    /// The blocks of the file at `path`.
    public static func load(_ path: String) throws -> [VectorBlock] {
        parse(try String(contentsOfFile: path, encoding: .utf8))
    }

    /// Every block of both vector files in `directory`.
    public static func all(in directory: String) throws -> [VectorBlock] {
        try load(directory + "/icao-specimens.txt") + load(directory + "/azerbaijani-synthetic.txt")
    }
}
