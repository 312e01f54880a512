import CEvdev
import Glibc
import Synchronization

/// An `eventfd` that wakes a `poll(2)` loop on another thread when it should stop.
/// `signal()` after `close()` does nothing, so a late signal never writes to a reused descriptor.
public final class StopSignal: Sendable {
    /// The descriptor to poll for `POLLIN` (-1 once closed).
    public var fileDescriptor: Int32 { descriptor.withLock { $0 } }

    private let descriptor: Mutex<Int32>

    /// A new, unsignalled eventfd.
    public init() throws(EvdevError) {
        let fd = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard fd >= 0 else { throw .systemCallFailed(call: "eventfd", errno: errno) }
        descriptor = Mutex(fd)
    }

    deinit { close() }

    /// Signals the loop (safe from any thread, any number of times).
    public func signal() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            var one: UInt64 = 1
            _ = withUnsafeBytes(of: &one) { write(fd, $0.baseAddress, 8) }
        }
    }

    /// Closes the descriptor.
    public func close() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = Glibc.close(fd)
            fd = -1
        }
    }
}
