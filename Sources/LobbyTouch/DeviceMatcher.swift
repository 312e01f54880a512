/// One condition of a match line: a `VID:PID`, a vendor with any product, or the kernel name.
///
///     0eef:0001                                        vendor and product (hex)
///     0eef:*                                           any product of the vendor
///     name:"eGalax Inc. USB TouchController*"         the device name; `*` matches any run of characters
public enum DeviceMatcher: Hashable, Sendable, CustomStringConvertible {
    /// The vendor and product.
    case vendorProduct(VendorProductID)
    /// The vendor, any product.
    case vendor(UInt16)
    /// The kernel's device name, `*` as a wildcard (case-sensitive, as the kernel reports it).
    case name(String)

    /// Parses `vvvv:pppp`, `vvvv:*` or `name:TEXT` (quotes already removed from TEXT); nil otherwise.
    public init?(_ text: String) {
        if text.hasPrefix("name:") {
            let pattern = String(text.dropFirst("name:".count))
            guard !pattern.isEmpty else { return nil }
            self = .name(pattern)
        } else if text.hasSuffix(":*") {
            let digits = text.dropLast(2)
            guard (1...4).contains(digits.count), digits.allSatisfy(\.isASCIIHexDigit), let vendor = UInt16(digits, radix: 16) else { return nil }
            self = .vendor(vendor)
        } else if text.allSatisfy({ $0 == ":" || $0.isASCIIHexDigit }), let id = VendorProductID(Substring(text)) {
            self = .vendorProduct(id)
        } else {
            return nil
        }
    }

    /// Whether `device` meets the condition.
    public func matches(_ device: DeviceDescription) -> Bool {
        switch self {
        case .vendorProduct(let id): device.identity.vendorProduct == id
        case .vendor(let vendor): device.identity.vendor == vendor
        case .name(let pattern): Self.wildcardMatch(pattern: Array(pattern), text: Array(device.name))
        }
    }

    /// Whether a device known only by its vendor and product meets the condition (nil: it
    /// depends on the name, which is not known).
    public func matches(_ id: VendorProductID) -> Bool? {
        switch self {
        case .vendorProduct(let expected): id == expected
        case .vendor(let vendor): id.vendor == vendor
        case .name: nil
        }
    }

    /// The text form: `0eef:0001`, `0eef:*`, `name:"…"`.
    public var description: String {
        switch self {
        case .vendorProduct(let id): id.description
        case .vendor(let vendor): hex4(vendor) + ":*"
        case .name(let pattern): "name:\"\(pattern)\""
        }
    }

    /// `*` matches any run of characters (also none); everything else matches itself.
    static func wildcardMatch(pattern: [Character], text: [Character]) -> Bool {
        var p = 0, t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
