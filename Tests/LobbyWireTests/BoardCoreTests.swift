import LobbyWire
import LobbyTestSupport
import Testing

@Suite("Board core", .tags(.unit))
struct BoardCoreTests {
    static let window = DeviceAddress(0x10)
    static let serial = DeviceSerial(0x4C42_0000_0000_0010)

    static func makeBoard(lines: UInt8 = 2, columns: UInt8 = 8, address: DeviceAddress = window) -> BoardCore<TestFont> {
        BoardCore(
            configuration: BoardConfiguration(
                kind: .hallBoard, lines: lines, columns: columns, serial: serial,
                firmware: FirmwareVersion(major: 1, minor: 0, patch: 0), ticksPerSecond: 100),
            address: address, font: TestFont())
    }

    /// Reads the whole frame buffer over the protocol, in chunks.
    static func readBack(_ board: inout BoardCore<TestFont>, master: inout TestMaster, chunk: UInt8 = 100) -> [UInt8] {
        var bytes: [UInt8] = []
        var total = Int.max
        while bytes.count < total {
            let reply = master.exchange(.readFrameBuffer(offset: UInt16(bytes.count), length: chunk), with: &board, at: window)
            guard case .frameBufferChunk(let part)? = reply else {
                Issue.record("no chunk at \(bytes.count): \(String(describing: reply))")
                return bytes
            }
            #expect(Int(part.offset) == bytes.count)
            total = Int(part.totalBytes)
            bytes += part.data.array
        }
        return bytes
    }

    /// An independent rendering of one line (left aligned) for comparison.
    static func expectedLine(_ scalars: [UInt32], width: Int, font: TestFont, x0: Int = 0) -> [[Bool]] {
        var pixels = Array(repeating: Array(repeating: false, count: width), count: font.glyphHeight)
        for (position, scalar) in scalars.enumerated() {
            let glyph = font.glyphIndex(for: scalar) ?? font.fallbackGlyph
            for row in 0..<font.glyphHeight {
                let bits = font.row(row, ofGlyph: glyph)
                for column in 0..<8 where bits & (0x80 >> column) != 0 {
                    let x = x0 + position * 8 + column
                    if x < width { pixels[row][x] = true }
                }
            }
        }
        return pixels
    }

    static func pixel(_ bytes: [UInt8], x: Int, y: Int, bytesPerRow: Int) -> Bool {
        bytes[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    @Test("identify reports kind, serial, geometry")
    func identify() {
        var board = Self.makeBoard(lines: 8, columns: 16)
        var master = TestMaster()
        let reply = master.exchange(.identifyRequest, with: &board, at: Self.window)
        guard case .identifyReply(let identity)? = reply else {
            Issue.record("\(String(describing: reply))")
            return
        }
        #expect(identity.kind == .hallBoard)
        #expect(identity.serial == Self.serial)
        #expect(identity.geometry == DisplayGeometry(lines: 8, columns: 16, glyphWidth: 8, glyphHeight: 16))
        #expect(identity.geometry.frameBufferBytes == 2048)
    }

    @Test("power-on: shows its address and asks for a repaint until painted")
    func powerOn() {
        var board = Self.makeBoard()
        #expect(Array(board.text(ofLine: 0)) == Array("@10".utf8))
        var master = TestMaster()
        guard case .status(let status)? = master.exchange(.poll(acknowledgingThrough: nil), with: &board, at: Self.window, now: Ticks(250)) else {
            Issue.record("no status")
            return
        }
        #expect(status.flags.contains(.needsRepaint))
        #expect(status.uptimeSeconds == 2)
        #expect(master.exchange(.showText(.lines([(0, [], "A1")])), with: &board, at: Self.window) == .ack(.showText))
        guard case .status(let after)? = master.exchange(.poll(acknowledgingThrough: nil), with: &board, at: Self.window) else {
            Issue.record("no status")
            return
        }
        #expect(!after.flags.contains(.needsRepaint))
    }

    @Test("read-back of the frame buffer shows the rendered text", arguments: [UInt8(7), 64, 192])
    func readBackShowsText(chunk: UInt8) {
        var board = Self.makeBoard(lines: 2, columns: 8)
        var master = TestMaster()
        let text = "A12 → 5"
        #expect(master.exchange(.showText(.lines([(1, [], text)])), with: &board, at: Self.window) == .ack(.showText))
        #expect(master.exchange(.clear, with: &board, at: Self.window) == .ack(.clear))
        #expect(master.exchange(.showText(.lines([(1, [], text)])), with: &board, at: Self.window) == .ack(.showText))
        let bytes = Self.readBack(&board, master: &master, chunk: chunk)
        #expect(bytes.count == 8 * 32)
        let expected = Self.expectedLine(text.unicodeScalars.map(\.value), width: 64, font: TestFont())
        for y in 0..<32 {
            for x in 0..<64 {
                let want = y >= 16 ? expected[y - 16][x] : false
                #expect(Self.pixel(bytes, x: x, y: y, bytesPerRow: 8) == want, "pixel \(x),\(y)")
            }
        }
    }

    @Test("centre, right alignment and invert")
    func alignment() {
        var board = Self.makeBoard(lines: 1, columns: 8)
        var master = TestMaster()
        _ = master.exchange(.showText(.lines([(0, [.alignRight, .invert], "AB")])), with: &board, at: Self.window)
        let bytes = Self.readBack(&board, master: &master)
        let expected = Self.expectedLine([0x41, 0x42], width: 64, font: TestFont(), x0: 48)
        for y in 0..<16 {
            for x in 0..<64 { #expect(Self.pixel(bytes, x: x, y: y, bytesPerRow: 8) == !expected[y][x]) }
        }
        _ = master.exchange(.showText(.lines([(0, .alignCenter, "AB")])), with: &board, at: Self.window)
        let centred = Self.readBack(&board, master: &master)
        let expectedCentre = Self.expectedLine([0x41, 0x42], width: 64, font: TestFont(), x0: 24)
        for y in 0..<16 {
            for x in 0..<64 { #expect(Self.pixel(centred, x: x, y: y, bytesPerRow: 8) == expectedCentre[y][x]) }
        }
    }

    @Test("a glyph the font lacks is drawn as the fallback box and flagged")
    func missingGlyph() {
        var board = Self.makeBoard(lines: 1, columns: 8)
        var master = TestMaster()
        _ = master.exchange(.showText(.lines([(0, [], "A€")])), with: &board, at: Self.window)
        let bytes = Self.readBack(&board, master: &master)
        #expect(bytes[0 * 8 + 1] == 0xFF)  // top row of the box in the second cell
        #expect(bytes[5 * 8 + 1] == 0x81)
        guard case .status(let status)? = master.exchange(.poll(acknowledgingThrough: nil), with: &board, at: Self.window) else {
            Issue.record("no status")
            return
        }
        #expect(status.flags.contains(.missingGlyphs))
    }

    @Test("a retried request gets the identical answer and is applied once")
    func deduplication() {
        var board = Self.makeBoard()
        var master = TestMaster()
        let request = master.request(.showText(.lines([(0, [], "A1")])), to: Self.window)
        let first = TestMaster.deliver(request, to: &board, now: Ticks(0))
        #expect(first.count == 1)
        // The device's state changes between the attempts; the retry must not re-apply.
        let second = TestMaster.deliver(request, to: &board, now: Ticks(500))
        #expect(second == first)
        #expect(board.link.counters.duplicates == 1)
        // Same sequence number but different content is a new request, not a retry.
        var other = master
        other.sequence &-= 1
        let different = other.request(.showText(.lines([(0, [], "B2")])), to: Self.window)
        #expect(TestMaster.deliver(different, to: &board, now: Ticks(0)).count == 1)
        #expect(Array(board.text(ofLine: 0)) == Array("B2".utf8))
        #expect(board.link.counters.duplicates == 1)
    }

    @Test("broadcasts are applied but never answered")
    func broadcast() {
        var board = Self.makeBoard()
        var master = TestMaster()
        #expect(master.exchange(.clear, with: &board, at: .broadcast) == nil)
        #expect(board.text(ofLine: 0).isEmpty)
        #expect(master.exchange(.identifyRequest, with: &board, at: .broadcast) == nil)
    }

    @Test("frames for other devices and from non-masters are ignored")
    func otherAddresses() {
        var board = Self.makeBoard()
        var master = TestMaster()
        #expect(master.exchange(.identifyRequest, with: &board, at: DeviceAddress(0x11)) == nil)
        var impostor = TestMaster(source: DeviceAddress(0x12))
        #expect(impostor.exchange(.identifyRequest, with: &board, at: Self.window) == nil)
    }

    @Test("set address changes only the device whose serial matches")
    func setAddress() {
        var board = Self.makeBoard()
        var master = TestMaster()
        #expect(master.exchange(.setAddress(serial: DeviceSerial(1), newAddress: DeviceAddress(0x30)), with: &board, at: .broadcast) == nil)
        #expect(master.exchange(.setAddress(serial: DeviceSerial(1), newAddress: DeviceAddress(0x30)), with: &board, at: Self.window) == nil)
        #expect(board.link.address == Self.window)
        let replies = TestMaster.deliver(
            master.request(.setAddress(serial: Self.serial, newAddress: DeviceAddress(0x30)), to: Self.window), to: &board, now: Ticks(0))
        #expect(replies.count == 1)
        #expect(replies.first?.header.source == DeviceAddress(0x30))
        #expect(board.link.address == DeviceAddress(0x30))
    }

    @Test("search by serial prefix answers only while unassigned")
    func searchSerial() {
        var board = Self.makeBoard(address: .unassigned)
        var master = TestMaster()
        // Serial 0x4C42... starts with bits 0100.
        if case .identifyReply(let identity)? = master.exchange(
            .searchSerial(bits: 4, prefix: DeviceSerial(0x4000_0000_0000_0000)), with: &board, at: .unassigned)
        {
            #expect(identity.serial == Self.serial)
        } else {
            Issue.record("matching prefix not answered")
        }
        #expect(master.exchange(.searchSerial(bits: 4, prefix: DeviceSerial(0x5000_0000_0000_0000)), with: &board, at: .unassigned) == nil)
        #expect(master.exchange(.searchSerial(bits: 0, prefix: DeviceSerial(0)), with: &board, at: .unassigned) != nil)
        var assigned = Self.makeBoard()
        #expect(master.exchange(.searchSerial(bits: 0, prefix: DeviceSerial(0)), with: &assigned, at: .unassigned) == nil)
    }

    @Test("unknown types, bad payloads, keypad messages and wrong versions are refused with a reason")
    func refusals() throws {
        var board = Self.makeBoard()
        var master = TestMaster()
        // A frame of unknown type 0x5A with a correct CRC.
        var frame = Frame(
            header: FrameHeader(destination: Self.window, source: .master, sequence: SequenceNumber(1), type: MessageType(0x5A)),
            payload: Payload())
        var replies = TestMaster.deliver(frame.encoded().array, to: &board, now: Ticks(0))
        #expect(replies.count == 1)
        #expect(try Message.decode(type: replies[0].header.type, payload: replies[0].payload) == .nack(MessageType(0x5A), .unknownType, detail: 0))
        frame.header.type = .testPattern
        frame.payload = Payload([9])
        frame.header.sequence = SequenceNumber(2)
        replies = TestMaster.deliver(frame.encoded().array, to: &board, now: Ticks(0))
        #expect(try Message.decode(type: replies[0].header.type, payload: replies[0].payload) == .nack(.testPattern, .badPayload, detail: 0))
        #expect(master.exchange(.voteStart(ticket: TicketReference(1), timeoutSeconds: 5), with: &board, at: Self.window)
            == .nack(.voteStart, .unsupportedByDevice, detail: 0))
        #expect(master.exchange(.showText(.lines([(5, [], "X")])), with: &board, at: Self.window) == .nack(.showText, .outOfRange, detail: 5))
        #expect(master.exchange(.readFrameBuffer(offset: 4000, length: 10), with: &board, at: Self.window) == .nack(.readFrameBuffer, .outOfRange, detail: 0))
        frame = Frame(header: FrameHeader(version: 2, destination: Self.window, source: .master, sequence: SequenceNumber(3), type: .poll), payload: Payload())
        replies = TestMaster.deliver(frame.encoded().array, to: &board, now: Ticks(0))
        #expect(replies.first?.header.version == 1)
        #expect(try Message.decode(type: replies[0].header.type, payload: replies[0].payload) == .nack(.poll, .unsupportedVersion, detail: 1))
    }

    @Test("test pattern, brightness, blink identify and reboot")
    func housekeeping() {
        var board = Self.makeBoard(lines: 1, columns: 2)
        var master = TestMaster()
        _ = master.exchange(.showText(.lines([(0, [], "A")])), with: &board, at: Self.window)
        #expect(!board.flags.contains(.needsRepaint))
        #expect(master.exchange(.testPattern(.checkerboard), with: &board, at: Self.window) == .ack(.testPattern))
        let bytes = Self.readBack(&board, master: &master)
        #expect(bytes == Array(repeating: [0xAA, 0xAA, 0x55, 0x55], count: 8).flatMap { $0 })
        // The text is gone and the board asks to be repainted (Protocol.md §6.9, §12).
        #expect(board.text(ofLine: 0).count == 0)
        #expect(board.flags.contains(.needsRepaint))
        #expect(master.exchange(.brightness(0), with: &board, at: Self.window) == .ack(.brightness))
        #expect(board.brightness == 0)
        #expect(!board.visiblePixel(x: 0, y: 0))
        #expect(master.exchange(.blinkIdentify(seconds: 2), with: &board, at: Self.window, now: Ticks(100)) == .ack(.blinkIdentify))
        board.tick(now: Ticks(299))
        #expect(board.identifyBlinkUntil != nil)
        board.tick(now: Ticks(300))
        #expect(board.identifyBlinkUntil == nil)
        #expect(master.exchange(.reboot, with: &board, at: Self.window) == .ack(.reboot))
        #expect(board.rebootRequested)
    }

    @Test("blink hides a line half of the time; scroll moves long text")
    func effects() {
        var board = Self.makeBoard(lines: 2, columns: 2)
        var master = TestMaster()
        _ = master.exchange(.showText(.lines([(0, .blink, "AA"), (1, .scroll, "ABCDEFGH")])), with: &board, at: Self.window)
        let litX = (0..<16).first { x in (0..<16).contains { y in board.frameBuffer.pixel(x: x, y: y) } } ?? 0
        let litY = (0..<16).first { y in board.frameBuffer.pixel(x: litX, y: y) } ?? 0
        board.tick(now: Ticks(10))
        #expect(board.visiblePixel(x: litX, y: litY))
        board.tick(now: Ticks(60))
        #expect(!board.visiblePixel(x: litX, y: litY))
        let rowAt: (Ticks) -> [Bool] = { now in
            board.tick(now: now)
            return (0..<16).map { board.visiblePixel(x: $0, y: 16 + 8) }
        }
        #expect(rowAt(Ticks(0)) != rowAt(Ticks(50)))
    }
}
