import CLobbySystem
import Glibc
import Synchronization

/// An `eventfd` that wakes a thread blocked in `poll(2)`: to stop it, or to look at new input.
///
/// Safe from any thread. `signal()` after `close()` does nothing, so a late signal never writes to a reused
/// descriptor.
public final class WakeSignal: Sendable {
    private let state: Mutex<Int32>

    /// A new, unsignalled eventfd (non-blocking, close-on-exec).
    public init() throws(SystemError) {
        let fd = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard fd >= 0 else { throw SystemError(call: "eventfd") }
        state = Mutex(fd)
    }

    deinit { close() }

    /// The descriptor to poll for `POLLIN` (-1 once closed).
    public var descriptor: Int32 { state.withLock { $0 } }

    /// Makes the descriptor readable (any number of times).
    public func signal() {
        state.withLock { fd in
            guard fd >= 0 else { return }
            var one: UInt64 = 1
            _ = Interrupted.retry { write(fd, &one, 8) }
        }
    }

    /// Makes it unreadable again after a wake-up.
    public func clear() {
        state.withLock { fd in
            guard fd >= 0 else { return }
            var value: UInt64 = 0
            _ = Interrupted.retry { read(fd, &value, 8) }
        }
    }

    /// Waits until signalled or `milliseconds` passed (-1: no limit); does not clear. Once closed, it only
    /// sleeps (poll ignores a negative descriptor).
    public func wait(milliseconds: Int32) {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, milliseconds)
    }

    /// Closes the descriptor.
    public func close() {
        state.withLock { fd in
            guard fd >= 0 else { return }
            _ = Glibc.close(fd)
            fd = -1
        }
    }
}
