import CLibUSB
import LobbyCard

/// libusb return codes as Swift values (negative: an error).
enum USBStatus {
    /// `LIBUSB_ERROR_TIMEOUT`, …: libusb's own name for a code.
    static func name(_ code: Int32) -> String {
        guard let text = libusb_error_name(code) else { return "LIBUSB_ERROR_\(code)" }
        return String(cString: text)
    }

    /// The card-reader error for a failed libusb call: NO_DEVICE is an unplugged reader, TIMEOUT a silent one.
    static func error(_ code: Int32, operation: String, timeoutMilliseconds: Int = 0) -> CardReaderError {
        switch code {
        case LIBUSB_ERROR_NO_DEVICE.rawValue: return .readerUnplugged
        case LIBUSB_ERROR_TIMEOUT.rawValue: return .timeout(operation: operation, milliseconds: timeoutMilliseconds)
        case LIBUSB_ERROR_ACCESS.rawValue: return .access("\(operation): permission denied (udev rule and group lobby?)")
        case LIBUSB_ERROR_BUSY.rawValue: return .access("\(operation): interface busy (claimed by another process or driver)")
        default: return .usb(operation: operation, code: code, name: name(code))
        }
    }
}
