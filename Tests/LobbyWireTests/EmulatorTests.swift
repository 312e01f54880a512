import Foundation
import LobbyBoardFont
import LobbyWire
import LobbyTestSupport
import Testing

/// End-to-end tests of the firmware images in qemu-system-arm, over the emulated UART.
@Suite("Firmware in QEMU", .tags(.emulated), .serialized, .enabled(if: FirmwareEnvironment.canRun, "needs qemu-system-arm and the ARM toolchain"))
struct EmulatorTests {
    static let hall = DeviceAddress(0x11)
    static let keypad = DeviceAddress(0x20)

    /// Reads the whole frame buffer in chunks of up to 192 bytes.
    static func readBack(_ device: EmulatedDevice, at address: DeviceAddress) -> [UInt8] {
        var bytes: [UInt8] = []
        var total = Int.max
        while bytes.count < total {
            guard case .frameBufferChunk(let chunk)? = device.exchange(.readFrameBuffer(offset: UInt16(bytes.count), length: 192), to: address)
            else {
                Issue.record("read-back failed at offset \(bytes.count)")
                return bytes
            }
            total = Int(chunk.totalBytes)
            bytes += chunk.data.array
        }
        return bytes
    }

    @Test("hall board on mps2-an386: identify, repaint flag, text, read-back equals host rendering, dedup")
    func hallBoard() throws {
        let build = try FirmwareEnvironment.build(board: "mps2-an386")
        let serial: UInt64 = 0x0123_4567_89AB_CDEF
        let device = try EmulatedDevice(machine: "mps2-an386", elf: build.appendingPathComponent("board-hall.elf"), serial: serial)
        defer { device.stop() }

        guard case .identifyReply(let identity)? = device.exchange(.identifyRequest, to: Self.hall) else {
            Issue.record("no identify reply")
            return
        }
        #expect(identity.kind == .hallBoard)
        #expect(identity.serial == DeviceSerial(serial))
        #expect(identity.geometry == DisplayGeometry(lines: 8, columns: 16, glyphWidth: 8, glyphHeight: 16))

        guard case .status(let fresh)? = device.exchange(.poll(acknowledgingThrough: nil), to: Self.hall) else {
            Issue.record("no status")
            return
        }
        #expect(fresh.flags.contains(.needsRepaint))

        let lines = TextLines.lines([
            (0, .alignCenter, "A123 → 5"), (1, [], "Növbə Ə ə Ş ş İ ı"), (2, .invert, "Окно 3 ЁЖЩ"), (3, .blink, "Ğğ Üü Öö Çç ←↑↓"),
        ])
        #expect(device.exchange(.showText(lines), to: Self.hall) == .ack(.showText))
        guard case .status(let painted)? = device.exchange(.poll(acknowledgingThrough: nil), to: Self.hall) else {
            Issue.record("no status")
            return
        }
        #expect(!painted.flags.contains(.needsRepaint))
        #expect(!painted.flags.contains(.missingGlyphs))

        let readBack = Self.readBack(device, at: Self.hall)
        #expect(readBack.count == 2048)
        // Render the same text on the host with the board font (the same generated table): the
        // pictures must match.
        let font = BoardFont()
        var reference = BoardCore(
            configuration: BoardConfiguration(
                kind: .hallBoard, lines: 8, columns: 16, serial: DeviceSerial(serial),
                firmware: identity.firmware, ticksPerSecond: 100),
            address: Self.hall, font: font)
        var master = TestMaster()
        #expect(master.exchange(.showText(lines), with: &reference, at: Self.hall) == .ack(.showText))
        let expected = (0..<2048).map { reference.frameBuffer.byte(at: $0) }
        #expect(readBack == expected)
        // The picture is not trivially empty: line 0 and the inverted line 2 have lit pixels, line 5 none.
        #expect(readBack[0..<256].contains { $0 != 0 })
        #expect(readBack[512..<768].filter { $0 == 0xFF }.count > 100)
        #expect(readBack[1280..<1536].allSatisfy { $0 == 0 })

        // A retried request (same sequence, same bytes) gets the identical answer, counted once.
        let retry = device.master.request(.readFrameBuffer(offset: 0, length: 16), to: Self.hall)
        let first = device.answer(to: retry)
        let second = device.answer(to: retry)
        #expect(first != nil)
        #expect(first?.0 == second?.0)
        // A broadcast is applied and not answered.
        device.send(device.master.request(.clear, to: .broadcast))
        #expect(device.receiveFrame(timeout: 0.3) == nil)
        #expect(Self.readBack(device, at: Self.hall).allSatisfy { $0 == 0 })
    }

    @Test("noise, a bad CRC and an unknown version on the wire: device stays in sync")
    func noiseOnTheWire() throws {
        let build = try FirmwareEnvironment.build(board: "mps2-an386")
        let device = try EmulatedDevice(machine: "mps2-an386", elf: build.appendingPathComponent("board-window.elf"))
        defer { device.stop() }
        // Wait until the firmware listens (the emulated UART drops bytes before that).
        #expect(device.exchange(.identifyRequest, to: DeviceAddress(0x10)) != nil)
        device.send([0x12, 0x34, 0x00, 0xFF, 0xFF, 0x00])
        var bad = device.master.request(.identifyRequest, to: DeviceAddress(0x10))
        bad[bad.count - 2] ^= 0x40
        device.send(bad)
        #expect(device.receiveFrame(timeout: 0.3) == nil)
        let version2 = Frame(
            header: FrameHeader(version: 2, destination: DeviceAddress(0x10), source: .master, sequence: SequenceNumber(9), type: .poll),
            payload: Payload())
        guard let (_, refusal) = device.answer(to: [0] + version2.encoded().array) else {
            Issue.record("no answer to version 2")
            return
        }
        #expect(refusal == .nack(.poll, .unsupportedVersion, detail: 1))
        guard case .identifyReply(let identity)? = device.exchange(.identifyRequest, to: DeviceAddress(0x10)) else {
            Issue.record("no identify after noise")
            return
        }
        #expect(identity.kind == .windowBoard)
        #expect(identity.geometry.pixelWidth == 64)

        // Half a frame, a pause of 200 ms (far beyond the 30 ms limit), the other half: the board
        // dropped the first half, so the rest is noise and gets no answer (Protocol.md §2.3).
        let request = device.master.request(.identifyRequest, to: DeviceAddress(0x10))
        device.send(Array(request[..<5]))
        usleep(200_000)
        device.send(Array(request[5...]))
        #expect(device.receiveFrame(timeout: 0.5) == nil)
        #expect(device.exchange(.identifyRequest, to: DeviceAddress(0x10)) != nil)
    }

    @Test("a setAddress retried after its answer was lost is answered again, from the new address", arguments: ["mps2-an386", "microbit"])
    func setAddressLostAnswer(board: String) throws {
        let build = try FirmwareEnvironment.build(board: board)
        let device = try EmulatedDevice(machine: board, elf: build.appendingPathComponent("board-window.elf"), serial: 0x3333, address: 0x10)
        defer { device.stop() }
        #expect(device.exchange(.identifyRequest, to: DeviceAddress(0x10)) != nil)
        // The master sends setAddress to the old address; the answer comes from the new one and is "lost".
        let request = device.master.request(.setAddress(serial: DeviceSerial(0x3333), newAddress: DeviceAddress(0x16)), to: DeviceAddress(0x10))
        guard let (first, lost) = device.answer(to: request) else {
            Issue.record("no answer to setAddress")
            return
        }
        #expect(lost == .ack(.setAddress))
        #expect(first.header.source == DeviceAddress(0x16))
        // The master's retry: identical bytes, still to the old address. The device answers it
        // with the stored answer, byte for byte, and does not act twice.
        guard let (second, again) = device.answer(to: request) else {
            Issue.record("the retry of setAddress was not answered")
            return
        }
        #expect(again == .ack(.setAddress) && second.header.source == DeviceAddress(0x16) && second.header.sequence == first.header.sequence)
        #expect(second.encoded() == first.encoded())
        // A new request to the old address finds nobody; the device answers at the new one.
        #expect(device.exchange(.identifyRequest, to: DeviceAddress(0x10), attempts: 1) == nil)
        guard case .identifyReply(let identity)? = device.exchange(.identifyRequest, to: DeviceAddress(0x16)) else {
            Issue.record("no identify at the new address")
            return
        }
        #expect(identity.serial == DeviceSerial(0x3333))
    }

    /// The image that runs a profile of `profiles.txt`.
    static let images = [
        "window-board": "board-window", "unassigned-board": "board-window", "hall-board": "board-hall", "keypad": "keypad",
        "keypad-test": "keypad-test",
    ]

    @Test("the exchange vectors on the device images (real main loop, UART and clock)", arguments: ["mps2-an386", "microbit"])
    func exchangeVectorsOnImages(board: String) throws {
        let build = try FirmwareEnvironment.build(board: board)
        let groups = Dictionary(grouping: ExchangeScenario.load(), by: \.profile.name)
        var ran = 0
        var timed: [String] = []
        for name in groups.keys.sorted() {
            let scenarios = groups[name] ?? []
            let profile = try #require(scenarios.first?.profile)
            let image = try #require(Self.images[name])
            let device = try EmulatedDevice(
                machine: board, elf: build.appendingPathComponent("\(image).elf"), serial: profile.serial.rawValue,
                address: profile.address.rawValue)
            defer { device.stop() }
            for scenario in scenarios {
                // Gaps of tens of milliseconds are timed on the cores (host and self-test), where
                // the test owns the clock; a loaded host cannot promise them to an emulator.
                if let shortest = scenario.shortestWait, shortest < 100 {
                    timed.append(scenario.name)
                    continue
                }
                try device.powerOnAgain(at: profile.address)
                for step in scenario.steps { device.play(step, scenario) }
                ran += 1
            }
        }
        #expect(ran + timed.count == ExchangeScenario.load().count)
        #expect(timed.count <= 2, "scenarios left to the cores: \(timed)")
    }

    @Test("two instances of one image differ by the serial written at start; set address by serial")
    func perInstanceSerial() throws {
        let build = try FirmwareEnvironment.build(board: "mps2-an386")
        let elf = build.appendingPathComponent("board-window.elf")
        let one = try EmulatedDevice(machine: "mps2-an386", elf: elf, serial: 0x1111, address: 0x10)
        defer { one.stop() }
        let two = try EmulatedDevice(machine: "mps2-an386", elf: elf, serial: 0x2222, address: 0x10)
        defer { two.stop() }
        guard case .identifyReply(let first)? = one.exchange(.identifyRequest, to: DeviceAddress(0x10)),
            case .identifyReply(let second)? = two.exchange(.identifyRequest, to: DeviceAddress(0x10))
        else {
            Issue.record("no identify reply")
            return
        }
        #expect(first.serial == DeviceSerial(0x1111))
        #expect(second.serial == DeviceSerial(0x2222))
        // The same set-address request reaches both: only the serial owner moves and answers.
        let request = Message.setAddress(serial: DeviceSerial(0x2222), newAddress: DeviceAddress(0x15))
        #expect(one.exchange(request, to: DeviceAddress(0x10)) == nil)
        #expect(two.exchange(request, to: DeviceAddress(0x10)) == .ack(.setAddress))
        #expect(one.exchange(.identifyRequest, to: DeviceAddress(0x10)) != nil)
        #expect(two.exchange(.identifyRequest, to: DeviceAddress(0x15)) != nil)
        #expect(two.exchange(.identifyRequest, to: DeviceAddress(0x10)) == nil)
    }

    @Test("keypad test image on mps2-an386: vote session, injected key press, event delivered until acked")
    func keypadVote() throws {
        let build = try FirmwareEnvironment.build(board: "mps2-an386")
        let device = try EmulatedDevice(machine: "mps2-an386", elf: build.appendingPathComponent("keypad-test.elf"))
        defer { device.stop() }
        guard case .identifyReply(let identity)? = device.exchange(.identifyRequest, to: Self.keypad) else {
            Issue.record("no identify reply")
            return
        }
        #expect(identity.kind == .keypad)
        #expect(identity.capabilities & DeviceIdentity.capabilityTestHooks != 0)
        let ticket = TicketReference(0x00C0_FFEE)
        #expect(device.exchange(.voteStart(ticket: ticket, timeoutSeconds: 60), to: Self.keypad) == .ack(.voteStart))
        #expect(device.exchange(.injectKey(key: 3, holdCentiseconds: 10), to: Self.keypad) == .ack(.injectKey))
        // Debounce (3 ticks) plus hold (10 ticks) at 100 Hz: well under a second.
        var vote: KeypadEvent?
        let deadline = Date().addingTimeInterval(3)
        while vote == nil && Date() < deadline {
            usleep(100_000)
            if case .status(let status)? = device.exchange(.poll(acknowledgingThrough: nil), to: Self.keypad), status.events.count > 0 {
                vote = status.events[0]
            }
        }
        let event = try #require(vote)
        #expect(event.kind == .vote(ticket: ticket, score: 4))
        // Still there on the next poll (not acknowledged yet), gone after the ack.
        guard case .status(let again)? = device.exchange(.poll(acknowledgingThrough: nil), to: Self.keypad) else {
            Issue.record("no status")
            return
        }
        #expect(again.events.count == 1 && again.events[0].id == event.id)
        #expect(!again.flags.contains(.voteSessionOpen))
        guard case .status(let acked)? = device.exchange(.poll(acknowledgingThrough: event.id), to: Self.keypad) else {
            Issue.record("no status")
            return
        }
        #expect(acked.pendingEvents == 0)
    }

    @Test("production keypad image refuses key injection")
    func keypadWithoutHooks() throws {
        let build = try FirmwareEnvironment.build(board: "mps2-an386")
        let device = try EmulatedDevice(machine: "mps2-an386", elf: build.appendingPathComponent("keypad.elf"))
        defer { device.stop() }
        #expect(device.exchange(.injectKey(key: 3, holdCentiseconds: 10), to: Self.keypad) == .nack(.injectKey, .unknownType, detail: 0))
    }

    @Test("the shared test vectors pass on the target", arguments: ["mps2-an386", "microbit"])
    func sharedVectorsOnTarget(board: String) throws {
        let build = try FirmwareEnvironment.build(board: board)
        let device = try EmulatedDevice(machine: board, elf: build.appendingPathComponent("selftest.elf"))
        defer { device.stop() }
        let total = ["cobs.txt", "crc.txt", "frames.txt", "bad-frames.txt"].map { VectorFile.load($0).count }.reduce(0, +)
            + ExchangeScenario.stepCount
        #expect(total > 120)
        let report = device.readLine(containing: "SELFTEST", timeout: 10)
        #expect(report == "SELFTEST \(total)/\(total) PASS")
    }

    @Test("micro:bit (Cortex-M0) images answer identify, render, and take a vote", arguments: ["board-window", "keypad-test"])
    func microbit(image: String) throws {
        let build = try FirmwareEnvironment.build(board: "microbit")
        let device = try EmulatedDevice(machine: "microbit", elf: build.appendingPathComponent("\(image).elf"), serial: 0xABCD_0001)
        defer { device.stop() }
        let address = image == "board-window" ? DeviceAddress(0x10) : Self.keypad
        guard case .identifyReply(let identity)? = device.exchange(.identifyRequest, to: address) else {
            Issue.record("no identify reply from \(image)")
            return
        }
        #expect(identity.serial == DeviceSerial(0xABCD_0001))
        if image == "board-window" {
            #expect(device.exchange(.showText(.lines([(0, [], "Ə 12 → 3")])), to: address) == .ack(.showText))
            let bytes = Self.readBack(device, at: address)
            #expect(bytes.count == 128)
            #expect(bytes.contains { $0 != 0 })
        } else {
            #expect(device.exchange(.voteStart(ticket: TicketReference(7), timeoutSeconds: 60), to: address) == .ack(.voteStart))
            #expect(device.exchange(.injectKey(key: 0, holdCentiseconds: 10), to: address) == .ack(.injectKey))
            usleep(500_000)
            guard case .status(let status)? = device.exchange(.poll(acknowledgingThrough: nil), to: address) else {
                Issue.record("no status")
                return
            }
            #expect(status.events.count == 1)
            #expect(status.events.count == 1 && status.events[0].kind == .vote(ticket: TicketReference(7), score: 1))
        }
    }
}
