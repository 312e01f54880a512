import CLibUSB
import LobbyPrinterDevice
import LobbyPrinting

/// A libusb context and a snapshot of its device list, with the descriptors each device offers
/// before it is opened. Confined to one thread; released by `close()` or deinit.
final class USBDeviceList {
    /// One listed device: its libusb pointer (referenced by the list) and what it says of itself.
    struct Entry {
        /// The libusb device.
        let device: OpaquePointer
        /// Descriptors, without strings or device ID (filled in by `describe`).
        var summary: USBDeviceSummary
        /// String descriptor indexes: iManufacturer, iProduct, iSerialNumber.
        let stringIndexes: (manufacturer: UInt8, product: UInt8, serial: UInt8)
    }

    /// The context.
    let context: OpaquePointer
    private var list: UnsafeMutablePointer<OpaquePointer?>?
    /// Every device on every bus.
    private(set) var entries: [Entry] = []

    /// Initialises libusb and reads the device list.
    init() throws(DeviceError) {
        var context: OpaquePointer?
        let status = libusb_init(&context)
        guard status == 0, let context else { throw USBPrinterError.error(status, device: "libusb", operation: "libusb_init") }
        self.context = context
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else {
            libusb_exit(context)
            throw USBPrinterError.error(Int32(count), device: "libusb", operation: "list USB devices")
        }
        for index in 0..<count {
            guard let device = list[index], let entry = Self.entry(device) else { continue }
            entries.append(entry)
        }
    }

    deinit {
        if let list { libusb_free_device_list(list, 1) }
        libusb_exit(context)
    }

    /// Opens a listed device; the caller closes the handle.
    func open(_ entry: Entry, device name: String) throws(DeviceError) -> OpaquePointer {
        var handle: OpaquePointer?
        let status = libusb_open(entry.device, &handle)
        guard status == 0, let handle else { throw USBPrinterError.error(status, device: name, operation: "open") }
        return handle
    }

    /// The summary with the strings and (for a printer-class interface) the IEEE 1284 device ID,
    /// read through an open handle.
    static func describe(_ entry: Entry, handle: OpaquePointer) -> USBDeviceSummary {
        var summary = entry.summary
        summary.manufacturer = string(handle, entry.stringIndexes.manufacturer)
        summary.product = string(handle, entry.stringIndexes.product)
        summary.serialNumber = string(handle, entry.stringIndexes.serial)
        if let printer = summary.interfaces.first(where: \.isPrinterClass) {
            summary.deviceID = deviceID(handle, interface: printer)
        }
        return summary
    }

    /// An ASCII string descriptor, nil when absent or unreadable.
    static func string(_ handle: OpaquePointer, _ index: UInt8) -> String? {
        guard index != 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = libusb_get_string_descriptor_ascii(handle, index, &buffer, Int32(buffer.count))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<Int(count)], as: UTF8.self)
    }

    /// GET_DEVICE_ID (printer class request 0, IN, class, interface): wIndex holds the interface
    /// number in its high byte and the alternate setting in its low byte.
    static func deviceID(_ handle: OpaquePointer, interface: USBDeviceSummary.Interface) -> IEEE1284DeviceID? {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let index = UInt16(interface.number) << 8 | UInt16(interface.alternateSetting)
        let count = libusb_control_transfer(handle, 0xA1, 0, 0, index, &buffer, UInt16(buffer.count), 2000)
        guard count >= 2 else { return nil }
        return IEEE1284DeviceID(getDeviceIDReply: Array(buffer[0..<Int(count)]))
    }

    private static func entry(_ device: OpaquePointer) -> Entry? {
        var descriptor = libusb_device_descriptor()
        guard libusb_get_device_descriptor(device, &descriptor) == 0 else { return nil }
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if libusb_get_active_config_descriptor(device, &config) != 0 {
            guard libusb_get_config_descriptor(device, 0, &config) == 0 else { return nil }
        }
        guard let config else { return nil }
        defer { libusb_free_config_descriptor(config) }
        var interfaces: [USBDeviceSummary.Interface] = []
        for interfaceIndex in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[interfaceIndex]
            for alternate in 0..<Int(interface.num_altsetting) {
                let setting = interface.altsetting[alternate]
                var bulkOut: UInt8?
                var bulkIn: UInt8?
                var packetSize = 64
                for endpointIndex in 0..<Int(setting.bNumEndpoints) {
                    let endpoint = setting.endpoint[endpointIndex]
                    guard endpoint.bmAttributes & 0x03 == UInt8(LIBUSB_TRANSFER_TYPE_BULK.rawValue) else { continue }
                    if endpoint.bEndpointAddress & 0x80 != 0 {
                        if bulkIn == nil { bulkIn = endpoint.bEndpointAddress }
                    } else if bulkOut == nil {
                        bulkOut = endpoint.bEndpointAddress
                        packetSize = Int(endpoint.wMaxPacketSize & 0x7FF)
                    }
                }
                interfaces.append(.init(number: setting.bInterfaceNumber, alternateSetting: setting.bAlternateSetting,
                                        interfaceClass: setting.bInterfaceClass, interfaceSubClass: setting.bInterfaceSubClass,
                                        interfaceProtocol: setting.bInterfaceProtocol, bulkOut: bulkOut, bulkIn: bulkIn,
                                        bulkOutPacketSize: max(packetSize, 8)))
            }
        }
        var ports = [UInt8](repeating: 0, count: 8)
        let portCount = libusb_get_port_numbers(device, &ports, Int32(ports.count))
        let portPath = portCount > 0
            ? "\(libusb_get_bus_number(device))-" + ports[0..<Int(portCount)].map(String.init).joined(separator: ".")
            : nil
        let summary = USBDeviceSummary(vendorID: descriptor.idVendor, productID: descriptor.idProduct, portPath: portPath, interfaces: interfaces)
        return Entry(device: device, summary: summary,
                     stringIndexes: (descriptor.iManufacturer, descriptor.iProduct, descriptor.iSerialNumber))
    }
}
