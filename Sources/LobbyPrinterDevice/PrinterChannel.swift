/// A byte channel to a printer, whatever carries it (TCP, serial port, USB bulk endpoints); the
/// backend's status poller and job writer use only this. Every operation has a limit, so a silent
/// printer is an error, never a hang.
public protocol PrinterChannel: AnyObject {
    /// The device, for messages (`127.0.0.1:9100`, `/dev/ttyUSB0`, `USB printer 0416:5011 at 1-1`).
    var device: String { get }
    /// False when the printer cannot send anything back (a USB printer without bulk IN endpoint):
    /// then there is no status to poll.
    var canReadStatus: Bool { get }
    /// Writes all bytes; fails when no byte can be written for `stallTimeout`.
    func write(_ bytes: [UInt8], stallTimeout: Duration, operation: String) throws(DeviceError)
    /// Reads what is available, waiting at most `timeout` for the first byte; empty on timeout.
    func read(upTo maximum: Int, timeout: Duration, operation: String) throws(DeviceError) -> [UInt8]
    /// Releases the device (idempotent).
    func close()
}

extension PrinterChannel {
    /// Reads up to 256 bytes.
    public func read(timeout: Duration, operation: String) throws(DeviceError) -> [UInt8] {
        try read(upTo: 256, timeout: timeout, operation: operation)
    }
}
