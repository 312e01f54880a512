/// One endpoint of a USB interface, as its descriptor says.
public struct USBEndpointInfo: Sendable, Hashable {
    /// bEndpointAddress (bit 7 set: IN).
    public var address: UInt8
    /// bmAttributes (bits 1:0: 0 control, 1 isochronous, 2 bulk, 3 interrupt).
    public var attributes: UInt8
    /// wMaxPacketSize.
    public var maximumPacketSize: Int
    /// Class-specific bytes that follow the endpoint descriptor.
    public var extra: [UInt8]

    /// Creates an endpoint description.
    public init(address: UInt8, attributes: UInt8, maximumPacketSize: Int, extra: [UInt8] = []) {
        self.address = address
        self.attributes = attributes
        self.maximumPacketSize = maximumPacketSize
        self.extra = extra
    }

    /// True for an IN (device to host) endpoint.
    public var isInput: Bool { address & 0x80 != 0 }
    /// True for a bulk endpoint.
    public var isBulk: Bool { attributes & 0x03 == 2 }
    /// True for an interrupt endpoint.
    public var isInterrupt: Bool { attributes & 0x03 == 3 }
}

/// One alternate setting of a USB interface: class codes, endpoints and the class-specific bytes after it.
public struct USBInterfaceInfo: Sendable, Hashable {
    /// bInterfaceNumber.
    public var number: UInt8
    /// bAlternateSetting.
    public var alternateSetting: UInt8
    /// bInterfaceClass (0x0B: smart card; 0xFF: vendor specific).
    public var interfaceClass: UInt8
    /// bInterfaceSubClass.
    public var interfaceSubClass: UInt8
    /// bInterfaceProtocol.
    public var interfaceProtocol: UInt8
    /// The endpoints, in descriptor order.
    public var endpoints: [USBEndpointInfo]
    /// Class-specific descriptors that follow the interface descriptor (libusb's `extra`).
    public var extra: [UInt8]

    /// Creates an interface description.
    public init(number: UInt8, alternateSetting: UInt8 = 0, interfaceClass: UInt8, interfaceSubClass: UInt8 = 0,
                interfaceProtocol: UInt8 = 0, endpoints: [USBEndpointInfo], extra: [UInt8]) {
        self.number = number
        self.alternateSetting = alternateSetting
        self.interfaceClass = interfaceClass
        self.interfaceSubClass = interfaceSubClass
        self.interfaceProtocol = interfaceProtocol
        self.endpoints = endpoints
        self.extra = extra
    }

    /// The USB class code of smart-card readers (CCID).
    public static let smartCardClass: UInt8 = 0x0B
    /// The vendor-specific class code some early CCID readers use.
    public static let vendorSpecificClass: UInt8 = 0xFF
}
