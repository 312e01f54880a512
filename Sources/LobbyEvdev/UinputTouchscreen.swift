import LobbyTouch

/// A virtual multitouch (protocol B) touchscreen created through `/dev/uinput`: the kernel
/// gives it an `event*` node like a USB panel, so the whole evdev path can be exercised
/// without hardware (lab tests, demos). Needs write access to `/dev/uinput`.
///
/// It advertises `INPUT_PROP_DIRECT`, `BTN_TOUCH`, `ABS_MT_SLOT`, `ABS_MT_TRACKING_ID` and
/// `ABS_MT_POSITION_X/Y`. Events are written as given; call `synchronize()` to end a frame.
public final class UinputTouchscreen {
    /// The node the kernel created, e.g. `/dev/input/event3`.
    public let devicePath: String
    /// The description used to create it.
    public let identity: DeviceIdentity

    private let device: UinputDevice
    private var activeSlots: Set<Int32> = []
    private var currentSlot: Int32 = 0

    /// Creates the device.
    public init(name: String, identity: DeviceIdentity, x: ClosedRange<Int32>, y: ClosedRange<Int32>,
                slots: Int32 = 10, resolution: Int32 = 0) throws(EvdevError) {
        func axis(_ range: ClosedRange<Int32>, resolution: Int32 = 0) -> AbsoluteAxisInfo {
            AbsoluteAxisInfo(minimum: range.lowerBound, maximum: range.upperBound, resolution: resolution)
        }
        let axes: [AbsoluteAxis: AbsoluteAxisInfo] = [
            .multitouchSlot: axis(0...(slots - 1)), .multitouchTrackingID: axis(-1...65535),
            .multitouchPositionX: axis(x, resolution: resolution), .multitouchPositionY: axis(y, resolution: resolution),
        ]
        device = try UinputDevice(DeviceDescription(
            name: name, identity: identity, properties: [.direct],
            supportedEvents: [.key: [KeyCode.touch.rawValue], .absolute: Set(axes.keys.map(\.rawValue))], absoluteAxes: axes))
        self.identity = identity
        self.devicePath = device.devicePath
    }

    /// Writes one raw event.
    public func write(_ type: EventType, code: UInt16, value: Int32) throws(EvdevError) {
        try device.write(type, code: code, value: value)
    }

    /// Ends a frame (`SYN_REPORT`).
    public func synchronize() throws(EvdevError) {
        try device.synchronize()
    }

    /// A finger touches down in `slot` with a tracking id (no `SYN_REPORT`).
    public func touchDown(slot: Int32, trackingID: Int32, x: Int32, y: Int32) throws(EvdevError) {
        try select(slot)
        try write(.absolute, code: AbsoluteAxis.multitouchTrackingID.rawValue, value: trackingID)
        try write(.absolute, code: AbsoluteAxis.multitouchPositionX.rawValue, value: x)
        try write(.absolute, code: AbsoluteAxis.multitouchPositionY.rawValue, value: y)
        if activeSlots.isEmpty { try write(.key, code: KeyCode.touch.rawValue, value: 1) }
        activeSlots.insert(slot)
    }

    /// The finger in `slot` moves (no `SYN_REPORT`).
    public func move(slot: Int32, x: Int32, y: Int32) throws(EvdevError) {
        try select(slot)
        try write(.absolute, code: AbsoluteAxis.multitouchPositionX.rawValue, value: x)
        try write(.absolute, code: AbsoluteAxis.multitouchPositionY.rawValue, value: y)
    }

    /// The finger in `slot` lifts (no `SYN_REPORT`).
    public func lift(slot: Int32) throws(EvdevError) {
        try select(slot)
        try write(.absolute, code: AbsoluteAxis.multitouchTrackingID.rawValue, value: -1)
        activeSlots.remove(slot)
        if activeSlots.isEmpty { try write(.key, code: KeyCode.touch.rawValue, value: 0) }
    }

    private func select(_ slot: Int32) throws(EvdevError) {
        guard slot != currentSlot else { return }
        try write(.absolute, code: AbsoluteAxis.multitouchSlot.rawValue, value: slot)
        currentSlot = slot
    }
}
