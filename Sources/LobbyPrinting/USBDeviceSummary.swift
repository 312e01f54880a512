/// What the libusb edge read about one USB device, for the pure discovery and interface rules.
public struct USBDeviceSummary: Equatable, Sendable {
    /// One alternate setting of an interface of the active configuration.
    public struct Interface: Equatable, Sendable {
        /// `bInterfaceNumber`.
        public var number: UInt8
        /// `bAlternateSetting`.
        public var alternateSetting: UInt8
        /// `bInterfaceClass` (7 printer, 0xff vendor-specific).
        public var interfaceClass: UInt8
        /// `bInterfaceSubClass`.
        public var interfaceSubClass: UInt8
        /// `bInterfaceProtocol` (printer class: 1 unidirectional, 2 bidirectional, 3 IEEE 1284.4).
        public var interfaceProtocol: UInt8
        /// Address of the first bulk OUT endpoint, if any.
        public var bulkOut: UInt8?
        /// Address of the first bulk IN endpoint, if any (0x80 bit set).
        public var bulkIn: UInt8?
        /// wMaxPacketSize of the bulk OUT endpoint.
        public var bulkOutPacketSize: Int

        /// Creates an interface summary.
        public init(number: UInt8, alternateSetting: UInt8 = 0, interfaceClass: UInt8, interfaceSubClass: UInt8 = 0, interfaceProtocol: UInt8 = 0,
                    bulkOut: UInt8?, bulkIn: UInt8?, bulkOutPacketSize: Int = 64) {
            self.number = number
            self.alternateSetting = alternateSetting
            self.interfaceClass = interfaceClass
            self.interfaceSubClass = interfaceSubClass
            self.interfaceProtocol = interfaceProtocol
            self.bulkOut = bulkOut
            self.bulkIn = bulkIn
            self.bulkOutPacketSize = bulkOutPacketSize
        }

        /// Printer class (7).
        public var isPrinterClass: Bool { interfaceClass == 7 }
        /// Vendor-specific class (0xff).
        public var isVendorClass: Bool { interfaceClass == 0xFF }
    }

    /// `idVendor`.
    public var vendorID: UInt16
    /// `idProduct`.
    public var productID: UInt16
    /// `BUS-PORT[.PORT…]` as in sysfs, nil when unknown.
    public var portPath: String?
    /// iManufacturer string, if readable.
    public var manufacturer: String?
    /// iProduct string, if readable.
    public var product: String?
    /// iSerialNumber string, if any.
    public var serialNumber: String?
    /// Interfaces of the active configuration.
    public var interfaces: [Interface]
    /// The IEEE 1284 device ID of the chosen printer-class interface, if it answered GET_DEVICE_ID.
    public var deviceID: IEEE1284DeviceID?

    /// Creates a summary.
    public init(vendorID: UInt16, productID: UInt16, portPath: String? = nil, manufacturer: String? = nil, product: String? = nil,
                serialNumber: String? = nil, interfaces: [Interface], deviceID: IEEE1284DeviceID? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.portPath = portPath
        self.manufacturer = manufacturer
        self.product = product
        self.serialNumber = serialNumber
        self.interfaces = interfaces
        self.deviceID = deviceID
    }

    /// The interface to print on: the one the URI names (any class, if it has a bulk OUT
    /// endpoint), else the first printer-class interface with bulk OUT, else (when
    /// `allowVendorClass`) the first vendor-class interface with bulk OUT. Alternate setting 0
    /// is preferred; a printer-class alternate with bulk IN (bidirectional) beats one without.
    public func printerInterface(requested: UInt8?, allowVendorClass: Bool) -> Interface? {
        let usable = interfaces.filter { $0.bulkOut != nil }
        if let requested {
            let matching = usable.filter { $0.number == requested }
            return matching.first { $0.bulkIn != nil } ?? matching.first
        }
        let printers = usable.filter(\.isPrinterClass)
        if let bidirectional = printers.first(where: { $0.bulkIn != nil }) { return bidirectional }
        if let first = printers.first { return first }
        guard allowVendorClass else { return nil }
        let vendor = usable.filter(\.isVendorClass)
        return vendor.first { $0.bulkIn != nil } ?? vendor.first
    }

    /// True when the device matches an address (IDs, and serial number / port path when given).
    public func matches(_ address: USBPrinterAddress) -> Bool {
        guard vendorID == address.vendorID, productID == address.productID else { return false }
        if let serial = address.serialNumber, serial != serialNumber { return false }
        if let port = address.portPath, port != portPath { return false }
        return true
    }
}
