/// An evdev event type (`EV_*`), the first number of an `E:` line.
public struct EventType: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The kernel's numeric value.
    public let rawValue: UInt16

    /// Wraps a numeric event type.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `EV_SYN`: frame markers (`SYN_REPORT`, `SYN_MT_REPORT`, `SYN_DROPPED`).
    public static let synchronization = EventType(rawValue: 0x00)
    /// `EV_KEY`: keys and buttons (`BTN_TOUCH`, `BTN_LEFT`).
    public static let key = EventType(rawValue: 0x01)
    /// `EV_REL`: relative axes.
    public static let relative = EventType(rawValue: 0x02)
    /// `EV_ABS`: absolute axes.
    public static let absolute = EventType(rawValue: 0x03)
    /// `EV_MSC`: miscellaneous (timestamps, scan codes).
    public static let miscellaneous = EventType(rawValue: 0x04)
    /// `EV_SW`: switches.
    public static let switchState = EventType(rawValue: 0x05)
    /// `EV_LED`: LEDs.
    public static let led = EventType(rawValue: 0x11)
    /// `EV_SND`: sounds.
    public static let sound = EventType(rawValue: 0x12)
    /// `EV_REP`: autorepeat.
    public static let autorepeat = EventType(rawValue: 0x14)
    /// `EV_FF`: force feedback.
    public static let forceFeedback = EventType(rawValue: 0x15)
    /// `EV_MAX`: the highest event type the kernel defines.
    public static let maximum = EventType(rawValue: 0x1f)

    /// The kernel's symbolic name, or the number in hex.
    public var description: String {
        switch self {
        case .synchronization: "EV_SYN"
        case .key: "EV_KEY"
        case .relative: "EV_REL"
        case .absolute: "EV_ABS"
        case .miscellaneous: "EV_MSC"
        case .switchState: "EV_SW"
        case .led: "EV_LED"
        case .sound: "EV_SND"
        case .autorepeat: "EV_REP"
        case .forceFeedback: "EV_FF"
        default: "EV_0x" + String(rawValue, radix: 16)
        }
    }

    /// Orders by numeric value.
    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.rawValue < rhs.rawValue }
}
