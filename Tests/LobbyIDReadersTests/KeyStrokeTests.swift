import LobbyIDReaders
@testable import LobbyMRZ
import LobbyTestSupport
import Testing

@Suite("Key strokes of the US layout", .tags(.unit))
struct KeyStrokeTests {
    @Test(arguments: [
        ("<", 51, true), ("A", 30, true), ("Z", 44, true), ("0", 11, false), ("1", 2, false), ("9", 10, false),
    ] as [(Unicode.Scalar, UInt16, Bool)])
    func strokeOfAnMRZCharacter(character: Unicode.Scalar, code: UInt16, shifted: Bool) {
        #expect(KeyStroke.typing(character) == KeyStroke(code: code, shifted: shifted))
    }

    @Test func lowerCaseAndNonASCIICannotBeTyped() {
        #expect(KeyStroke.typing("a") == nil)
        #expect(KeyStroke.typing("Ə") == nil)
        #expect(KeyStroke.typing(lines: ["ABC", "ÜX"]) == nil)
    }

    /// Typing a vector and feeding the key events to the wedge assembler gives the vector back.
    @Test func everyVectorSurvivesTypingAndAssembly() throws {
        for vector in try Vectors.all() {
            let strokes = try #require(KeyStroke.typing(lines: vector.lines), "\(vector.title)")
            var assembler = KeyboardWedgeAssembler()
            var time: Int64 = 0
            var candidates: [MRZCandidate] = []
            func key(_ code: UInt16, _ action: KeyEvent.Action) {
                candidates += assembler.handle(KeyEvent(code: code, action: action, time: InputInstant(microseconds: time)))
                time += 1_000
            }
            for stroke in strokes {
                if stroke.shifted { key(USKeyboardLayout.Keycode.leftShift, .press) }
                key(stroke.code, .press)
                key(stroke.code, .release)
                if stroke.shifted { key(USKeyboardLayout.Keycode.leftShift, .release) }
            }
            #expect(candidates.map(\.text) == [vector.lines.joined(separator: "\n")], "\(vector.title)")
            #expect(candidates.first?.completion == .expectedLineCount)
        }
    }

    @Test func aSimulatedReaderAdvertisesTheKeysItTypes() {
        #expect(KeyStroke.allCodes.contains(USKeyboardLayout.Keycode.leftShift))
        #expect(KeyStroke.allCodes.contains(USKeyboardLayout.Keycode.enter))
        for scalar in "ABCXYZ0189<".unicodeScalars {
            #expect(KeyStroke.allCodes.contains(KeyStroke.typing(scalar)!.code))
        }
    }
}
