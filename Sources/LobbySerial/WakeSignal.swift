import CLobbySerial

#if canImport(Glibc)
    import Glibc
#endif

/// A descriptor that becomes readable when signalled: wakes a thread blocked in poll(2).
public final class WakeSignal: Sendable {
    /// The descriptor to add to a poll set.
    public let descriptor: Int32

    /// Creates the signal (an eventfd).
    public init() {
        descriptor = lobby_serial_eventfd()
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Makes the descriptor readable.
    public func signal() {
        var one: UInt64 = 1
        _ = write(descriptor, &one, 8)
    }

    /// Resets it after a wake-up.
    public func clear() {
        var value: UInt64 = 0
        _ = read(descriptor, &value, 8)
    }

    /// Waits until signalled or `milliseconds` passed.
    public func wait(milliseconds: Int32) {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, milliseconds)
    }
}
