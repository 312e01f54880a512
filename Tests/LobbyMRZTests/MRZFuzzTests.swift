import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("MRZ fuzzing (seeded)", .tags(.unit))
struct MRZFuzzTests {
    static let valid: [[String]] = [
        MRZInputTests.td3, MRZAzerbaijaniTests.oldLifetime, MRZAzerbaijaniTests.oldDated, MRZAzerbaijaniTests.newTD1,
        ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
    ]
    static let alphabet: [Unicode.Scalar] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<\n\r \t".unicodeScalars)
        + ["a", "é", "\u{0}", "\u{301}", "\u{FEFF}", "\u{1F600}", "Ə", "\u{2028}", "\u{FFFD}", "\""]

    /// Properties every parse result must have, whatever the input.
    static func checkInvariants(_ text: String) {
        let document = MRZParser.parse(text)
        #expect(document.isValid == document.errors.isEmpty)
        if let format = document.format, document.fields != nil {
            #expect(document.lines.count == format.lineCount)
            #expect(document.lines.allSatisfy { $0.unicodeScalars.count == format.lineLength })
        }
        if document.fields != nil { #expect(document.format != nil) }
        for issue in document.errors {
            if let line = issue.line {
                #expect(line >= 1 && line <= document.lines.count)
                if let column = issue.column {
                    #expect(column >= 1 && column <= document.lines[line - 1].unicodeScalars.count + 1)
                }
            } else {
                #expect(issue.column == nil)
            }
            #expect(!issue.message.isEmpty)
        }
        if document.isValid, let fields = document.fields {
            #expect((try? BACKeySeed(fields: fields)) != nil)
            // Parsing the normalised lines again gives the same result.
            #expect(MRZParser.parse(document.lines.joined(separator: "\n")) == document)
        }
        let (json, code) = MRZCommand.run(input: text)
        #expect(code == (document.isValid ? 0 : 1))
        #expect(json.hasPrefix("{\n") && json.hasSuffix("}\n"))
    }

    @Test func randomBytes() {
        var rng = SeededGenerator(seed: 0x4C4F_4242_59)
        for _ in 0..<15_000 {
            let count = Int.random(in: 0...200, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            Self.checkInvariants(String(decoding: bytes, as: UTF8.self))
        }
        // Extreme sizes.
        Self.checkInvariants(String(repeating: "\n", count: 100_000))
        Self.checkInvariants(String(repeating: "\u{1F600}", count: 2_000))
    }

    @Test func mutatedValidDocuments() {
        var rng = SeededGenerator(seed: 2_025)
        for _ in 0..<15_000 {
            let base = Self.valid.randomElement(using: &rng)!
            var scalars = Array(base.joined(separator: "\n").unicodeScalars)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let position = Int.random(in: 0...scalars.count, using: &rng)
                let scalar = Self.alphabet.randomElement(using: &rng)!
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where position < scalars.count: scalars[position] = scalar
                case 1 where position < scalars.count: scalars.remove(at: position)
                default: scalars.insert(scalar, at: position)
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            Self.checkInvariants(String(view))
        }
    }

    @Test func everyDigitChangeInADateIsCaught() {
        // 7-3-1 weights are coprime to 10, so any other digit in a date changes its check digit.
        for base in Self.valid {
            let document = MRZParser.parse(base.joined(separator: "\n"))
            guard let format = document.format else { Issue.record("specimen did not parse"); continue }
            let span = format.layout.birthDate
            for offset in 0..<span.length {
                var line = Array(base[span.line - 1])
                let original = line[span.column - 1 + offset]
                for digit in "0123456789" where digit != original {
                    line[span.column - 1 + offset] = digit
                    var lines = base
                    lines[span.line - 1] = String(line)
                    let broken = MRZParser.parse(lines.joined(separator: "\n"))
                    #expect(broken.errors.contains { $0.field == .birthDate && $0.message.contains("check digit") })
                }
            }
        }
    }
}
