/// The bus, vendor, product and version of an input device (`struct input_id`, the `I:` line).
public struct DeviceIdentity: Hashable, Sendable, CustomStringConvertible {
    /// The bus type (3 = USB, 0x18 = I2C, 0x19 = host).
    public var bus: UInt16
    /// The vendor id (USB VID).
    public var vendor: UInt16
    /// The product id (USB PID).
    public var product: UInt16
    /// The device version.
    public var version: UInt16

    /// An identity from its four fields.
    public init(bus: UInt16, vendor: UInt16, product: UInt16, version: UInt16) {
        self.bus = bus
        self.vendor = vendor
        self.product = product
        self.version = version
    }

    /// The vendor and product as a `VID:PID` pair.
    public var vendorProduct: VendorProductID { VendorProductID(vendor: vendor, product: product) }

    /// `bus vvvv:pppp version` in hex.
    public var description: String {
        "bus \(hex4(bus)) \(vendorProduct) version \(hex4(version))"
    }
}

/// A USB-style vendor and product pair, written `0eef:72a1`.
public struct VendorProductID: Hashable, Sendable, CustomStringConvertible {
    /// The vendor id.
    public var vendor: UInt16
    /// The product id.
    public var product: UInt16

    /// A pair from its two numbers.
    public init(vendor: UInt16, product: UInt16) {
        self.vendor = vendor
        self.product = product
    }

    /// Parses `vvvv:pppp` (hex, 1–4 digits each); nil when malformed.
    public init?(_ text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
              (1...4).contains(parts[0].count), (1...4).contains(parts[1].count),
              let vendor = UInt16(parts[0], radix: 16), let product = UInt16(parts[1], radix: 16)
        else { return nil }
        self.init(vendor: vendor, product: product)
    }

    /// `vvvv:pppp` in lowercase hex.
    public var description: String { "\(hex4(vendor)):\(hex4(product))" }
}

/// Four lowercase hex digits.
func hex4(_ value: UInt16) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
