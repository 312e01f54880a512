#if canImport(Glibc)
import Glibc
#endif

/// A byte channel to a printer over a non-blocking file descriptor (TCP socket or serial port),
/// with a deadline on every operation so a silent printer is an error, never a hang.
public final class FileDescriptorChannel: PrinterChannel {
    /// The device, for messages (`127.0.0.1:9100`, `/dev/ttyUSB0`).
    public let device: String
    private var descriptor: Int32

    /// Takes ownership of a non-blocking descriptor.
    public init(descriptor: Int32, device: String) {
        self.descriptor = descriptor
        self.device = device
    }

    deinit { close() }

    /// A descriptor can always be read.
    public var canReadStatus: Bool { true }

    /// Closes the descriptor (idempotent).
    public func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Writes all bytes; fails when no byte can be written for `stallTimeout`.
    public func write(_ bytes: [UInt8], stallTimeout: Duration, operation: String = "write") throws(DeviceError) {
        var offset = 0
        while offset < bytes.count {
            try waitFor(events: Int16(POLLOUT), timeout: stallTimeout, operation: operation)
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                if errno == EPIPE || errno == ECONNRESET { throw .closedByDevice(device: device, operation: operation) }
                throw .ioFailed(device: device, operation: operation, message: Self.errorText())
            }
            offset += written
        }
    }

    /// Reads what is available, waiting at most `timeout` for the first byte. Returns an empty
    /// array on timeout; throws when the device closed the channel.
    public func read(upTo maximum: Int = 256, timeout: Duration, operation: String = "read") throws(DeviceError) -> [UInt8] {
        do {
            try waitFor(events: Int16(POLLIN), timeout: timeout, operation: operation)
        } catch let error {
            if case .timedOut = error { return [] }
            throw error
        }
        var buffer = [UInt8](repeating: 0, count: maximum)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, maximum) }
        if count == 0 { throw .closedByDevice(device: device, operation: operation) }
        if count < 0 {
            if errno == EAGAIN || errno == EINTR { return [] }
            if errno == ECONNRESET || errno == EIO { throw .closedByDevice(device: device, operation: operation) }
            throw .ioFailed(device: device, operation: operation, message: Self.errorText())
        }
        return Array(buffer[0..<count])
    }

    /// Waits until the descriptor is ready for `events`.
    public func waitFor(events: Int16, timeout: Duration, operation: String) throws(DeviceError) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let remaining = clock.now.duration(to: deadline)
            if remaining <= .zero { throw .timedOut(device: device, operation: operation, after: timeout) }
            let milliseconds = Int32(clamping: max(1, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000))
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = Glibc.poll(&entry, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .ioFailed(device: device, operation: operation, message: Self.errorText())
            }
            if ready == 0 { continue }
            if entry.revents & Int16(POLLNVAL) != 0 {
                throw .ioFailed(device: device, operation: operation, message: "descriptor closed")
            }
            if entry.revents & (events | Int16(POLLHUP) | Int16(POLLERR)) != 0 { return }
        }
    }

    /// `strerror(errno)`.
    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}
