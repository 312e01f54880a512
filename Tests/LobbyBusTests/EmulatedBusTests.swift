import Foundation
import LobbyLabSupport
import LobbyBus
import LobbyQueue
import LobbySerial
import LobbyWire
import LobbyTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real firmware images in qemu-system-arm, each UART a private Unix socket the master connects to.
enum Emulator {
    static let firmware = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Firmware")

    static func which(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Why the emulator tier cannot run, or nil.
    static let missing: String? = {
        let tools = ["qemu-system-arm", "make", "arm-none-eabi-gcc", "swiftc"].filter { !which($0) }
        return tools.isEmpty ? nil : "emulated bus tests skipped, missing: " + tools.joined(separator: ", ")
    }()

    /// Builds the two images the tests use (a no-op when up to date).
    static let built: Bool = {
        let images = ["board-window.elf", "keypad-test.elf"].map { "build/mps2-an386/\($0)" }
        return run(["timeout", "600", "make", "-s", "-C", firmware.path, "BOARD=mps2-an386"] + images) == 0
    }()

    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// One QEMU process running an image; killed by `stop()` (and by `timeout` after 120 s at most).
final class EmulatedDeviceProcess {
    private var pid: pid_t = 0
    /// The UART's socket, in a directory of its own (no port to race other tests for).
    let socketPath: String
    private let directory: String

    init(image: String, serial: UInt64, address: UInt8) throws {
        var template = Array("/tmp/lobby-emu-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
        directory = String(cString: made)
        socketPath = directory + "/uart.sock"
        var arguments = [
            "timeout", "-s", "KILL", "120", "qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none",
            "-serial", "unix:\(socketPath),server=on,wait=on",
            "-kernel", Emulator.firmware.appendingPathComponent("build/mps2-an386/\(image)").path,
        ]
        // Configuration block read by the firmware at reset (Docs/Firmware.md).
        let words: [UInt32] = [0x5359_424C, UInt32(truncatingIfNeeded: serial), UInt32(truncatingIfNeeded: serial >> 32), UInt32(address)]
        for (index, word) in words.enumerated() {
            arguments += ["-device", "loader,addr=\(0x2000_0000 + index * 4),data=\(word),data-len=4"]
        }
        pid = try CleanSpawn.spawn(arguments)
    }

    deinit { stop() }

    func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
        try? FileManager.default.removeItem(atPath: directory)
    }

    var endpoint: SerialEndpoint { .unix(path: socketPath) }
}

@Suite("The bus master against the real firmware in QEMU", .tags(.emulated), .serialized)
struct EmulatedBusTests {
    static var canRun: Bool {
        if let missing = Emulator.missing {
            print(missing)
            return false
        }
        return Emulator.built
    }

    @Test("a call painted by the service is read back from the firmware's frame buffer")
    func windowBoard() async throws {
        guard Self.canRun else { return }
        let device = try EmulatedDeviceProcess(image: "board-window.elf", serial: 0x5EED_0001, address: 0x10)
        defer { device.stop() }
        let configuration = BusConfiguration(devices: [BusDeviceConfiguration(address: DeviceAddress(0x10), role: .windowBoard(1))])
        let fixture = BusFixture(endpoint: device.endpoint, configuration: configuration)
        fixture.notify.yield(.called(window: 1, ticket: TicketID(3), number: "A123"))
        #expect(await eventually(within: 45) { fixture.report(0x10)?.isConverged == true && fixture.report(0x10)?.target?.lines.first?.text == "A123" })
        #expect(fixture.report(0x10)?.identity?.serial == DeviceSerial(0x5EED_0001))
        await fixture.stop()
        // A technician connection (service tool address) reads the picture back.
        let technician = try BusTechnician(endpoint: device.endpoint)
        defer { technician.close() }
        var image: FrameBufferImage?
        for _ in 0..<10 where image == nil {
            image = try? technician.readFrameBuffer(DeviceAddress(0x10))
        }
        let picture = try #require(image)
        // The host's board font (the same generated table) draws exactly what the firmware drew.
        #expect(picture.rows == expectedRows(centred: "A123", columns: 8), "firmware shows:\n\(TechnicianFormat.art(picture))")
        #expect(BoardTextReader().lines(of: picture) == ["A123"])
        #expect(try technician.testPattern(DeviceAddress(0x10), .checkerboard).matches)
    }

    @Test("a vote on the emulated keypad reaches the sink with its ticket and window")
    func keypadVote() async throws {
        guard Self.canRun else { return }
        let device = try EmulatedDeviceProcess(image: "keypad-test.elf", serial: 0x5EED_0002, address: 0x20)
        defer { device.stop() }
        let configuration = BusConfiguration(devices: [BusDeviceConfiguration(address: DeviceAddress(0x20), role: .keypad(2))])
        let first = BusFixture(endpoint: device.endpoint, configuration: configuration)
        first.notify.yield(.serviceFinished(window: 2, ticket: TicketID(31)))
        #expect(await eventually(within: 45) { first.report(0x20)?.health.state == .online && (first.report(0x20)?.health.transactions ?? 0) > 5 })
        await first.stop()
        let technician = try BusTechnician(endpoint: device.endpoint)
        var injected = false
        for _ in 0..<5 where !injected {
            injected = (try? technician.request(.injectKey(key: 3, holdCentiseconds: 10), to: DeviceAddress(0x20))) == .ack(.injectKey)
        }
        technician.close()
        #expect(injected)
        let second = BusFixture(endpoint: device.endpoint, configuration: configuration)
        #expect(await eventually(within: 45) { second.sink.votes.count == 1 })
        let vote = try #require(second.sink.votes.first)
        #expect(vote.ticket == TicketID(31) && vote.score == 4 && vote.window == 2)
        await second.stop()
    }
}
