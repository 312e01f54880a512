/// A code of an `EV_ABS` event: an absolute axis.
public struct AbsoluteAxis: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The kernel's numeric value.
    public let rawValue: UInt16

    /// Wraps a numeric axis code.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `ABS_X` (0x00): single-touch x.
    public static let x = AbsoluteAxis(rawValue: 0x00)
    /// `ABS_Y` (0x01): single-touch y.
    public static let y = AbsoluteAxis(rawValue: 0x01)
    /// `ABS_WHEEL` (0x08): an airbrush's finger wheel on graphics tablets.
    public static let wheel = AbsoluteAxis(rawValue: 0x08)
    /// `ABS_PRESSURE` (0x18).
    public static let pressure = AbsoluteAxis(rawValue: 0x18)
    /// `ABS_DISTANCE` (0x19): a pen's hover height.
    public static let distance = AbsoluteAxis(rawValue: 0x19)
    /// `ABS_TILT_X` (0x1a).
    public static let tiltX = AbsoluteAxis(rawValue: 0x1a)
    /// `ABS_TILT_Y` (0x1b).
    public static let tiltY = AbsoluteAxis(rawValue: 0x1b)
    /// `ABS_MT_SLOT` (0x2f): selects the slot later `ABS_MT_*` events refer to (protocol B).
    public static let multitouchSlot = AbsoluteAxis(rawValue: 0x2f)
    /// `ABS_MT_TOUCH_MAJOR` (0x30).
    public static let multitouchTouchMajor = AbsoluteAxis(rawValue: 0x30)
    /// `ABS_MT_TOUCH_MINOR` (0x31).
    public static let multitouchTouchMinor = AbsoluteAxis(rawValue: 0x31)
    /// `ABS_MT_POSITION_X` (0x35).
    public static let multitouchPositionX = AbsoluteAxis(rawValue: 0x35)
    /// `ABS_MT_POSITION_Y` (0x36).
    public static let multitouchPositionY = AbsoluteAxis(rawValue: 0x36)
    /// `ABS_MT_TOOL_TYPE` (0x37).
    public static let multitouchToolType = AbsoluteAxis(rawValue: 0x37)
    /// `ABS_MT_TRACKING_ID` (0x39): n ≥ 0 starts a contact in the current slot, −1 ends it.
    public static let multitouchTrackingID = AbsoluteAxis(rawValue: 0x39)
    /// `ABS_MT_PRESSURE` (0x3a).
    public static let multitouchPressure = AbsoluteAxis(rawValue: 0x3a)
    /// `ABS_MAX`: the highest axis code the kernel defines.
    public static let maximum = AbsoluteAxis(rawValue: 0x3f)

    /// The kernel's symbolic name, or the number in hex.
    public var description: String {
        switch self {
        case .x: "ABS_X"
        case .y: "ABS_Y"
        case .wheel: "ABS_WHEEL"
        case .pressure: "ABS_PRESSURE"
        case .distance: "ABS_DISTANCE"
        case .tiltX: "ABS_TILT_X"
        case .tiltY: "ABS_TILT_Y"
        case .multitouchSlot: "ABS_MT_SLOT"
        case .multitouchTouchMajor: "ABS_MT_TOUCH_MAJOR"
        case .multitouchTouchMinor: "ABS_MT_TOUCH_MINOR"
        case .multitouchPositionX: "ABS_MT_POSITION_X"
        case .multitouchPositionY: "ABS_MT_POSITION_Y"
        case .multitouchToolType: "ABS_MT_TOOL_TYPE"
        case .multitouchTrackingID: "ABS_MT_TRACKING_ID"
        case .multitouchPressure: "ABS_MT_PRESSURE"
        default: "ABS_0x" + String(rawValue, radix: 16)
        }
    }

    /// Orders by numeric value.
    public static func < (lhs: AbsoluteAxis, rhs: AbsoluteAxis) -> Bool { lhs.rawValue < rhs.rawValue }
}
