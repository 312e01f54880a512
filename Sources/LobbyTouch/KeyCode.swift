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
    /// `BTN_0` (0x100): the first button of a tablet's pad.
    public static let button0 = KeyCode(rawValue: 0x100)
    /// `BTN_TOOL_PEN` (0x140): a stylus is in range.
    public static let toolPen = KeyCode(rawValue: 0x140)
    /// `BTN_TOOL_RUBBER` (0x141): a pen's eraser end.
    public static let toolRubber = KeyCode(rawValue: 0x141)
    /// `BTN_TOOL_BRUSH` (0x142).
    public static let toolBrush = KeyCode(rawValue: 0x142)
    /// `BTN_TOOL_PENCIL` (0x143).
    public static let toolPencil = KeyCode(rawValue: 0x143)
    /// `BTN_TOOL_AIRBRUSH` (0x144).
    public static let toolAirbrush = KeyCode(rawValue: 0x144)
    /// `BTN_TOOL_FINGER` (0x145): a finger is in range.
    public static let toolFinger = KeyCode(rawValue: 0x145)
    /// `BTN_TOOL_MOUSE` (0x146): a tablet's puck.
    public static let toolMouse = KeyCode(rawValue: 0x146)
    /// `BTN_TOOL_LENS` (0x147): a tablet's lens cursor.
    public static let toolLens = KeyCode(rawValue: 0x147)
    /// `BTN_STYLUS3` (0x149).
    public static let stylus3 = KeyCode(rawValue: 0x149)
    /// `BTN_TOUCH` (0x14a): the surface is touched.
    public static let touch = KeyCode(rawValue: 0x14a)
    /// `BTN_STYLUS` (0x14b): a pen's first side button.
    public static let stylus = KeyCode(rawValue: 0x14b)
    /// `BTN_STYLUS2` (0x14c): a pen's second side button.
    public static let stylus2 = KeyCode(rawValue: 0x14c)
    /// `BTN_TOOL_DOUBLETAP` (0x14d): two fingers.
    public static let toolDoubleTap = KeyCode(rawValue: 0x14d)

    /// The kernel's symbolic name, or the number in hex.
    public var description: String {
        switch self {
        case .buttonLeft: "BTN_LEFT"
        case .buttonRight: "BTN_RIGHT"
        case .button0: "BTN_0"
        case .toolPen: "BTN_TOOL_PEN"
        case .toolRubber: "BTN_TOOL_RUBBER"
        case .toolBrush: "BTN_TOOL_BRUSH"
        case .toolPencil: "BTN_TOOL_PENCIL"
        case .toolAirbrush: "BTN_TOOL_AIRBRUSH"
        case .toolFinger: "BTN_TOOL_FINGER"
        case .toolMouse: "BTN_TOOL_MOUSE"
        case .toolLens: "BTN_TOOL_LENS"
        case .stylus3: "BTN_STYLUS3"
        case .touch: "BTN_TOUCH"
        case .stylus: "BTN_STYLUS"
        case .stylus2: "BTN_STYLUS2"
        case .toolDoubleTap: "BTN_TOOL_DOUBLETAP"
        default: "KEY_0x" + String(rawValue, radix: 16)
        }
    }
}
