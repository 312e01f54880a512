/// One evdev key event (EV_KEY) from a keyboard-wedge reader.
public struct KeyEvent: Sendable, Hashable {
    /// The evdev key value.
    public enum Action: Sendable, Hashable {
        /// Value 0.
        case release
        /// Value 1.
        case press
        /// Value 2 (kernel autorepeat).
        case autorepeat
    }

    /// Linux keycode (KEY_*).
    public var code: UInt16
    /// Press, release or autorepeat.
    public var action: Action
    /// When the kernel stamped the event.
    public var time: InputInstant

    /// Creates an event.
    public init(code: UInt16, action: Action, time: InputInstant) {
        self.code = code
        self.action = action
        self.time = time
    }

    /// Creates an event from the raw evdev value; nil for values other than 0, 1, 2.
    public init?(code: UInt16, value: Int32, time: InputInstant) {
        switch value {
        case 0: self.init(code: code, action: .release, time: time)
        case 1: self.init(code: code, action: .press, time: time)
        case 2: self.init(code: code, action: .autorepeat, time: time)
        default: return nil
        }
    }
}
