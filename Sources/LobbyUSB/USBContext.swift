import CLibUSB
import LobbyCard

/// A libusb context and everything read from its device list. Confined to the thread that created it.
final class USBContext {
    /// The libusb context pointer.
    let pointer: OpaquePointer
    private var hotplugHandle: libusb_hotplug_callback_handle = 0
    private var hotplugBox: Unmanaged<HotplugFlag>?

    /// Initialises libusb.
    init() throws(CardReaderError) {
        var context: OpaquePointer?
        let status = libusb_init(&context)
        guard status == 0, let context else { throw USBStatus.error(status, operation: "libusb_init") }
        pointer = context
    }

    deinit {
        if hotplugBox != nil {
            libusb_hotplug_deregister_callback(pointer, hotplugHandle)
            hotplugBox?.release()
        }
        libusb_exit(pointer)
    }

    /// True when libusb delivers hot-plug callbacks on this system.
    static var supportsHotplug: Bool { libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0 }

    /// Registers for arrival and departure of any device; `flag.raised` becomes true on each. False when unsupported.
    func watchHotplug(_ flag: HotplugFlag) -> Bool {
        guard Self.supportsHotplug, hotplugBox == nil else { return false }
        let box = Unmanaged.passRetained(flag)
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let status = libusb_hotplug_register_callback(
            pointer, events, 0,
            LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            { _, _, _, userData in
                if let userData { Unmanaged<HotplugFlag>.fromOpaque(userData).takeUnretainedValue().raised = true }
                return 0
            }, box.toOpaque(), &hotplugHandle)
        guard status == 0 else {
            box.release()
            return false
        }
        hotplugBox = box
        return true
    }

    /// Runs libusb's event handling (transfer and hot-plug callbacks) for up to `milliseconds`.
    func handleEvents(milliseconds: Int) {
        var limit = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        libusb_handle_events_timeout_completed(pointer, &limit, nil)
    }

    /// Every device with a CCID interface (class 0x0B, or 0xFF carrying a CCID descriptor).
    func smartCardDevices() -> [USBDeviceRecord] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(pointer, &list)
        guard count >= 0, let list else { return [] }
        defer { libusb_free_device_list(list, 1) }
        var out: [USBDeviceRecord] = []
        for index in 0..<count {
            guard let device = list[index], let record = USBDeviceRecord(device: device) else { continue }
            out.append(record)
        }
        return out.sorted { $0.identity < $1.identity }
    }
}

/// Set by the hot-plug callback, read and cleared by the monitor loop (same thread).
final class HotplugFlag {
    /// A device arrived or left since the flag was last cleared.
    var raised = false
}
