import LobbyEscPos

/// Which USB printer a `lobby-escpos:usb/VVVV:PPPP…` device URI names: vendor and product ID,
/// plus the serial number (iSerialNumber) or the bus/port path (`1-1.2`, for printers without a
/// serial number) to tell identical printers apart, and the interface to claim.
public struct USBPrinterAddress: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `idVendor`.
    public var vendorID: UInt16
    /// `idProduct`.
    public var productID: UInt16
    /// Only a device with this iSerialNumber string matches.
    public var serialNumber: String?
    /// Only the device at this bus and port path matches (`BUS-PORT[.PORT…]`, as in sysfs).
    public var portPath: String?
    /// The interface to claim; nil: the first printer-class (7) interface, else the first
    /// vendor-class (0xff) interface with a bulk OUT endpoint.
    public var interfaceNumber: UInt8?

    /// Creates an address.
    public init(vendorID: UInt16, productID: UInt16, serialNumber: String? = nil, portPath: String? = nil, interfaceNumber: UInt8? = nil) {
        self.vendorID = vendorID
        self.productID = productID
        self.serialNumber = serialNumber
        self.portPath = portPath
        self.interfaceNumber = interfaceNumber
    }

    /// `vvvv:pppp` in lowercase hex.
    public var idText: String { KnownUSBPrinter.hex(vendorID) + ":" + KnownUSBPrinter.hex(productID) }

    /// The canonical device URI: `lobby-escpos:usb/vvvv:pppp[?serial=…][&port=…][&interface=N]`.
    public var uri: String {
        var options: [String] = []
        if let serialNumber { options.append("serial=" + Self.percentEncoded(serialNumber)) }
        if let portPath { options.append("port=" + portPath) }
        if let interfaceNumber { options.append("interface=\(interfaceNumber)") }
        return "\(BackendDeviceURI.scheme):usb/\(idText)" + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }

    /// `USB printer 0416:5011 (serial …, port …)`, for messages.
    public var description: String {
        var details: [String] = []
        if let serialNumber { details.append("serial \(serialNumber)") }
        if let portPath { details.append("port \(portPath)") }
        if let interfaceNumber { details.append("interface \(interfaceNumber)") }
        return "USB printer \(idText)" + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }

    /// True when `path` is `BUS-PORT[.PORT…]` with numbers (bus 1…255, ports 1…255, at most 7 levels).
    public static func isValidPortPath(_ path: String) -> Bool {
        let parts = path.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let bus = UInt8(parts[0]), bus > 0 else { return false }
        let ports = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return (1...7).contains(ports.count) && ports.allSatisfy { UInt8($0).map { $0 > 0 } ?? false }
    }

    /// Serial numbers may hold any printable ASCII; everything but letters, digits and `-._~`
    /// is written as `%XX` so the URI stays one CUPS word.
    public static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                let digits = String(byte, radix: 16, uppercase: true)
                out += "%" + (digits.count == 1 ? "0" : "") + digits
            }
        }
        return out
    }

    /// Decodes `%XX`; nil when a `%` is not followed by two hex digits or the result is not UTF-8.
    public static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == 0x25 {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
