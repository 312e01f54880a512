import Foundation
import LobbySerial
import LobbyTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Serial port over a pseudo-terminal", .tags(.host))
struct SerialPortTests {
    @Test("opens raw, RS-485 ioctl is not applicable on a pty, bytes pass both ways unchanged")
    func roundTrip() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort.open(.device(path: pty.slavePath), settings: SerialSettings(baud: 115_200))
        defer { port.close() }
        #expect(port.rs485 == .notApplicable(errno: ENOTTY))
        // Every byte value, including those a cooked tty would interpret (CR, ^C, ^S, DEL).
        let outgoing = (0...255).map { UInt8($0) }
        try port.write(outgoing, deadline: MonotonicClock.microseconds() + 1_000_000)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while received.count < outgoing.count {
            var entry = pollfd(fd: pty.masterDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 1000) > 0 else { break }
            let count = read(pty.masterDescriptor, &buffer, buffer.count)
            if count > 0 { received += buffer[0..<count] }
        }
        #expect(received == outgoing)
        let incoming: [UInt8] = [0x00, 0x0D, 0x0A, 0x03, 0x11, 0x13, 0x7F, 0xFF]
        _ = incoming.withUnsafeBytes { write(pty.masterDescriptor, $0.baseAddress, $0.count) }
        var got: [UInt8] = []
        while got.count < incoming.count {
            let count = try port.read(into: &buffer, deadline: MonotonicClock.microseconds() + 1_000_000)
            if count == 0 { break }
            got += buffer[0..<count]
        }
        #expect(got == incoming)
    }

    @Test("a second open of the same port reports it in use")
    func exclusive() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }
        let first = try SerialPort.open(.device(path: pty.slavePath))
        defer { first.close() }
        #expect(throws: SerialPortError.inUse(port: pty.slavePath)) {
            _ = try SerialPort.open(.device(path: pty.slavePath))
        }
        first.close()
        let again = try SerialPort.open(.device(path: pty.slavePath))
        again.close()
    }

    @Test("a missing device is 'gone' (transient), an unknown rate a configuration error")
    func openErrors() throws {
        let missing = "/dev/lobby-test-missing-\(getpid())"
        #expect(throws: SerialPortError.deviceGone(port: missing, errno: ENOENT)) {
            _ = try SerialPort.open(.device(path: missing))
        }
        #expect(SerialPortError.deviceGone(port: missing, errno: ENOENT).isTransient)
        let pty = try PseudoTerminal()
        #expect(throws: SerialPortError.unsupportedBaud(port: pty.slavePath, baud: 12_345)) {
            _ = try SerialPort.open(.device(path: pty.slavePath), settings: SerialSettings(baud: 12_345))
        }
        #expect(!SerialPortError.unsupportedBaud(port: "x", baud: 1).isTransient)
    }

    @Test("read returns 0 at its deadline, not earlier and not much later")
    func readDeadline() throws {
        let pty = try PseudoTerminal()
        defer { pty.close() }  // keeps the pty alive for the whole test
        let port = try SerialPort.open(.device(path: pty.slavePath))
        defer { port.close() }
        var buffer = [UInt8](repeating: 0, count: 16)
        let start = MonotonicClock.microseconds()
        let count = try port.read(into: &buffer, deadline: start + 50_000)
        let elapsed = MonotonicClock.microseconds() - start
        #expect(count == 0)
        #expect(elapsed >= 50_000)
        #expect(elapsed < 500_000)
    }

    @Test("the pty disappearing makes reads fail with deviceGone")
    func disappearing() throws {
        let pty = try PseudoTerminal()
        let port = try SerialPort.open(.device(path: pty.slavePath))
        defer { port.close() }
        pty.close()
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(throws: SerialPortError.self) {
            _ = try port.read(into: &buffer, deadline: MonotonicClock.microseconds() + 1_000_000)
        }
        do {
            _ = try port.read(into: &buffer, deadline: MonotonicClock.microseconds() + 1_000_000)
        } catch {
            #expect(error.isTransient)
            if case .deviceGone = error {} else { Issue.record("expected deviceGone, got \(error)") }
        }
    }

    @Test("endpoints parse from configuration text", arguments: [
        ("/dev/lobby/rs485-hall", SerialEndpoint.device(path: "/dev/lobby/rs485-hall")),
        ("tcp:127.0.0.1:4555", SerialEndpoint.tcp(host: "127.0.0.1", port: 4555)),
        ("tcp:nonsense", SerialEndpoint.device(path: "tcp:nonsense")),
        ("unix:/run/lobby/uart.sock", SerialEndpoint.unix(path: "/run/lobby/uart.sock")),
    ])
    func endpoints(text: String, expected: SerialEndpoint) {
        #expect(SerialEndpoint(parsing: text) == expected)
        #expect(SerialEndpoint(parsing: expected.description) == expected)
    }

    @Test("a unix:PATH endpoint passes bytes both ways; a closed peer is a failed connection, a missing socket too")
    func unixSocket() throws {
        let directory = NSTemporaryDirectory() + "lobby-uart-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/uart.sock"
        #expect(throws: SerialPortError.self) { try SerialPort.open(.unix(path: path)) }
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0 && listen(listener, 1) == 0)
        let port = try SerialPort.open(.unix(path: path))
        defer { port.close() }
        let peer = accept(listener, nil, nil)
        #expect(peer >= 0)
        try port.write([0x00, 0x7E, 0xFF], deadline: MonotonicClock.microseconds() + 1_000_000)
        var three = [UInt8](repeating: 0, count: 3)
        #expect(recv(peer, &three, 3, Int32(MSG_WAITALL)) == 3 && three == [0x00, 0x7E, 0xFF])
        _ = [UInt8]([0x42]).withUnsafeBytes { write(peer, $0.baseAddress, 1) }
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(try port.read(into: &buffer, deadline: MonotonicClock.microseconds() + 1_000_000) == 1 && buffer[0] == 0x42)
        close(peer)
        do {
            _ = try port.read(into: &buffer, deadline: MonotonicClock.microseconds() + 1_000_000)
            Issue.record("a closed peer must fail the read")
        } catch {
            if case .connectionFailed = error {} else { Issue.record("expected connectionFailed, got \(error)") }
        }
    }
}
