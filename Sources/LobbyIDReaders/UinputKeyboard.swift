import CEvdev
import Glibc
import LobbyEvdev
import LobbyMRZ
import LobbyTouch

/// A virtual keyboard-wedge reader created through `/dev/uinput`: the kernel gives it an
/// `event*` node like a USB reader, so the whole evdev path (discovery, grab, keycodes,
/// unplug) runs without hardware (lab tests, benchmarks). Needs write access to `/dev/uinput`.
public final class UinputKeyboard {
    /// The node the kernel created, e.g. `/dev/input/event3`.
    public let devicePath: String
    /// The identity it was created with.
    public let identity: DeviceIdentity

    private let template: OpaquePointer
    private let uinput: OpaquePointer

    /// Creates the device with the keys of `KeyStroke.allCodes`.
    public init(name: String, identity: DeviceIdentity) throws(EvdevError) {
        let created = try UinputFactory.template(name: name, identity: identity)
        libevdev_enable_event_type(created, UInt32(EV_KEY))
        for code in KeyStroke.allCodes { libevdev_enable_event_code(created, UInt32(EV_KEY), UInt32(code), nil) }
        let (device, node) = try UinputFactory.create(created, name: name)
        template = created
        uinput = device
        self.identity = identity
        devicePath = node
    }

    deinit {
        libevdev_uinput_destroy(uinput)
        libevdev_free(template)
    }

    /// Writes one key event (1 press, 0 release, 2 autorepeat) and a `SYN_REPORT`.
    public func key(_ code: UInt16, value: Int32) throws(EvdevError) {
        var status = libevdev_uinput_write_event(uinput, UInt32(EV_KEY), UInt32(code), value)
        if status == 0 { status = libevdev_uinput_write_event(uinput, UInt32(EV_SYN), UInt32(SYN_REPORT), 0) }
        guard status == 0 else { throw .uinputFailed(operation: "write key \(code) \(value)", errno: -status) }
    }

    /// Types one stroke as a reader does: Shift down, key down, key up, Shift up; `gap` between events.
    public func type(_ stroke: KeyStroke, gap: Duration = .zero) throws(EvdevError) {
        let shift = USKeyboardLayout.Keycode.leftShift
        var events: [(code: UInt16, value: Int32)] = [(stroke.code, 1), (stroke.code, 0)]
        if stroke.shifted { events = [(shift, 1)] + events + [(shift, 0)] }
        for (code, value) in events {
            try key(code, value: value)
            if gap > .zero { Self.sleep(gap) }
        }
    }

    private static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}
