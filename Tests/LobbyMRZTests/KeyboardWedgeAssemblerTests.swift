import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("Keyboard-wedge assembler", .tags(.unit))
struct KeyboardWedgeAssemblerTests {
    /// Keycodes of the US layout, written out here independently of the production table.
    static let letterCodes: [Character: UInt16] = [
        "Q": 16, "W": 17, "E": 18, "R": 19, "T": 20, "Y": 21, "U": 22, "I": 23, "O": 24, "P": 25,
        "A": 30, "S": 31, "D": 32, "F": 33, "G": 34, "H": 35, "J": 36, "K": 37, "L": 38,
        "Z": 44, "X": 45, "C": 46, "V": 47, "B": 48, "N": 49, "M": 50,
        "1": 2, "2": 3, "3": 4, "4": 5, "5": 6, "6": 7, "7": 8, "8": 9, "9": 10, "0": 11,
    ]

    /// Types text the way a wedge reader does: Shift held for capitals and `<`, press/release per key,
    /// Enter after every line; `step` microseconds between events.
    static func events(typing lines: [String], start: Int64 = 0, step: Int64 = 2_000) -> [KeyEvent] {
        var time = start
        var out: [KeyEvent] = []
        func key(_ code: UInt16, _ action: KeyEvent.Action) {
            out.append(KeyEvent(code: code, action: action, time: InputInstant(microseconds: time)))
            time += step
        }
        for line in lines {
            for character in line {
                let shifted = character == "<" || character.isLetter
                let code: UInt16 = character == "<" ? 51 : letterCodes[character]!
                if shifted { key(42, .press) }
                key(code, .press)
                key(code, .release)
                if shifted { key(42, .release) }
            }
            key(28, .press)
            key(28, .release)
        }
        return out
    }

    static func feed(_ events: [KeyEvent], into assembler: inout KeyboardWedgeAssembler) -> [MRZCandidate] {
        events.flatMap { assembler.handle($0) }
    }

    @Test func td1CompletesAfterThreeLines() {
        var assembler = KeyboardWedgeAssembler()
        let candidates = Self.feed(Self.events(typing: MRZAzerbaijaniTests.newTD1), into: &assembler)
        #expect(candidates.count == 1)
        #expect(candidates.first?.completion == .expectedLineCount)
        #expect(candidates.first?.text == MRZAzerbaijaniTests.newTD1.joined(separator: "\n"))
        #expect(candidates.first.map { MRZParser.parse($0.text).isValid } == true)
        #expect(!assembler.hasPendingInput)
        #expect(assembler.deadline == nil)
    }

    @Test func td2CompletesAfterTwoLines() {
        var assembler = KeyboardWedgeAssembler()
        let candidates = Self.feed(Self.events(typing: MRZAzerbaijaniTests.oldLifetime), into: &assembler)
        #expect(candidates.map(\.lineCount) == [2])
        #expect(candidates.first?.text == MRZAzerbaijaniTests.oldLifetime.joined(separator: "\n"))
    }

    @Test func idleTimeoutEndsAPartialDocument() {
        var assembler = KeyboardWedgeAssembler(configuration: .init(idleTimeout: .milliseconds(300)))
        // First line of a TD1 only, no second line: the reader stopped.
        let events = Self.events(typing: [MRZAzerbaijaniTests.newTD1[0]])
        #expect(Self.feed(events, into: &assembler).isEmpty)
        let last = events.last!.time
        #expect(assembler.deadline == last.advanced(by: .milliseconds(300)))
        #expect(assembler.poll(now: last.advanced(by: .milliseconds(300))) == nil)
        let candidate = assembler.poll(now: last.advanced(by: .milliseconds(301)))
        #expect(candidate?.completion == .idleTimeout)
        #expect(candidate?.text == MRZAzerbaijaniTests.newTD1[0])
        #expect(candidate?.completedAt == last.advanced(by: .milliseconds(300)))
    }

    @Test func aLateKeyStartsANewDocumentAfterFlushingTheOldOne() {
        var assembler = KeyboardWedgeAssembler(configuration: .init(idleTimeout: .milliseconds(300)))
        var events = Self.events(typing: ["ABC"])
        events += Self.events(typing: MRZAzerbaijaniTests.oldDated, start: events.last!.time.microseconds + 1_000_000)
        let candidates = Self.feed(events, into: &assembler)
        #expect(candidates.map(\.completion) == [.idleTimeout, .expectedLineCount])
        #expect(candidates.map(\.text) == ["ABC", MRZAzerbaijaniTests.oldDated.joined(separator: "\n")])
    }

    @Test func layoutMapsCommaWithoutShiftAndIgnoresRepeats() {
        var assembler = KeyboardWedgeAssembler()
        let t = { (ms: Int64) in InputInstant.milliseconds(ms) }
        let events = [
            KeyEvent(code: 51, action: .press, time: t(0)),       // ','
            KeyEvent(code: 51, action: .release, time: t(1)),
            KeyEvent(code: 54, action: .press, time: t(2)),       // right shift
            KeyEvent(code: 51, action: .press, time: t(3)),       // '<'
            KeyEvent(code: 51, action: .autorepeat, time: t(4)),  // ignored
            KeyEvent(code: 51, action: .release, time: t(5)),
            KeyEvent(code: 54, action: .release, time: t(6)),
            KeyEvent(code: 30, action: .press, time: t(7)),       // 'a' typed without shift is still 'A'
            KeyEvent(code: 3, action: .press, time: t(8)),        // '2'
            KeyEvent(code: 42, action: .press, time: t(9)),
            KeyEvent(code: 3, action: .press, time: t(10)),       // '@'
            KeyEvent(code: 42, action: .release, time: t(11)),
            KeyEvent(code: 80, action: .press, time: t(12)),      // keypad '2'
            KeyEvent(code: 29, action: .press, time: t(13)),      // left ctrl: types nothing
            KeyEvent(code: 45, action: .press, time: t(14)),      // 'X'
            KeyEvent(code: 14, action: .press, time: t(15)),      // backspace removes 'X'
            KeyEvent(code: 96, action: .press, time: t(16)),      // keypad enter
            KeyEvent(code: 28, action: .press, time: t(17)),      // blank line ends the document
        ]
        let candidates = Self.feed(events, into: &assembler)
        #expect(candidates.map(\.text) == [",<A2@2"])
        #expect(candidates.map(\.completion) == [.blankLine])
    }

    @Test func rawEvdevValues() {
        #expect(KeyEvent(code: 30, value: 1, time: .milliseconds(0))?.action == .press)
        #expect(KeyEvent(code: 30, value: 0, time: .milliseconds(0))?.action == .release)
        #expect(KeyEvent(code: 30, value: 2, time: .milliseconds(0))?.action == .autorepeat)
        #expect(KeyEvent(code: 30, value: 3, time: .milliseconds(0)) == nil)
        #expect(InputInstant(seconds: 2, microseconds: 5).microseconds == 2_000_005)
    }

    @Test func overlongLinesAreTruncatedAndFlagged() {
        var assembler = KeyboardWedgeAssembler(configuration: .init(maximumLineLength: 8, maximumLineCount: 2))
        let candidates = Self.feed(Self.events(typing: ["1234567890", "1"]), into: &assembler)
        #expect(candidates.map(\.text) == ["12345678\n1"])
        #expect(candidates.first?.wasTruncated == true)
        #expect(candidates.first?.completion == .lineLimit)
    }
}
