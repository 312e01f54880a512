/// The three ICAO 9303 machine-readable zone sizes.
public enum MRZFormat: String, Sendable, Hashable, CaseIterable {
    /// ID-1 size card: 3 lines of 30 characters.
    case td1 = "TD1"
    /// ID-2 size card: 2 lines of 36 characters.
    case td2 = "TD2"
    /// Passport booklet: 2 lines of 44 characters.
    case td3 = "TD3"

    /// Number of lines of the zone.
    public var lineCount: Int { self == .td1 ? 3 : 2 }

    /// Number of characters of every line.
    public var lineLength: Int {
        switch self {
        case .td1: return 30
        case .td2: return 36
        case .td3: return 44
        }
    }

    /// The field positions of this format.
    public var layout: MRZLayout { MRZLayout.of(self) }
}
