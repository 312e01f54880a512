/// A device property bit (`INPUT_PROP_*`), as in the `P:` lines.
public struct InputProperty: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The kernel's numeric value.
    public let rawValue: UInt16

    /// Wraps a numeric property.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `INPUT_PROP_POINTER`: needs a pointer (touchpads).
    public static let pointer = InputProperty(rawValue: 0)
    /// `INPUT_PROP_DIRECT`: direct input (touchscreens).
    public static let direct = InputProperty(rawValue: 1)
    /// `INPUT_PROP_BUTTONPAD`.
    public static let buttonPad = InputProperty(rawValue: 2)
    /// `INPUT_PROP_SEMI_MT`: bounding box only, not real contacts.
    public static let semiMultitouch = InputProperty(rawValue: 3)

    /// The kernel's symbolic name, or the number.
    public var description: String {
        switch self {
        case .pointer: "INPUT_PROP_POINTER"
        case .direct: "INPUT_PROP_DIRECT"
        case .buttonPad: "INPUT_PROP_BUTTONPAD"
        case .semiMultitouch: "INPUT_PROP_SEMI_MT"
        default: "INPUT_PROP_\(rawValue)"
        }
    }

    /// Orders by numeric value.
    public static func < (lhs: InputProperty, rhs: InputProperty) -> Bool { lhs.rawValue < rhs.rawValue }
}
