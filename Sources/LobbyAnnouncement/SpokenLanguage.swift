/// A language announcements can be spoken in.
public enum SpokenLanguage: String, Sendable, Hashable, CaseIterable, Codable {
    /// Azerbaijani.
    case az
    /// Russian.
    case ru
    /// English (British usage: "one hundred and five").
    case en
}
