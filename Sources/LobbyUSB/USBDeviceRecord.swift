import CLibUSB
import LobbyCard

/// A device from the list with its CCID interfaces, holding a libusb reference until released.
final class USBDeviceRecord {
    /// The referenced libusb device.
    let device: OpaquePointer
    /// Ids and location (names are filled in when the device is opened).
    var identity: USBDeviceIdentity
    /// String descriptor indexes: iManufacturer, iProduct.
    let stringIndexes: (manufacturer: UInt8, product: UInt8)
    /// Interfaces of the active (or first) configuration whose class is 0x0B or 0xFF.
    let candidateInterfaces: [USBInterfaceInfo]

    /// Reads the descriptors; nil when the device has no smart-card or vendor-class interface.
    init?(device: OpaquePointer) {
        var descriptor = libusb_device_descriptor()
        guard libusb_get_device_descriptor(device, &descriptor) == 0 else { return nil }
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if libusb_get_active_config_descriptor(device, &config) != 0 {
            guard libusb_get_config_descriptor(device, 0, &config) == 0 else { return nil }
        }
        guard let config else { return nil }
        defer { libusb_free_config_descriptor(config) }
        var interfaces: [USBInterfaceInfo] = []
        for interfaceIndex in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[interfaceIndex]
            for alternate in 0..<Int(interface.num_altsetting) {
                let setting = interface.altsetting[alternate]
                guard setting.bInterfaceClass == USBInterfaceInfo.smartCardClass
                        || setting.bInterfaceClass == USBInterfaceInfo.vendorSpecificClass else { continue }
                var endpoints: [USBEndpointInfo] = []
                for endpointIndex in 0..<Int(setting.bNumEndpoints) {
                    let endpoint = setting.endpoint[endpointIndex]
                    endpoints.append(USBEndpointInfo(address: endpoint.bEndpointAddress, attributes: endpoint.bmAttributes,
                                                     maximumPacketSize: Int(endpoint.wMaxPacketSize),
                                                     extra: Self.bytes(endpoint.extra, Int(endpoint.extra_length))))
                }
                interfaces.append(USBInterfaceInfo(number: setting.bInterfaceNumber, alternateSetting: setting.bAlternateSetting,
                                                   interfaceClass: setting.bInterfaceClass, interfaceSubClass: setting.bInterfaceSubClass,
                                                   interfaceProtocol: setting.bInterfaceProtocol, endpoints: endpoints,
                                                   extra: Self.bytes(setting.extra, Int(setting.extra_length))))
            }
        }
        // Vendor-class interfaces count only when they carry a CCID descriptor.
        interfaces = interfaces.filter { $0.interfaceClass == USBInterfaceInfo.smartCardClass || (try? CCIDInterfaceLayout(interface: $0)) != nil }
        guard !interfaces.isEmpty else { return nil }
        var ports = [UInt8](repeating: 0, count: 8)
        let portCount = libusb_get_port_numbers(device, &ports, Int32(ports.count))
        identity = USBDeviceIdentity(vendorID: descriptor.idVendor, productID: descriptor.idProduct,
                                     bus: libusb_get_bus_number(device), address: libusb_get_device_address(device),
                                     portPath: portCount > 0 ? Array(ports[0..<Int(portCount)]) : [])
        stringIndexes = (descriptor.iManufacturer, descriptor.iProduct)
        candidateInterfaces = interfaces
        self.device = libusb_ref_device(device)
    }

    deinit { libusb_unref_device(device) }

    /// The first interface that decodes as a CCID reader, or the error of the first candidate.
    func layout() -> Result<CCIDInterfaceLayout, CCIDInterfaceError> {
        var firstError: CCIDInterfaceError?
        for interface in candidateInterfaces {
            do {
                return .success(try CCIDInterfaceLayout(interface: interface))
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        return .failure(firstError ?? .missingClassDescriptor)
    }

    private static func bytes(_ pointer: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }
}
