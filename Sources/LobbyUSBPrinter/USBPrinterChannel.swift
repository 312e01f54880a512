import CLibUSB
import LobbyPrinterDevice
import LobbyPrinting

/// A USB printer opened through libusb: the printer interface claimed (a bound kernel driver
/// such as usblp detached first and re-attached on close), job bytes written to the bulk OUT
/// endpoint in chunks, `DLE EOT` answers read from the bulk IN endpoint. Confined to one thread.
public final class USBPrinterChannel: PrinterChannel {
    /// Bytes per bulk OUT transfer: progress is checked (and a stall detected) per chunk.
    public static let chunkSize = 4096

    /// `USB printer 0416:5011 at 1-1 interface 0`, for messages.
    public let device: String
    /// What was opened: IDs, strings, interfaces.
    public let summary: USBDeviceSummary
    /// The claimed interface.
    public let interface: USBDeviceSummary.Interface
    /// Lines for the backend's log (`DEBUG: …`): kernel driver detached and re-attached, etc.
    private var notes: [String] = []
    private let list: USBDeviceList
    private var handle: OpaquePointer?
    private var detachedKernelDriver = false

    /// Finds the device the address names, opens it and claims its printer interface.
    public init(address: USBPrinterAddress) throws(DeviceError) {
        let list = try USBDeviceList()
        let name = address.description
        let sameIDs = list.entries.filter { $0.summary.vendorID == address.vendorID && $0.summary.productID == address.productID }
        guard !sameIDs.isEmpty else {
            throw .notFound(device: name, message: "no USB device \(address.idText) on any bus")
        }
        // The serial number needs an open handle; open each candidate until one matches.
        var chosen: (USBDeviceList.Entry, OpaquePointer, USBDeviceSummary)?
        var seen: [String] = []
        var firstOpenError: DeviceError?
        for entry in sameIDs where address.portPath == nil || entry.summary.portPath == address.portPath {
            let opened: OpaquePointer
            do {
                opened = try list.open(entry, device: name)
            } catch {
                if firstOpenError == nil { firstOpenError = error }
                continue
            }
            let summary = USBDeviceList.describe(entry, handle: opened)
            if summary.matches(address) {
                chosen = (entry, opened, summary)
                break
            }
            seen.append("serial \(summary.serialNumber ?? "none") at \(summary.portPath ?? "?")")
            libusb_close(opened)
        }
        guard let (entry, opened, summary) = chosen else {
            if let firstOpenError, seen.isEmpty { throw firstOpenError }
            let found = sameIDs.map { $0.summary.portPath ?? "?" }.joined(separator: ", ")
            throw .notFound(device: name, message: "\(address.idText) found at \(found)\(seen.isEmpty ? "" : " (" + seen.joined(separator: "; ") + ")"), none matches")
        }
        _ = entry
        guard let interface = summary.printerInterface(requested: address.interfaceNumber, allowVendorClass: true) else {
            libusb_close(opened)
            let which = address.interfaceNumber.map { "interface \($0) has" } ?? "no printer-class or vendor-class interface has"
            throw .openFailed(device: name, message: "\(which) no bulk OUT endpoint")
        }
        self.list = list
        self.handle = opened
        self.summary = summary
        self.interface = interface
        self.device = "USB printer \(address.idText) at \(summary.portPath ?? "?") interface \(interface.number)"
        try claim()
    }

    deinit { close() }

    /// The log lines gathered since the last call.
    public func takeNotes() -> [String] {
        defer { notes.removeAll() }
        return notes
    }

    /// True when the interface has a bulk IN endpoint.
    public var canReadStatus: Bool { interface.bulkIn != nil }

    private func claim() throws(DeviceError) {
        guard let handle else { return }
        let number = Int32(interface.number)
        let active = libusb_kernel_driver_active(handle, number)
        if active == 1 {
            let detached = libusb_detach_kernel_driver(handle, number)
            guard detached == 0 else {
                close()
                throw USBPrinterError.error(detached, device: device, operation: "detach the kernel driver")
            }
            detachedKernelDriver = true
            notes.append("detached the kernel driver from interface \(number)")
        }
        let claimed = libusb_claim_interface(handle, number)
        guard claimed == 0 else {
            close()
            throw USBPrinterError.error(claimed, device: device, operation: "claim interface \(number)")
        }
        if interface.alternateSetting != 0 {
            let set = libusb_set_interface_alt_setting(handle, number, Int32(interface.alternateSetting))
            guard set == 0 else {
                close()
                throw USBPrinterError.error(set, device: device, operation: "select alternate setting \(interface.alternateSetting)")
            }
        }
    }

    /// Releases the interface, re-attaches the kernel driver it displaced, closes (idempotent).
    public func close() {
        guard let handle else { return }
        self.handle = nil
        let number = Int32(interface.number)
        _ = libusb_release_interface(handle, number)
        if detachedKernelDriver {
            let status = libusb_attach_kernel_driver(handle, number)
            notes.append(status == 0 ? "re-attached the kernel driver to interface \(number)"
                                     : "could not re-attach the kernel driver: \(USBPrinterError.name(status))")
            detachedKernelDriver = false
        }
        libusb_close(handle)
    }

    /// Writes all bytes in chunks of `chunkSize`; fails when a chunk makes no progress within
    /// `stallTimeout` (a printer out of paper stops taking data) or the device goes away.
    public func write(_ bytes: [UInt8], stallTimeout: Duration, operation: String) throws(DeviceError) {
        guard let handle, let endpoint = interface.bulkOut else { throw .unplugged(device: device, operation: operation) }
        let milliseconds = Self.milliseconds(stallTimeout)
        var offset = 0
        var buffer = bytes
        while offset < buffer.count {
            let length = min(Self.chunkSize, buffer.count - offset)
            var transferred: Int32 = 0
            let status = buffer.withUnsafeMutableBufferPointer { pointer in
                libusb_bulk_transfer(handle, endpoint, pointer.baseAddress! + offset, Int32(length), &transferred, milliseconds)
            }
            // A timeout after part of the chunk went out is slow progress: go on. A timeout with
            // nothing (or, as some host controllers report a cancelled transfer, everything)
            // counted is a stall.
            if status == LIBUSB_ERROR_TIMEOUT.rawValue, transferred > 0, Int(transferred) < length {
                offset += Int(transferred)
                continue
            }
            if status == 0 { offset += Int(transferred) }
            guard status == 0 else {
                // The caller names where in the job this write is (`job write at byte N of M`).
                throw USBPrinterError.error(status, device: device, operation: operation, timeout: stallTimeout)
            }
        }
        buffer.removeAll()
    }

    /// One bulk IN transfer: what the printer has, waiting at most `timeout`; empty on timeout.
    public func read(upTo maximum: Int, timeout: Duration, operation: String) throws(DeviceError) -> [UInt8] {
        guard let handle else { throw .unplugged(device: device, operation: operation) }
        guard let endpoint = interface.bulkIn else { return [] }
        // A multiple of the packet size, so a full packet never overflows the buffer.
        var buffer = [UInt8](repeating: 0, count: max(512, (maximum + 511) / 512 * 512))
        var transferred: Int32 = 0
        let status = libusb_bulk_transfer(handle, endpoint, &buffer, Int32(buffer.count), &transferred, Self.milliseconds(timeout))
        if status == 0 || status == LIBUSB_ERROR_TIMEOUT.rawValue {
            return Array(buffer[0..<Int(transferred)])
        }
        throw USBPrinterError.error(status, device: device, operation: operation, timeout: timeout)
    }

    private static func milliseconds(_ duration: Duration) -> UInt32 {
        let components = duration.components
        let value = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        return UInt32(clamping: max(1, value))
    }
}
