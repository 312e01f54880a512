import LobbyEscPos

/// One printer the backend lists when CUPS runs it without arguments (`lpinfo -v`).
public struct DiscoveredUSBPrinter: Equatable, Sendable {
    /// The device URI that reaches it.
    public var address: USBPrinterAddress
    /// `make-and-model` (at most 127 characters, no double quotes).
    public var makeAndModel: String
    /// `info`: what the administrator sees in the device list.
    public var info: String
    /// IEEE 1284 device ID (the printer's own, or one made from the known-printer entry).
    public var deviceID: String

    /// `direct URI "make model" "info" "device-id"`, the CUPS backend discovery line.
    public var cupsLine: String {
        "direct \(address.uri) \"\(makeAndModel)\" \"\(info)\" \"\(deviceID)\""
    }
}

/// The pure rules of USB discovery: which devices are ESC/POS printers, and how to name them.
///
/// Listed: every device with a printer-class (7) interface that has a bulk OUT endpoint, and
/// every device whose VID:PID is in the known-printer data files and that has a vendor-class
/// (0xff) interface with bulk OUT. The URI carries the serial number when the device has one,
/// otherwise the port path when another listed device has the same VID:PID.
public enum USBPrinterDiscovery {
    /// The discovery entries, in input order.
    public static func printers(in devices: [USBDeviceSummary], known: KnownUSBPrinterCatalog) -> [DiscoveredUSBPrinter] {
        let candidates = devices.compactMap { device -> (USBDeviceSummary, USBDeviceSummary.Interface, KnownUSBPrinter?)? in
            let entry = known.printer(vendorID: device.vendorID, productID: device.productID)
            guard let interface = device.printerInterface(requested: nil, allowVendorClass: entry != nil) else { return nil }
            return (device, interface, entry)
        }
        return candidates.map { device, interface, entry in
            var address = USBPrinterAddress(vendorID: device.vendorID, productID: device.productID)
            let serial = device.serialNumber.map(clean).flatMap { $0.isEmpty ? nil : $0 }
            if let serial {
                address.serialNumber = serial
            } else if candidates.filter({ $0.0.vendorID == device.vendorID && $0.0.productID == device.productID }).count > 1 {
                address.portPath = device.portPath
            }
            if interface.number != 0 { address.interfaceNumber = interface.number }

            let make = clean(entry?.make ?? device.deviceID?.manufacturer ?? device.manufacturer ?? "Unknown")
            let model = clean(entry?.model ?? device.deviceID?.model ?? device.product ?? "ESC/POS printer")
            let makeAndModel = String((model.lowercased().hasPrefix(make.lowercased()) ? model : "\(make) \(model)").prefix(127))
            let kind = interface.isPrinterClass ? "printer class" : "vendor class"
            var info = "\(makeAndModel) ESC/POS (USB \(address.idText), \(kind)\(interface.bulkIn == nil ? ", no status read-back" : ""))"
            if let serial { info += " serial \(serial)" }
            // Without the printer's own ID, claim ESC/POS only for a known model.
            let deviceID = device.deviceID.map { clean($0.text) }
                ?? "MFG:\(make);MDL:\(model);\(entry == nil ? "" : "CMD:ESC/POS;")CLS:PRINTER;"
            return DiscoveredUSBPrinter(address: address, makeAndModel: makeAndModel, info: clean(info), deviceID: deviceID)
        }
    }

    /// Printable ASCII without double quotes or backslashes (CUPS reads the line word by word).
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            guard scalar.value >= 0x20, scalar.value < 0x7F, scalar != "\"", scalar != "\\" else { return "?" }
            return scalar
        })).trimmingWhitespace()
    }
}
