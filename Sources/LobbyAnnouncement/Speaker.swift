/// The port free text is spoken through: a text-to-speech engine (libespeak-ng) or its simulator.
public protocol Speaker: Sendable {
    /// `text` spoken in `language`, as PCM at the engine's rate.
    func speak(_ text: String, language: SpokenLanguage) throws(SpeakerError) -> PCM
}

/// Why text could not be spoken.
public struct SpeakerError: Error, Equatable, CustomStringConvertible {
    /// What failed, in words.
    public let reason: String

    /// Creates an error.
    public init(_ reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}

/// Checks free text before it is spoken: not empty, not too long, no control characters.
public enum FreeText {
    /// The longest text spoken at once (about 30 seconds of speech).
    public static let maximumLength = 400

    /// The text, trimmed, or an error saying what is wrong with it.
    public static func validated(_ text: String) throws(SpeakerError) -> String {
        let trimmed = String(text.drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
        guard !trimmed.isEmpty else { throw SpeakerError("the text to say is empty") }
        guard trimmed.count <= maximumLength else {
            throw SpeakerError("the text is \(trimmed.count) characters; at most \(maximumLength) are said at once")
        }
        if let bad = trimmed.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            throw SpeakerError("the text holds the control character U+\(String(bad.value, radix: 16, uppercase: true))")
        }
        return trimmed
    }
}
