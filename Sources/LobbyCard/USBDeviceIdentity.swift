/// Where a USB device sits and what it calls itself; no serial number is kept (it can identify a person's token).
public struct USBDeviceIdentity: Sendable, Hashable, Comparable {
    /// idVendor.
    public var vendorID: UInt16
    /// idProduct.
    public var productID: UInt16
    /// Bus number.
    public var bus: UInt8
    /// Device address on the bus (changes on every plug).
    public var address: UInt8
    /// Port numbers from the root hub (stable while the cabling stays), e.g. [1, 3].
    public var portPath: [UInt8]
    /// iManufacturer string, when readable.
    public var manufacturer: String?
    /// iProduct string, when readable.
    public var product: String?

    /// Creates an identity.
    public init(vendorID: UInt16, productID: UInt16, bus: UInt8, address: UInt8, portPath: [UInt8],
                manufacturer: String? = nil, product: String? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.bus = bus
        self.address = address
        self.portPath = portPath
        self.manufacturer = manufacturer
        self.product = product
    }

    /// `08e6:4433`.
    public var vendorProduct: String { HexText.word(vendorID) + ":" + HexText.word(productID) }

    /// `usb:1-3.2` — bus and port path, stable across replugs into the same port.
    public var location: String {
        "usb:\(bus)-" + (portPath.isEmpty ? "0" : portPath.map(String.init).joined(separator: "."))
    }

    /// `QEMU QEMU USB CCID`, or the vendor:product when the strings are unreadable.
    public var displayName: String {
        let words = [manufacturer, product].compactMap { $0?.trimmingCharacters() }.filter { !$0.isEmpty }
        return words.isEmpty ? vendorProduct : words.joined(separator: " ")
    }

    /// Orders by bus, then port path, then address.
    public static func < (lhs: USBDeviceIdentity, rhs: USBDeviceIdentity) -> Bool {
        if lhs.bus != rhs.bus { return lhs.bus < rhs.bus }
        if lhs.portPath != rhs.portPath { return lhs.portPath.lexicographicallyPrecedes(rhs.portPath) }
        return lhs.address < rhs.address
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (no Foundation).
    func trimmingCharacters() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\0" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
