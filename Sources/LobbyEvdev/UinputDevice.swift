import CEvdev
import Glibc
import LobbyTouch

/// Any input device a `DeviceDescription` describes, created through `/dev/uinput` (lab tests:
/// panels that report a pen tool, graphics tablets, the silent sibling nodes of a controller).
/// Properties, every advertised event code and the absolute axis ranges are copied; events
/// are written as given.
public final class UinputDevice {
    /// The node the kernel created, e.g. `/dev/input/event3`.
    public let devicePath: String
    /// The description it was created from.
    public let deviceDescription: DeviceDescription

    private let template: OpaquePointer
    private let uinput: OpaquePointer

    /// Creates the device.
    public init(_ description: DeviceDescription) throws(EvdevError) {
        let created = try UinputFactory.template(name: description.name, identity: description.identity)
        for property in description.properties {
            libevdev_enable_property(created, UInt32(property.rawValue))
        }
        for (type, codes) in description.supportedEvents where type != .synchronization {
            libevdev_enable_event_type(created, UInt32(type.rawValue))
            for code in codes.sorted() {
                if type == .absolute {
                    let axis = description.axis(AbsoluteAxis(rawValue: code)) ?? AbsoluteAxisInfo(minimum: 0, maximum: 0)
                    var info = input_absinfo(value: axis.minimum, minimum: axis.minimum, maximum: axis.maximum,
                                             fuzz: axis.fuzz, flat: axis.flat, resolution: axis.resolution)
                    libevdev_enable_event_code(created, UInt32(type.rawValue), UInt32(code), &info)
                } else {
                    libevdev_enable_event_code(created, UInt32(type.rawValue), UInt32(code), nil)
                }
            }
        }
        let (device, node) = try UinputFactory.create(created, name: description.name)
        self.template = created
        self.uinput = device
        self.deviceDescription = description
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
}
