import CLibUSB
import LobbyCard

/// An opened device with one claimed interface; blocking transfers. Confined to the monitor thread.
final class USBDeviceHandle {
    /// The libusb handle.
    let pointer: OpaquePointer
    /// The claimed interface number.
    let interfaceNumber: Int32
    private var claimed = false

    /// Opens the device and claims the interface (detaching a kernel driver if one is bound).
    init(record: USBDeviceRecord, interfaceNumber: UInt8, alternateSetting: UInt8) throws(CardReaderError) {
        var handle: OpaquePointer?
        let status = libusb_open(record.device, &handle)
        guard status == 0, let handle else { throw USBStatus.error(status, operation: "open") }
        pointer = handle
        self.interfaceNumber = Int32(interfaceNumber)
        _ = libusb_set_auto_detach_kernel_driver(handle, 1)
        let claim = libusb_claim_interface(handle, self.interfaceNumber)
        guard claim == 0 else {
            libusb_close(handle)
            throw USBStatus.error(claim, operation: "claim interface \(interfaceNumber)")
        }
        claimed = true
        if alternateSetting != 0 {
            _ = libusb_set_interface_alt_setting(handle, self.interfaceNumber, Int32(alternateSetting))
        }
    }

    deinit { close() }

    /// Releases the interface and closes the handle (idempotent).
    func close() {
        guard claimed else { return }
        claimed = false
        _ = libusb_release_interface(pointer, interfaceNumber)
        libusb_close(pointer)
    }

    /// An ASCII string descriptor, nil when absent or unreadable.
    func string(index: UInt8) -> String? {
        guard index != 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = libusb_get_string_descriptor_ascii(pointer, index, &buffer, Int32(buffer.count))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<Int(count)], as: UTF8.self)
    }

    /// Writes all bytes to a bulk-OUT endpoint.
    func write(endpoint: UInt8, _ bytes: [UInt8], timeoutMilliseconds: Int, operation: String) throws(CardReaderError) {
        var data = bytes
        var transferred: Int32 = 0
        let status = libusb_bulk_transfer(pointer, endpoint, &data, Int32(data.count), &transferred, UInt32(timeoutMilliseconds))
        guard status == 0 else { throw USBStatus.error(status, operation: operation, timeoutMilliseconds: timeoutMilliseconds) }
        guard Int(transferred) == bytes.count else {
            throw .usb(operation: operation, code: 0, name: "short write (\(transferred) of \(bytes.count) bytes)")
        }
    }

    /// Reads one transfer (up to `capacity` bytes; ends at a short packet) from a bulk-IN endpoint.
    func read(endpoint: UInt8, capacity: Int, timeoutMilliseconds: Int, operation: String) throws(CardReaderError) -> [UInt8] {
        var data = [UInt8](repeating: 0, count: capacity)
        var transferred: Int32 = 0
        let status = libusb_bulk_transfer(pointer, endpoint, &data, Int32(capacity), &transferred, UInt32(timeoutMilliseconds))
        guard status == 0 else { throw USBStatus.error(status, operation: operation, timeoutMilliseconds: timeoutMilliseconds) }
        return Array(data[0..<Int(transferred)])
    }
}
