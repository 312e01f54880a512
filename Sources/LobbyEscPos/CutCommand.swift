/// How a printer cuts the paper at the end of a ticket (`GS V`), one variant per profile.
public enum CutCommand: Equatable, Hashable, Sendable {
    /// `1D 56 41 n`: feed to the cutting position plus `n` motion units, then full cut.
    case feedThenFullCut(feedUnits: UInt8)
    /// `1D 56 42 n`: feed to the cutting position plus `n` motion units, then partial cut.
    case feedThenPartialCut(feedUnits: UInt8)
    /// `1D 56 00`: full cut where the paper is now.
    case fullCut
    /// `1D 56 01`: partial cut where the paper is now.
    case partialCut
    /// The printer has no cutter: nothing is sent.
    case none

    /// The bytes of the command (empty for `.none`).
    public var bytes: [UInt8] {
        switch self {
        case let .feedThenFullCut(units): [0x1D, 0x56, 0x41, units]
        case let .feedThenPartialCut(units): [0x1D, 0x56, 0x42, units]
        case .fullCut: [0x1D, 0x56, 0x00]
        case .partialCut: [0x1D, 0x56, 0x01]
        case .none: []
        }
    }

    /// The name used in printer profile files.
    public var profileName: String {
        switch self {
        case .feedThenFullCut: "feedThenFullCut"
        case .feedThenPartialCut: "feedThenPartialCut"
        case .fullCut: "fullCut"
        case .partialCut: "partialCut"
        case .none: "none"
        }
    }

    /// Every name accepted in printer profile files.
    public static let profileNames = ["feedThenFullCut", "feedThenPartialCut", "fullCut", "partialCut", "none"]
}
