/// What the emulated USB printer says about itself: IDs, strings, interface class and the
/// IEEE 1284 device ID, and the descriptors that follow (full speed, one configuration, one
/// interface with bulk OUT 0x01 and bulk IN 0x82 of 64 bytes).
public struct EmulatedPrinterIdentity: Equatable, Sendable {
    /// Printer class 7 (subclass 1, protocol 2 bidirectional) or vendor-specific 0xff.
    public enum InterfaceKind: String, Equatable, Sendable {
        /// bInterfaceClass 7: usblp binds it; answers GET_DEVICE_ID.
        case printerClass = "printer"
        /// bInterfaceClass 0xff: no kernel driver; no GET_DEVICE_ID.
        case vendorClass = "vendor"
    }

    /// Bulk OUT endpoint address.
    public static let bulkOutEndpoint: UInt8 = 0x01
    /// Bulk IN endpoint address.
    public static let bulkInEndpoint: UInt8 = 0x82
    /// Packet size of both bulk endpoints and endpoint 0 (full speed).
    public static let packetSize: UInt16 = 64

    /// Interface class.
    public var kind: InterfaceKind
    /// `idVendor`.
    public var vendorID: UInt16
    /// `idProduct`.
    public var productID: UInt16
    /// iManufacturer text.
    public var manufacturer: String
    /// iProduct text.
    public var product: String
    /// iSerialNumber text; nil: no serial number (index 0).
    public var serialNumber: String?
    /// The IEEE 1284 device ID text (printer class only).
    public var deviceID: String

    /// Creates an identity.
    public init(kind: InterfaceKind, vendorID: UInt16, productID: UInt16, manufacturer: String, product: String,
                serialNumber: String?, deviceID: String) {
        self.kind = kind
        self.vendorID = vendorID
        self.productID = productID
        self.manufacturer = manufacturer
        self.product = product
        self.serialNumber = serialNumber
        self.deviceID = deviceID
    }

    /// `bInterfaceClass`, `bInterfaceSubClass`, `bInterfaceProtocol`.
    public var interfaceClassTriple: (UInt8, UInt8, UInt8) { kind == .printerClass ? (7, 1, 2) : (0xFF, 0, 0) }

    /// The 18-byte device descriptor.
    public var deviceDescriptor: [UInt8] {
        var out = ByteWriter()
        out.u8(18); out.u8(1); out.u16(0x0200)
        out.u8(0); out.u8(0); out.u8(0); out.u8(UInt8(Self.packetSize))
        out.u16(vendorID); out.u16(productID); out.u16(0x0100)
        out.u8(1); out.u8(2); out.u8(serialNumber == nil ? 0 : 3); out.u8(1)
        return out.bytes
    }

    /// The configuration descriptor with its interface and endpoint descriptors (32 bytes).
    public var configurationDescriptor: [UInt8] {
        let (interfaceClass, subclass, interfaceProtocol) = interfaceClassTriple
        var out = ByteWriter()
        out.u8(9); out.u8(2); out.u16(32); out.u8(1); out.u8(1); out.u8(0); out.u8(0xC0); out.u8(50)
        out.u8(9); out.u8(4); out.u8(0); out.u8(0); out.u8(2); out.u8(interfaceClass); out.u8(subclass); out.u8(interfaceProtocol); out.u8(0)
        out.u8(7); out.u8(5); out.u8(Self.bulkOutEndpoint); out.u8(2); out.u16(Self.packetSize); out.u8(0)
        out.u8(7); out.u8(5); out.u8(Self.bulkInEndpoint); out.u8(2); out.u16(Self.packetSize); out.u8(0)
        return out.bytes
    }

    /// String descriptor `index` (0: the language list, US English), nil when there is none.
    public func stringDescriptor(_ index: UInt8) -> [UInt8]? {
        let text: String
        switch index {
        case 0: return [4, 3, 0x09, 0x04]
        case 1: text = manufacturer
        case 2: text = product
        case 3:
            guard let serialNumber else { return nil }
            text = serialNumber
        default: return nil
        }
        var out = ByteWriter()
        let units = Array(text.utf16.prefix(126))
        out.u8(UInt8(2 + units.count * 2)); out.u8(3)
        for unit in units { out.u16(unit) }
        return out.bytes
    }

    /// The answer to GET_DEVICE_ID: a 2-byte big-endian length that counts itself, then the text.
    public var deviceIDReply: [UInt8] {
        let text = Array(deviceID.utf8.prefix(1000))
        let length = text.count + 2
        return [UInt8(length >> 8), UInt8(length & 0xFF)] + text
    }
}
