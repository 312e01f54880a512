/// One evdev event (`struct input_event`): time, type, code and value.
public struct InputEvent: Hashable, Sendable, CustomStringConvertible {
    /// When the kernel stamped the event.
    public var time: EventTime
    /// The event type.
    public var type: EventType
    /// The code, whose meaning depends on `type`.
    public var code: UInt16
    /// The value (signed: a tracking id of −1 ends a contact).
    public var value: Int32

    /// An event from its raw fields.
    public init(time: EventTime, type: EventType, code: UInt16, value: Int32) {
        self.time = time
        self.type = type
        self.code = code
        self.value = value
    }

    /// An `EV_ABS` event.
    public static func absolute(_ axis: AbsoluteAxis, _ value: Int32, at time: EventTime) -> InputEvent {
        InputEvent(time: time, type: .absolute, code: axis.rawValue, value: value)
    }

    /// An `EV_KEY` event.
    public static func key(_ key: KeyCode, _ value: Int32, at time: EventTime) -> InputEvent {
        InputEvent(time: time, type: .key, code: key.rawValue, value: value)
    }

    /// An `EV_SYN` event.
    public static func sync(_ code: SyncCode, at time: EventTime) -> InputEvent {
        InputEvent(time: time, type: .synchronization, code: code.rawValue, value: 0)
    }

    /// The axis when this is an `EV_ABS` event.
    public var absoluteAxis: AbsoluteAxis? { type == .absolute ? AbsoluteAxis(rawValue: code) : nil }
    /// The key when this is an `EV_KEY` event.
    public var keyCode: KeyCode? { type == .key ? KeyCode(rawValue: code) : nil }
    /// The sync code when this is an `EV_SYN` event.
    public var syncCode: SyncCode? { type == .synchronization ? SyncCode(rawValue: code) : nil }

    /// `time type code value` with symbolic names.
    public var description: String {
        let name: String
        if let axis = absoluteAxis { name = axis.description }
        else if let key = keyCode { name = key.description }
        else if let sync = syncCode { name = sync.description }
        else { name = "0x" + String(code, radix: 16) }
        return "\(time) \(type) \(name) \(value)"
    }
}
