import LobbyMRZ

/// Tells documents from noise among a reader's assembled inputs (pure).
///
/// A candidate is a document attempt when one of its lines has at least `minimumLineLength`
/// characters of which at least 80 % are MRZ characters (`A`–`Z`, `0`–`9`, `<`): a zone cut short
/// by a timeout, or with a misread character, is still reported as a document with its errors.
/// Anything else (a key pressed on the reader, a barcode, bytes of line noise) is noise.
public enum MRZCandidateClassifier {
    /// The shortest line that makes a document attempt (shorter than any MRZ line of 30).
    public static let minimumLineLength = 24

    /// What a candidate is.
    public enum Outcome: Sendable, Hashable {
        /// A document attempt, parsed.
        case document(MRZDocument)
        /// Not an MRZ.
        case noise
    }

    /// Classifies and, for a document attempt, parses.
    public static func classify(_ candidate: MRZCandidate) -> Outcome {
        isDocumentAttempt(candidate.text) ? .document(MRZParser.parse(candidate.text)) : .noise
    }

    /// Whether the text looks like (part of) an MRZ.
    public static func isDocumentAttempt(_ text: String) -> Bool {
        var length = 0
        var mrzCharacters = 0
        func lineLooksLikeMRZ() -> Bool { length >= minimumLineLength && mrzCharacters * 5 >= length * 4 }
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                if lineLooksLikeMRZ() { return true }
                length = 0
                mrzCharacters = 0
                continue
            }
            length += 1
            if scalar.isASCII, MRZCheckDigit.isMRZCharacter(UInt8(scalar.value)) { mrzCharacters += 1 }
        }
        return lineLooksLikeMRZ()
    }
}
