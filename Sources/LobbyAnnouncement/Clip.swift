/// One recorded piece of an announcement: a word, a number word, a letter name, a phrase or the chime.
///
/// The identifier names the clip in a voice pack's manifest (`az.number.40`, `ru.letter.B`,
/// `chime`); the text is what the clip says, used to generate the default pack and to show
/// a technician what to record.
public struct Clip: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The clip's name in a voice pack, e.g. `ru.ordinal-dative.5`.
    public let id: String
    /// The language the clip is spoken in (nil for the chime).
    public let language: SpokenLanguage?
    /// What the clip says.
    public let text: String

    /// Creates a clip.
    public init(id: String, language: SpokenLanguage?, text: String) {
        self.id = id
        self.language = language
        self.text = text
    }

    /// The chime played before every announcement.
    public static let chime = Clip(id: "chime", language: nil, text: "(chime: two tones, under one second)")

    /// The clip's identifier.
    public var description: String { id }

    /// Orders clips by identifier.
    public static func < (a: Clip, b: Clip) -> Bool { a.id < b.id }
}

/// One step of a planned announcement: a clip, or silence of a planned length.
public enum Segment: Hashable, Sendable {
    /// Play this clip.
    case clip(Clip)
    /// Silence of this many milliseconds.
    case silence(milliseconds: Int)
}
