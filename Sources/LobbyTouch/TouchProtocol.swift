/// How a touchscreen reports its contacts; decides how the tracker reads frames.
public enum TouchProtocol: Hashable, Sendable, CustomStringConvertible {
    /// Multitouch protocol B: `ABS_MT_SLOT` selects a slot, `ABS_MT_TRACKING_ID` starts/ends contacts.
    case multitouchSlots(slotCount: Int)
    /// Multitouch protocol A: anonymous contacts, each ended by `SYN_MT_REPORT`.
    case multitouchAnonymous
    /// Single-touch absolute `ABS_X`/`ABS_Y` with a contact button (`BTN_TOUCH` or `BTN_LEFT`).
    case singleTouch(contactButton: KeyCode)

    /// A short name: `multitouch-b`, `multitouch-a`, `single-touch`.
    public var name: String {
        switch self {
        case .multitouchSlots: "multitouch-b"
        case .multitouchAnonymous: "multitouch-a"
        case .singleTouch: "single-touch"
        }
    }

    /// The name with its parameter.
    public var description: String {
        switch self {
        case .multitouchSlots(let count): "multitouch-b (\(count) slots)"
        case .multitouchAnonymous: "multitouch-a"
        case .singleTouch(let button): "single-touch (\(button))"
        }
    }

    /// The axes that carry the contact position under this protocol.
    public var positionAxes: (x: AbsoluteAxis, y: AbsoluteAxis) {
        switch self {
        case .multitouchSlots, .multitouchAnonymous: (.multitouchPositionX, .multitouchPositionY)
        case .singleTouch: (.x, .y)
        }
    }
}
