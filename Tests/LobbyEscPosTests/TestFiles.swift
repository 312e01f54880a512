import Foundation

/// Locates files checked in beside the tests, relative to this source file.
enum TestFiles {
    /// `Tests/LobbyEscPosTests/Vectors`.
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")
    /// `Sources/LobbyEscPos/Profiles`.
    static let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/LobbyEscPos/Profiles")

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// Every `*.json` file of a folder as (file name, bytes), sorted by name.
    static func jsonFiles(in folder: URL) throws -> [(fileName: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
            .map { ($0, try bytes(folder.appendingPathComponent($0))) }
    }
}

/// Deterministic pseudo-random bitmaps (xorshift) for round-trip tests.
struct PatternGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func bitmap(widthDots: Int, heightDots: Int) -> MonoBitmapFixture {
        var dots: [(Int, Int)] = []
        for y in 0..<heightDots {
            for x in 0..<widthDots where next() % 3 == 0 { dots.append((x, y)) }
        }
        return MonoBitmapFixture(widthDots: widthDots, heightDots: heightDots, blackDots: dots)
    }
}

/// A bitmap described by its black dots, built through the public subscript.
struct MonoBitmapFixture {
    let widthDots: Int
    let heightDots: Int
    let blackDots: [(Int, Int)]
}
