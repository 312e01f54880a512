/// A code of an `EV_SYN` event.
public struct SyncCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The kernel's numeric value.
    public let rawValue: UInt16

    /// Wraps a numeric sync code.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `SYN_REPORT`: the end of a frame; the device state is consistent here.
    public static let report = SyncCode(rawValue: 0)
    /// `SYN_CONFIG`: unused by touchscreens.
    public static let config = SyncCode(rawValue: 1)
    /// `SYN_MT_REPORT`: the end of one contact in multitouch protocol A.
    public static let multitouchReport = SyncCode(rawValue: 2)
    /// `SYN_DROPPED`: the kernel buffer overflowed and events were lost.
    public static let dropped = SyncCode(rawValue: 3)

    /// The kernel's symbolic name, or the number.
    public var description: String {
        switch self {
        case .report: "SYN_REPORT"
        case .config: "SYN_CONFIG"
        case .multitouchReport: "SYN_MT_REPORT"
        case .dropped: "SYN_DROPPED"
        default: "SYN_\(rawValue)"
        }
    }
}
