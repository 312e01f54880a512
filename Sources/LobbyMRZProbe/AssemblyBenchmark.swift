import LobbyProbeSupport
import LobbyIDReaders
import LobbyMRZ

/// `lobby-mrz-probe bench`: what our side costs per document (key events through
/// `KeyboardWedgeAssembler`, classification and parsing) against how long a reader takes to type
/// the same zone. Not a test: it prints numbers for Docs/MRZ-readers.md.
enum AssemblyBenchmark {
    /// Reader speeds to compare with, in milliseconds per character (with Shift, 4 key events each).
    static let readerSpeeds: [Double] = [2, 4, 8]

    static func run(vectorDirectory: String, iterations: Int) -> Int32 {
        guard let vectors = try? VectorBlocks.all(in: vectorDirectory), !vectors.isEmpty else {
            print("bench: cannot read the vectors in \(vectorDirectory)")
            return 66
        }
        for vector in vectors {
            guard let strokes = KeyStroke.typing(lines: vector.lines) else { continue }
            let events = keyEvents(strokes)
            var valid = 0
            let started = ProbeOutput.now()
            for _ in 0..<iterations {
                var assembler = KeyboardWedgeAssembler()
                for event in events {
                    for candidate in assembler.handle(event) {
                        if case .document(let document) = MRZCandidateClassifier.classify(candidate), document.isValid { valid += 1 }
                    }
                }
            }
            let perDocument = Double(ProbeOutput.now() - started) / Double(iterations)
            let characters = vector.lines.reduce(0) { $0 + $1.count } + vector.lines.count
            let typing = readerSpeeds.map { "\(Int($0 * Double(characters))) ms at \(Int($0)) ms/char" }.joined(separator: ", ")
            print("\(vector.title): \(events.count) key events, \(rounded(perDocument)) us per document "
                  + "(\(rounded(perDocument * 1_000 / Double(events.count))) ns per event), valid \(valid)/\(iterations); typing takes \(typing)")
        }
        return 0
    }

    /// Press/release events (Shift around shifted keys), 1 ms apart.
    static func keyEvents(_ strokes: [KeyStroke]) -> [KeyEvent] {
        var time: Int64 = 0
        var events: [KeyEvent] = []
        func add(_ code: UInt16, _ action: KeyEvent.Action) {
            events.append(KeyEvent(code: code, action: action, time: InputInstant(microseconds: time)))
            time += 1_000
        }
        for stroke in strokes {
            if stroke.shifted { add(USKeyboardLayout.Keycode.leftShift, .press) }
            add(stroke.code, .press)
            add(stroke.code, .release)
            if stroke.shifted { add(USKeyboardLayout.Keycode.leftShift, .release) }
        }
        return events
    }

    static func rounded(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
