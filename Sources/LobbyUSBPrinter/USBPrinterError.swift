import CLibUSB
import LobbyPrinterDevice

/// Turns libusb return codes into `DeviceError`s that name the device and the operation.
enum USBPrinterError {
    /// libusb's name for a code (`LIBUSB_ERROR_TIMEOUT`, …).
    static func name(_ code: Int32) -> String {
        guard let text = libusb_error_name(code) else { return "LIBUSB_ERROR_\(code)" }
        return String(cString: text)
    }

    /// The device error for a failed libusb call.
    static func error(_ code: Int32, device: String, operation: String, timeout: Duration = .zero) -> DeviceError {
        switch code {
        case LIBUSB_ERROR_NO_DEVICE.rawValue:
            return .unplugged(device: device, operation: operation)
        case LIBUSB_ERROR_TIMEOUT.rawValue:
            return .timedOut(device: device, operation: operation, after: timeout)
        case LIBUSB_ERROR_ACCESS.rawValue:
            return .accessDenied(device: device, message: "\(operation): permission denied on /dev/bus/usb (is the backend in group lp and the udev rule installed? see Docs/Printing-USB.md)")
        case LIBUSB_ERROR_BUSY.rawValue:
            return .accessDenied(device: device, message: "\(operation): the interface is claimed by another program")
        case LIBUSB_ERROR_NOT_FOUND.rawValue:
            return .notFound(device: device, message: "\(operation): \(name(code))")
        default:
            return .ioFailed(device: device, operation: operation, message: name(code))
        }
    }
}
