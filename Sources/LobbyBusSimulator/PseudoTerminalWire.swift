import Foundation
import LobbySerial
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The wire of a simulated bus: the master side of a pseudo-terminal and the thread that reads
/// what the bus master sends and writes what the simulated devices answer. `step` is called about
/// every 2 ms with the bytes received (possibly none) and the monotonic time in µs.
final class PseudoTerminalWire: Sendable {
    private let terminal: PseudoTerminal
    private let stopping = Mutex(false)
    private let running = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    /// The path the bus master opens (the pty's slave).
    var portPath: String { terminal.slavePath }

    /// A new pseudo-terminal; nothing runs until `start`.
    init() throws(SerialPortError) {
        terminal = try PseudoTerminal()
    }

    /// Starts the thread (once) that feeds `step` and writes its answers.
    func start(name: String, step: @escaping @Sendable (_ received: [UInt8], _ now: UInt64) -> [[UInt8]]) {
        let first = running.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        guard first else { return }
        let thread = Thread { [self] in
            self.loop(step)
            self.finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the thread and closes the pseudo-terminal (the port disappears).
    func stop() {
        let wasRunning = running.withLock { value -> Bool in
            defer { value = false }
            return value
        }
        stopping.withLock { $0 = true }
        if wasRunning { finished.wait() }
        terminal.close()
    }

    private func loop(_ step: (_ received: [UInt8], _ now: UInt64) -> [[UInt8]]) {
        let fd = terminal.masterDescriptor
        var buffer = [UInt8](repeating: 0, count: 1024)
        while !stopping.withLock({ $0 }) {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, 2)
            var received: [UInt8] = []
            if ready > 0 && entry.revents & Int16(POLLIN) != 0 {
                let count = read(fd, &buffer, buffer.count)
                if count > 0 { received = Array(buffer[0..<count]) }
            } else if ready > 0 {
                usleep(2000)  // hang-up while nobody has the slave open
            }
            for bytes in step(received, MonotonicClock.microseconds()) { writeAll(fd, bytes) }
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 { offset += written } else if errno == EAGAIN { usleep(500) } else { return }
        }
    }
}
