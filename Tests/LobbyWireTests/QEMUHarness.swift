import Foundation
import LobbyLabSupport
import LobbyWire
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Paths and tool checks for the emulator tests.
enum FirmwareEnvironment {
    static let firmwareDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Firmware")

    static func which(_ tool: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Why the emulator tests cannot run here, or nil when they can.
    static let missingTools: String? = {
        var missing: [String] = []
        if which("qemu-system-arm") == nil { missing.append("qemu-system-arm (apt-get install qemu-system-arm)") }
        if which("swiftc").map({ URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("ld.lld").path })
            .map({ FileManager.default.isExecutableFile(atPath: $0) }) != true
        {
            missing.append("a Swift toolchain with ld.lld and the Embedded Swift ARM stdlib")
        }
        if !FileManager.default.fileExists(atPath: "/usr/share/fonts/X11/misc/ter-u16b_unicode.pcf.gz") {
            missing.append("xfonts-terminus (the boards' font)")
        }
        if which("arm-none-eabi-gcc") == nil { missing.append("gcc-arm-none-eabi (libgcc.a)") }
        return missing.isEmpty ? nil : "firmware emulator tests skipped, missing: " + missing.joined(separator: ", ")
    }()

    static var canRun: Bool {
        if let missingTools {
            print(missingTools)
            return false
        }
        return true
    }

    /// Runs `make BOARD=...` once per board per test process (no-op when up to date).
    static func build(board: String) throws -> URL {
        try buildLock.withLock { built in
            let output = firmwareDirectory.appendingPathComponent("build/\(board)")
            if built.contains(board) { return output }
            let result = try run(["make", "-C", firmwareDirectory.path, "BOARD=\(board)"], timeout: 600)
            guard result.status == 0 else { throw HarnessError.buildFailed(result.output) }
            built.insert(board)
            return output
        }
    }
    private static let buildLock = Mutex<Set<String>>([])

    static func run(_ arguments: [String], timeout: TimeInterval) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["timeout", String(Int(timeout))] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A simple lock around a value (tests may run in parallel).
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

enum HarnessError: Error, CustomStringConvertible {
    case buildFailed(String)
    case connectFailed(String)
    case timeout(String)
    var description: String {
        switch self {
        case .buildFailed(let output): "firmware build failed:\n\(output.suffix(3000))"
        case .connectFailed(let what): "could not connect to QEMU: \(what)"
        case .timeout(let what): "timed out: \(what)"
        }
    }
}

/// One emulated device: a QEMU process whose UART is a Unix-socket server we connect to as
/// master (a private path, so devices started side by side never race for a port).
final class EmulatedDevice {
    private var pid: pid_t = 0
    private var socket: Int32 = -1
    private let socketPath = NSTemporaryDirectory() + "lobby-uart-\(UUID().uuidString.prefix(12)).sock"
    private var decoder = FrameDecoder()
    private var answered = false
    var master = TestMaster()

    /// Starts `elf` on `machine`; `serial`/`address` are written into the configuration block.
    init(machine: String, elf: URL, serial: UInt64? = nil, address: UInt8? = nil) throws {
        var arguments = [
            "-M", machine, "-nographic", "-monitor", "none",
            "-serial", "unix:\(socketPath),server=on,wait=on", "-kernel", elf.path,
        ]
        if serial != nil || address != nil {
            let words: [UInt32] = [
                0x5359_424C, UInt32(truncatingIfNeeded: serial ?? 0), UInt32(truncatingIfNeeded: (serial ?? 0) >> 32),
                UInt32(address ?? 0),
            ]
            for (index, word) in words.enumerated() {
                arguments += ["-device", "loader,addr=\(0x2000_0000 + index * 4),data=\(word),data-len=4"]
            }
        }
        // `timeout` guarantees QEMU never outlives a crashed test run by more than two minutes.
        pid = try CleanSpawn.spawn(["timeout", "-s", "KILL", "120", "qemu-system-arm"] + arguments)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let fd = Self.connect(path: socketPath) {
                socket = fd
                // The emulated UART drops bytes until the firmware has enabled its receiver
                // (20-40 ms after start); masters retry anyway, this only saves a retry.
                usleep(150_000)
                return
            }
            usleep(50_000)
        }
        stop()
        throw HarnessError.connectFailed("socket \(socketPath)")
    }

    deinit { stop() }

    func stop() {
        if socket >= 0 {
            close(socket)
            socket = -1
        }
        unlink(socketPath)
        if pid > 0 {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            pid = 0
        }
    }


    /// Sends raw bytes.
    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(socket, $0.baseAddress, $0.count) }
    }

    /// Waits for the next frame from the device, or nil after `timeout` seconds.
    func receiveFrame(timeout: TimeInterval = 2) -> Frame? {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 1)
        while Date() < deadline {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(1, deadline.timeIntervalSinceNow * 1000))
            guard poll(&descriptor, 1, remaining) > 0 else { continue }
            guard read(socket, &buffer, 1) == 1 else { return nil }
            if case .frame(let frame)? = decoder.consume(buffer[0]) { return frame }
        }
        return nil
    }

    /// Reads raw text until a line containing `marker` is complete, or nil after `timeout`.
    func readLine(containing marker: String, timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var text: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while Date() < deadline {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 100) > 0 else { continue }
            let count = read(socket, &buffer, buffer.count)
            guard count > 0 else { return nil }
            text += buffer[0..<count]
            for line in String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            where line.contains(marker) {
                return String(line)
            }
        }
        return nil
    }

    /// Sends already-encoded request bytes and returns the decoded answer.
    func answer(to request: [UInt8], timeout: TimeInterval = 2) -> (Frame, Message)? {
        send(request)
        guard let frame = receiveFrame(timeout: timeout),
            let message = try? Message.decode(type: frame.header.type, payload: frame.payload)
        else { return nil }
        return (frame, message)
    }

    /// Sends a new request, retrying with the same sequence number like the daemon does, and
    /// returns the answer's message (nil after `attempts` unanswered tries).
    func exchange(_ message: Message, to address: DeviceAddress, attempts: Int = 3, timeout: TimeInterval = 0.5) -> Message? {
        let request = master.request(message, to: address)
        // The first request also waits for the boot, which a loaded machine may slow down.
        let tries = answered ? attempts : max(attempts, 10)
        for _ in 0..<tries {
            guard let (frame, reply) = answer(to: request, timeout: timeout) else { continue }
            #expect(frame.header.sequence == SequenceNumber(master.sequence))
            answered = true
            return reply
        }
        return nil
    }

    /// Restarts the device (broadcast reboot from a reserved master address, 0x0F, so no vector's
    /// retry memory is touched) and waits until it answers at `address` again.
    func powerOnAgain(at address: DeviceAddress) throws {
        var harness = TestMaster()
        harness.source = DeviceAddress(0x0F)
        harness.sequence = UInt8.random(in: 0...255)
        send(harness.request(.reboot, to: .broadcast))
        let identify = harness.request(.identifyRequest, to: address)
        for _ in 0..<20 {
            if let frame = receiveFrame(timeout: 0.2), frame.header.destination == harness.source { return }
            send(identify)
        }
        throw HarnessError.timeout("the device did not come back at \(address) after a reboot")
    }

    /// Plays one exchange step: sends its bytes (or waits) and checks the answer. Answers are
    /// compared byte for byte, except a status answer, whose uptime and event ages follow the
    /// emulator's real clock: those are compared decoded, without uptime and ages.
    func play(_ step: ExchangeStep, _ scenario: ExchangeScenario) {
        if step.request.isEmpty {
            usleep(UInt32(step.waitMilliseconds) * 1000)
            return
        }
        send(step.request)
        guard let expected = step.answer else {
            let frame = receiveFrame(timeout: 0.5)
            #expect(frame == nil, "exchanges.txt:\(step.line) \(scenario): expected silence, got \(frame.map { Hex.encode($0.encoded()) } ?? "")")
            return
        }
        guard let frame = receiveFrame(timeout: 2) else {
            Issue.record("exchanges.txt:\(step.line) \(scenario): no answer, expected \(Hex.encode(expected))")
            return
        }
        let actual = frame.encoded().array
        if frame.header.type == .status, case .frame(let want)? = decodeAll(expected).first {
            #expect(Self.withoutClock(frame) == Self.withoutClock(want), "exchanges.txt:\(step.line) \(scenario)")
        } else {
            #expect(Hex.encode(actual) == Hex.encode(expected), "exchanges.txt:\(step.line) \(scenario)")
        }
    }

    /// A status frame's message with uptime and event ages set to 0.
    private static func withoutClock(_ frame: Frame) -> Message? {
        guard case .status(var status)? = try? Message.decode(type: frame.header.type, payload: frame.payload) else { return nil }
        status.uptimeSeconds = 0
        var events = KeypadEventBatch()
        for index in 0..<status.events.count {
            var event = status.events[index]
            event.ageSeconds = 0
            events.append(event)
        }
        status.events = events
        return .status(status)
    }

    private static func connect(path: String) -> Int32? {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            return nil
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
        if !connected {
            close(fd)
            return nil
        }
        return fd
    }
}
