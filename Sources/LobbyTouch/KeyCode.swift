/// A code of an `EV_KEY` event (only the buttons a touchscreen may use are named).
public struct KeyCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The kernel's numeric value.
    public let rawValue: UInt16

    /// Wraps a numeric key code.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `BTN_LEFT` (0x110): contact button of panels that udev classifies as mice (Elo).
    public static let buttonLeft = KeyCode(rawValue: 0x110)
    /// `BTN_RIGHT` (0x111).
    public static let buttonRight = KeyCode(rawValue: 0x111)
    /// `BTN_TOOL_PEN` (0x140): a stylus is in range.
    public static let toolPen = KeyCode(rawValue: 0x140)
    /// `BTN_TOOL_FINGER` (0x145): a finger is in range.
    public static let toolFinger = KeyCode(rawValue: 0x145)
    /// `BTN_TOUCH` (0x14a): the surface is touched.
    public static let touch = KeyCode(rawValue: 0x14a)
    /// `BTN_STYLUS` (0x14b).
    public static let stylus = KeyCode(rawValue: 0x14b)
    /// `BTN_TOOL_DOUBLETAP` (0x14d): two fingers.
    public static let toolDoubleTap = KeyCode(rawValue: 0x14d)

    /// The kernel's symbolic name, or the number in hex.
    public var description: String {
        switch self {
        case .buttonLeft: "BTN_LEFT"
        case .buttonRight: "BTN_RIGHT"
        case .toolPen: "BTN_TOOL_PEN"
        case .toolFinger: "BTN_TOOL_FINGER"
        case .touch: "BTN_TOUCH"
        case .stylus: "BTN_STYLUS"
        case .toolDoubleTap: "BTN_TOOL_DOUBLETAP"
        default: "KEY_0x" + String(rawValue, radix: 16)
        }
    }
}
