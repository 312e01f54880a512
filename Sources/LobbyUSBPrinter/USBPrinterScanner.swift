import CLibUSB
import LobbyEscPos
import LobbyPrinterDevice
import LobbyPrinting

/// Reads every USB device once for discovery: descriptors, strings and IEEE 1284 device IDs of
/// the devices that may be printers (a printer-class interface, or a vendor-class interface on a
/// device whose IDs are known).
public enum USBPrinterScanner {
    /// Summaries of the candidate devices, in bus/port order. A device that cannot be opened
    /// (permissions) is still listed, without strings.
    public static func candidates(known: KnownUSBPrinterCatalog) throws(DeviceError) -> [USBDeviceSummary] {
        let list = try USBDeviceList()
        var out: [USBDeviceSummary] = []
        for entry in list.entries {
            let summary = entry.summary
            let isKnown = known.printer(vendorID: summary.vendorID, productID: summary.productID) != nil
            guard summary.printerInterface(requested: nil, allowVendorClass: isKnown) != nil else { continue }
            if let handle = try? list.open(entry, device: "USB device \(summary.vendorID)") {
                out.append(USBDeviceList.describe(entry, handle: handle))
                libusb_close(handle)
            } else {
                out.append(summary)
            }
        }
        return out.sorted { ($0.portPath ?? "") < ($1.portPath ?? "") }
    }
}
