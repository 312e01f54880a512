import CEvdev
import Glibc
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

    private let template: OpaquePointer
    private let uinput: OpaquePointer
    private var activeSlots: Set<Int32> = []
    private var currentSlot: Int32 = 0

    /// Creates the device.
    public init(name: String, identity: DeviceIdentity, x: ClosedRange<Int32>, y: ClosedRange<Int32>,
                slots: Int32 = 10, resolution: Int32 = 0) throws(EvdevError) {
        let created = try UinputFactory.template(name: name, identity: identity)
        libevdev_enable_property(created, UInt32(INPUT_PROP_DIRECT))
        libevdev_enable_event_type(created, UInt32(EV_KEY))
        libevdev_enable_event_code(created, UInt32(EV_KEY), UInt32(BTN_TOUCH), nil)
        libevdev_enable_event_type(created, UInt32(EV_ABS))
        func axis(_ code: Int32, _ range: ClosedRange<Int32>, resolution: Int32 = 0) {
            var info = input_absinfo(value: range.lowerBound, minimum: range.lowerBound, maximum: range.upperBound,
                                     fuzz: 0, flat: 0, resolution: resolution)
            libevdev_enable_event_code(created, UInt32(EV_ABS), UInt32(code), &info)
        }
        axis(ABS_MT_SLOT, 0...(slots - 1))
        axis(ABS_MT_TRACKING_ID, -1...65535)
        axis(ABS_MT_POSITION_X, x, resolution: resolution)
        axis(ABS_MT_POSITION_Y, y, resolution: resolution)
        let (device, node) = try UinputFactory.create(created, name: name)
        self.template = created
        self.uinput = device
        self.identity = identity
        self.devicePath = node
    }

    deinit {
        libevdev_uinput_destroy(uinput)
        libevdev_free(template)
    }

    /// Writes one raw event.
    public func write(_ type: EventType, code: UInt16, value: Int32) throws(EvdevError) {
        let status = libevdev_uinput_write_event(uinput, UInt32(type.rawValue), UInt32(code), value)
        guard status == 0 else { throw .uinputFailed(operation: "write \(type) \(code) \(value)", errno: -status) }
    }

    /// Ends a frame (`SYN_REPORT`).
    public func synchronize() throws(EvdevError) {
        try write(.synchronization, code: SyncCode.report.rawValue, value: 0)
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
