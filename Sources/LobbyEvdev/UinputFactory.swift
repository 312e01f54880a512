import CEvdev
import Glibc
import LobbyTouch

/// Creating virtual input devices through `/dev/uinput` (the touchscreen here, the MRZ reader's
/// keyboard in LobbyIDReaders): a named libevdev template, then the kernel's device and node.
public enum UinputFactory {
    /// A libevdev template named `name` with `identity`'s bus, vendor, product and version; the
    /// caller enables its events, then passes it to `create`.
    public static func template(name: String, identity: DeviceIdentity) throws(EvdevError) -> OpaquePointer {
        guard let created = libevdev_new() else { throw .uinputFailed(operation: "libevdev_new", errno: ENOMEM) }
        libevdev_set_name(created, name)
        libevdev_set_id_bustype(created, Int32(identity.bus))
        libevdev_set_id_vendor(created, Int32(identity.vendor))
        libevdev_set_id_product(created, Int32(identity.product))
        libevdev_set_id_version(created, Int32(identity.version))
        return created
    }

    /// Creates the device described by `template` (freed when creation fails): the uinput handle
    /// and the node the kernel made, e.g. `/dev/input/event3`.
    public static func create(_ template: OpaquePointer, name: String) throws(EvdevError) -> (uinput: OpaquePointer, devicePath: String) {
        var device: OpaquePointer?
        let status = libevdev_uinput_create_from_device(template, LIBEVDEV_UINPUT_OPEN_MANAGED.rawValue, &device)
        guard status == 0, let device else {
            libevdev_free(template)
            throw .uinputFailed(operation: "create \"\(name)\"", errno: -status)
        }
        guard let node = libevdev_uinput_get_devnode(device) else {
            libevdev_uinput_destroy(device)
            libevdev_free(template)
            throw .uinputFailed(operation: "find the event node of \"\(name)\"", errno: ENODEV)
        }
        return (device, String(cString: node))
    }
}
