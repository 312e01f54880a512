import CEvdev
import Glibc
import LobbyTouch

/// An open evdev node read through libevdev: capabilities, optional grab, and events as
/// `InputEvent`s with `SYN_DROPPED` resynchronisation. Owned by one thread; not `Sendable`.
///
/// Opened `O_RDONLY | O_NONBLOCK | O_CLOEXEC`; event times use `CLOCK_MONOTONIC` (`EVIOCSCLOCKID`)
/// so gesture deadlines can be compared with `MonotonicClock.now()`.
public final class EvdevDevice {
    /// The node's path.
    public let path: String
    /// The device's capabilities when it was opened.
    public let description: DeviceDescription
    /// The file descriptor (for `poll(2)`).
    public let fileDescriptor: Int32
    /// The node's character device number, `(major, minor)`, for the udev database.
    public let deviceNumber: (major: UInt32, minor: UInt32)
    /// Whether event times are `CLOCK_MONOTONIC` (false: the kernel refused, times are `CLOCK_REALTIME`).
    public let usesMonotonicClock: Bool
    /// Whether this process holds the device exclusively.
    public private(set) var isGrabbed = false

    private let handle: OpaquePointer

    /// What one read step produced.
    public enum Reading: Hashable, Sendable {
        /// An ordinary event.
        case event(InputEvent)
        /// The kernel dropped events: the `SYN_DROPPED` itself, then the device's current state
        /// as libevdev's sync events (for `TouchPipeline.resynchronise`).
        case resynchronised(dropped: InputEvent, syncEvents: [InputEvent])
    }

    /// Why a read loop stopped.
    public enum ReadEnd: Hashable, Sendable {
        /// Everything available was read (`-EAGAIN`).
        case drained
        /// The device is gone (`-ENODEV`).
        case unplugged
        /// Another error.
        case failed(EvdevError)
    }

    /// Opens `path` and reads its capabilities.
    public init(path: String) throws(EvdevError) {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .openFailed(path: path, errno: Glibc.errno) }
        var created: OpaquePointer?
        let status = libevdev_new_from_fd(fd, &created)
        guard status == 0, let created else {
            close(fd)
            throw .notAnInputDevice(path: path, errno: -status)
        }
        var info = stat()
        let number = fstat(fd, &info) == 0 ? (lobby_device_major(info.st_rdev), lobby_device_minor(info.st_rdev)) : (0, 0)
        self.path = path
        self.fileDescriptor = fd
        self.handle = created
        self.deviceNumber = (number.0, number.1)
        self.usesMonotonicClock = libevdev_set_clock_id(created, CLOCK_MONOTONIC) == 0
        self.description = Self.describe(created)
    }

    deinit {
        if isGrabbed { _ = libevdev_grab(handle, LIBEVDEV_UNGRAB) }
        libevdev_free(handle)
        close(fileDescriptor)
    }

    /// Takes the device exclusively (`EVIOCGRAB`).
    public func grab() throws(EvdevError) {
        let status = libevdev_grab(handle, LIBEVDEV_GRAB)
        guard status == 0 else { throw .grabFailed(path: path, errno: -status) }
        isGrabbed = true
    }

    /// Releases the grab.
    public func ungrab() {
        guard isGrabbed else { return }
        _ = libevdev_grab(handle, LIBEVDEV_UNGRAB)
        isGrabbed = false
    }

    /// Whether another process holds the device: takes the grab for an instant and releases it.
    public func probeGrab() -> InputDeviceEntry.GrabState {
        if isGrabbed { return .grabbedHere }
        let status = libevdev_grab(handle, LIBEVDEV_GRAB)
        if status == 0 {
            _ = libevdev_grab(handle, LIBEVDEV_UNGRAB)
            return .free
        }
        return -status == EBUSY ? .grabbedElsewhere : .unknown
    }

    /// Reads every available event, calling `body` for each; after a `SYN_DROPPED` it collects
    /// the sync events (`LIBEVDEV_READ_FLAG_SYNC` until `-EAGAIN`) and reports them together.
    public func readAvailable(_ body: (Reading) -> Void) -> ReadEnd {
        var raw = input_event()
        while true {
            let status = libevdev_next_event(handle, LIBEVDEV_READ_FLAG_NORMAL.rawValue, &raw)
            switch status {
            case Int32(LIBEVDEV_READ_STATUS_SUCCESS.rawValue):
                body(.event(Self.event(raw)))
            case Int32(LIBEVDEV_READ_STATUS_SYNC.rawValue):
                let dropped = Self.event(raw)
                var syncEvents: [InputEvent] = []
                while true {
                    let syncStatus = libevdev_next_event(handle, LIBEVDEV_READ_FLAG_SYNC.rawValue, &raw)
                    if syncStatus == Int32(LIBEVDEV_READ_STATUS_SYNC.rawValue) {
                        syncEvents.append(Self.event(raw))
                    } else if syncStatus == -EAGAIN {
                        break
                    } else {
                        body(.resynchronised(dropped: dropped, syncEvents: syncEvents))
                        return Self.end(syncStatus, path: path)
                    }
                }
                body(.resynchronised(dropped: dropped, syncEvents: syncEvents))
            default:
                return Self.end(status, path: path)
            }
        }
    }

    /// The device's current touch state as events (slots, tracking ids, positions, buttons)
    /// stamped `time`: given once to `TouchPipeline.resynchronise` after opening, so a finger
    /// already on the glass never starts a contact.
    public func currentStateEvents(at time: EventTime) -> [InputEvent] {
        var events: [InputEvent] = []
        let slotCount = libevdev_get_num_slots(handle)
        if slotCount > 0 {
            for slot in 0..<slotCount {
                events.append(.absolute(.multitouchSlot, slot, at: time))
                for axis in [AbsoluteAxis.multitouchTrackingID, .multitouchPositionX, .multitouchPositionY] {
                    events.append(.absolute(axis, libevdev_get_slot_value(handle, UInt32(slot), UInt32(axis.rawValue)), at: time))
                }
            }
            events.append(.absolute(.multitouchSlot, libevdev_get_current_slot(handle), at: time))
        }
        for axis in [AbsoluteAxis.x, .y]
        where slotCount <= 0 && libevdev_has_event_code(handle, UInt32(EV_ABS), UInt32(axis.rawValue)) == 1 {
            events.append(.absolute(axis, libevdev_get_event_value(handle, UInt32(EV_ABS), UInt32(axis.rawValue)), at: time))
        }
        for key in [KeyCode.touch, .buttonLeft] where libevdev_has_event_code(handle, UInt32(EV_KEY), UInt32(key.rawValue)) == 1 {
            events.append(.key(key, libevdev_get_event_value(handle, UInt32(EV_KEY), UInt32(key.rawValue)), at: time))
        }
        events.append(.sync(.report, at: time))
        return events
    }

    private static func end(_ status: Int32, path: String) -> ReadEnd {
        switch -status {
        case EAGAIN: .drained
        case ENODEV: .unplugged
        default: .failed(.readFailed(path: path, errno: -status))
        }
    }

    private static func event(_ raw: input_event) -> InputEvent {
        InputEvent(
            time: EventTime(seconds: Int64(raw.time.tv_sec), microseconds: Int64(raw.time.tv_usec)),
            type: EventType(rawValue: raw.type), code: raw.code, value: raw.value
        )
    }

    /// The capabilities libevdev read: name, ids, properties, event bits and axis ranges.
    private static func describe(_ handle: OpaquePointer) -> DeviceDescription {
        let name = libevdev_get_name(handle).map { String(cString: $0) } ?? ""
        let identity = DeviceIdentity(
            bus: UInt16(truncatingIfNeeded: libevdev_get_id_bustype(handle)),
            vendor: UInt16(truncatingIfNeeded: libevdev_get_id_vendor(handle)),
            product: UInt16(truncatingIfNeeded: libevdev_get_id_product(handle)),
            version: UInt16(truncatingIfNeeded: libevdev_get_id_version(handle))
        )
        var properties: Set<InputProperty> = []
        for property in 0...UInt32(INPUT_PROP_MAX) where libevdev_has_property(handle, property) == 1 {
            properties.insert(InputProperty(rawValue: UInt16(property)))
        }
        var supported: [EventType: Set<UInt16>] = [:]
        var types: Set<UInt16> = []
        for type in 0...UInt32(EV_MAX) where libevdev_has_event_type(handle, type) == 1 {
            types.insert(UInt16(type))
            guard type != UInt32(EV_SYN) else { continue }
            let maximum = libevdev_event_type_get_max(type)
            guard maximum >= 0 else { continue }
            var codes: Set<UInt16> = []
            for code in 0...UInt32(maximum) where libevdev_has_event_code(handle, type, code) == 1 {
                codes.insert(UInt16(code))
            }
            if !codes.isEmpty { supported[EventType(rawValue: UInt16(type))] = codes }
        }
        // As in evemu's `B: 00` line, the codes of EV_SYN are the supported event types.
        supported[.synchronization] = types
        var axes: [AbsoluteAxis: AbsoluteAxisInfo] = [:]
        for code in supported[.absolute] ?? [] {
            guard let info = libevdev_get_abs_info(handle, UInt32(code))?.pointee else { continue }
            axes[AbsoluteAxis(rawValue: code)] = AbsoluteAxisInfo(
                minimum: info.minimum, maximum: info.maximum, fuzz: info.fuzz, flat: info.flat,
                resolution: info.resolution, value: info.value
            )
        }
        return DeviceDescription(name: name, identity: identity, properties: properties,
                                 supportedEvents: supported, absoluteAxes: axes)
    }
}
