/// A USB ESC/POS printer model known by its vendor and product IDs (one entry of
/// `Profiles/usb/*.json`): the backend lists such a device even when its interface is
/// vendor-specific (class 0xff) rather than printer class 7.
public struct KnownUSBPrinter: Equatable, Sendable {
    /// `idVendor`.
    public var vendorID: UInt16
    /// `idProduct`.
    public var productID: UInt16
    /// Manufacturer shown to the administrator.
    public var make: String
    /// Model shown to the administrator.
    public var model: String
    /// Name of the printer profile that fits, if any (e.g. `generic-58mm`).
    public var profile: String?

    /// Creates an entry.
    public init(vendorID: UInt16, productID: UInt16, make: String, model: String, profile: String? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.make = make
        self.model = model
        self.profile = profile
    }

    /// `vvvv:pppp` in lowercase hex, as lsusb prints it.
    public var idText: String { Self.hex(vendorID) + ":" + Self.hex(productID) }

    /// Four lowercase hex digits.
    public static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
