import LobbyIDReaders
@testable import LobbyMRZ
import LobbyTestSupport
import Testing

@Suite("Documents and noise", .tags(.unit))
struct MRZCandidateClassifierTests {
    static func candidate(_ text: String) -> MRZCandidate {
        MRZCandidate(text: text, lineCount: text.split(separator: "\n").count, completion: .idleTimeout,
                     completedAt: InputInstant(microseconds: 0), wasTruncated: false)
    }

    @Test(arguments: [
        ("HELLO", false),
        ("4006381333931", false),                                   // an EAN barcode
        ("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~", false),                  // 30 characters, none MRZ
        ("\u{FFFD}\u{FFFD}\u{FFFD}", false),                        // serial line noise
        ("I<UTOD231458907<<<<<<<<<<<<<<<", true),                    // one TD1 line, cut short
        ("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F", true),
        ("i<utod231458907<<<<<<<<<<<<<<<", true),                   // lower case: 83 % MRZ characters, the parser reports the rest
        ("I<UTOD2314589 7<<<<<<<<<<<<<<<", true),                    // a misread space still counts (96 % MRZ characters)
        ("ABCDEFGHIJKLMNOPQRSTUVW", false),                          // 23 characters: shorter than any MRZ line
    ])
    func classifies(text: String, isDocument: Bool) {
        #expect(MRZCandidateClassifier.isDocumentAttempt(text) == isDocument)
        switch MRZCandidateClassifier.classify(Self.candidate(text)) {
        case .document(let document): #expect(isDocument && !document.isValid)
        case .noise: #expect(!isDocument)
        }
    }

    @Test func aValidZoneIsAValidDocument() throws {
        for vector in try Vectors.all() {
            let outcome = MRZCandidateClassifier.classify(Self.candidate(vector.lines.joined(separator: "\n")))
            guard case .document(let document) = outcome else {
                Issue.record("\(vector.title) classified as noise")
                continue
            }
            #expect(document.isValid, "\(vector.title): \(document.errors)")
        }
    }
}
