/// The devices the exchange vectors run on, in static memory like the device images' cores
/// (a board is about 4 KB: too big for the Cortex-M0's stack). Re-powered in place per scenario.
nonisolated(unsafe) private var vectorBoard = SelfTestFirmware.makeBoard()
nonisolated(unsafe) private var vectorKeypad = SelfTestFirmware.makeKeypad()

/// Self-test image: runs the shared test vectors on the target and reports over the UART.
///
/// Output (ASCII, one line each): `FAIL <name>` per failed vector, then
/// `SELFTEST <passed>/<total> PASS` or `... FAIL`. The host test compares the totals with
/// the vector files.
@main
struct SelfTestFirmware {
    static func main() {
        bsp_init()
        var runner = VectorRunner()
        runSharedVectors(&runner)
        Report.text("SELFTEST ")
        Report.number(runner.passed)
        Report.text("/")
        Report.number(runner.total)
        Report.text(runner.passed == runner.total && runner.total == sharedVectorCount ? " PASS\n" : " FAIL\n")
        while true { bsp_sleep(bsp_ticks()) }
    }

    @inline(never)
    static func makeBoard() -> BoardCore<BoardFont> {
        BoardCore(
            configuration: BoardConfiguration(
                kind: .windowBoard, lines: 1, columns: 8, serial: DeviceSerial(0), firmware: FirmwareVersion(major: 0, minor: 0, patch: 0),
                ticksPerSecond: 1000),
            address: .unassigned, font: BoardFont())
    }

    @inline(never)
    static func makeKeypad() -> KeypadCore {
        KeypadCore(
            configuration: KeypadConfiguration(serial: DeviceSerial(0), firmware: FirmwareVersion(major: 0, minor: 0, patch: 0), ticksPerSecond: 1000),
            address: .unassigned)
    }
}

/// Writes ASCII to the UART without String.
enum Report {
    static func text(_ text: StaticString) {
        text.withUTF8Buffer { buffer in
            for byte in buffer { bsp_write_byte(byte) }
        }
    }

    static func number(_ value: Int) {
        var digits = FixedBytes<12>()
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        var index = digits.count - 1
        while index >= 0 {
            bsp_write_byte(digits[index])
            index -= 1
        }
    }
}

/// Checks vectors with the same code the devices run.
struct VectorRunner {
    var passed = 0
    var total = 0
    /// Whether the current exchange scenario runs on the keypad (else the board).
    private var onKeypad = false
    /// The scenario's clock in ticks of 1 ms.
    private var now: UInt32 = 0

    private mutating func record(_ ok: Bool, _ name: StaticString) {
        total += 1
        if ok {
            passed += 1
        } else {
            Report.text("FAIL ")
            Report.text(name)
            Report.text("\n")
        }
    }

    /// Parses a hex StaticString into bytes.
    static func bytes<let n: Int>(_ hex: StaticString) -> FixedBytes<n> {
        var out = FixedBytes<n>()
        hex.withUTF8Buffer { buffer in
            var index = 0
            while index + 1 < buffer.count {
                out.append(nibble(buffer[index]) << 4 | nibble(buffer[index + 1]))
                index += 2
            }
        }
        return out
    }

    static func nibble(_ digit: UInt8) -> UInt8 {
        digit <= UInt8(ascii: "9") ? digit &- UInt8(ascii: "0") : (digit | 0x20) &- UInt8(ascii: "a") &+ 10
    }

    static func same(_ a: StaticString, _ b: StaticString) -> Bool {
        a.withUTF8Buffer { left in
            b.withUTF8Buffer { right in
                guard left.count == right.count else { return false }
                var index = 0
                while index < left.count {
                    if left[index] != right[index] { return false }
                    index += 1
                }
                return true
            }
        }
    }

    @inline(never)
    mutating func cobs(_ name: StaticString, _ input: StaticString, _ encoded: StaticString) {
        let data: FixedBytes<300> = Self.bytes(input)
        let expected: FixedBytes<300> = Self.bytes(encoded)
        var output = FixedBytes<300>()
        var decoded = FixedBytes<300>()
        var ok = true
        do throws(COBSError) {
            try COBS.encode(data, into: &output)
            try COBS.decode(expected, into: &decoded)
        } catch {
            ok = false
        }
        record(ok && output == expected && decoded == data, name)
    }

    @inline(never)
    mutating func crc(_ name: StaticString, _ input: StaticString, _ expected: UInt16) {
        let data: FixedBytes<64> = Self.bytes(input)
        record(CRC16.checksum(data) == expected, name)
    }

    @inline(never)
    mutating func goodFrame(_ name: StaticString, _ wire: StaticString) {
        let bytes: EncodedFrame = Self.bytes(wire)
        var decoder = FrameDecoder()
        var ok = false
        for byte in bytes {
            guard case .frame(let frame)? = decoder.consume(byte) else { continue }
            do throws(MessageError) {
                let message = try Message.decode(type: frame.header.type, payload: frame.payload)
                let again = message.frame(from: frame.header.source, to: frame.header.destination, sequence: frame.header.sequence)
                ok = again.encoded() == bytes
            } catch {
                ok = false
            }
        }
        record(ok, name)
    }

    /// Starts an exchange scenario: the device of a profile, just powered on, at time 0.
    @inline(never)
    mutating func begin(
        kind: UInt8, lines: UInt8, columns: UInt8, address: UInt8, serial: UInt64, firmware: FirmwareVersion, capabilities: UInt8
    ) {
        now = 0
        onKeypad = kind == DeviceKind.keypad.rawValue
        if onKeypad {
            let configuration = KeypadConfiguration(
                serial: DeviceSerial(serial), firmware: firmware, ticksPerSecond: 1000, displayColumns: columns,
                acceptsKeyInjection: capabilities & DeviceIdentity.capabilityTestHooks != 0)
            vectorKeypad.restart(configuration: configuration, address: DeviceAddress(address))
        } else {
            let configuration = BoardConfiguration(
                kind: DeviceKind(rawValue: kind) ?? .windowBoard, lines: lines, columns: columns, serial: DeviceSerial(serial),
                firmware: firmware, ticksPerSecond: 1000)
            vectorBoard.restart(configuration: configuration, address: DeviceAddress(address))
        }
    }

    /// One exchange step: sends `request`, expects exactly `answer` (empty: silence). The hex is
    /// read in place and the answer compared in place: the device's receive path needs the stack.
    @inline(never)
    mutating func step(_ name: StaticString, _ request: StaticString, _ answer: StaticString) {
        var sent = FixedBytes<220>()
        let now = Ticks(self.now)
        let keypad = onKeypad
        request.withUTF8Buffer { hex in
            var index = 0
            while index + 1 < hex.count {
                let byte = Self.nibble(hex[index]) << 4 | Self.nibble(hex[index + 1])
                if keypad { Self.feedKeypad(byte, now: now, into: &sent) } else { Self.feedBoard(byte, now: now, into: &sent) }
                index += 2
            }
        }
        record(Self.matches(sent, hex: answer), name)
    }

    @inline(never)
    static func feedBoard(_ byte: UInt8, now: Ticks, into sent: inout FixedBytes<220>) {
        if let reply = vectorBoard.receive(byte, now: now) { sent.append(contentsOf: reply) }
    }

    @inline(never)
    static func feedKeypad(_ byte: UInt8, now: Ticks, into sent: inout FixedBytes<220>) {
        if let reply = vectorKeypad.receive(byte, now: now) { sent.append(contentsOf: reply) }
    }

    /// Whether `bytes` are exactly the bytes written in `hex`.
    static func matches(_ bytes: FixedBytes<220>, hex: StaticString) -> Bool {
        hex.withUTF8Buffer { digits in
            guard digits.count == bytes.count * 2 else { return false }
            var index = 0
            while index < bytes.count {
                if bytes[index] != nibble(digits[2 * index]) << 4 | nibble(digits[2 * index + 1]) { return false }
                index += 1
            }
            return true
        }
    }

    /// An exchange step of silence: `milliseconds` ticks pass.
    @inline(never)
    mutating func wait(_ name: StaticString, _ milliseconds: UInt32) {
        var left = milliseconds
        while left > 0 {
            now &+= 1
            if onKeypad { vectorKeypad.tick(now: Ticks(now), rawKeys: []) } else { vectorBoard.tick(now: Ticks(now)) }
            left -= 1
        }
        record(true, name)
    }

    @inline(never)
    mutating func badFrame(_ name: StaticString, _ wire: StaticString, _ code: StaticString) {
        let bytes: FixedBytes<320> = Self.bytes(wire)
        var decoder = FrameDecoder()
        var ok = false
        for byte in bytes {
            switch decoder.consume(byte) {
            case .rejected(let rejection)?:
                ok = Self.same(rejection.code, code)
            case .frame(let frame)?:
                do throws(MessageError) {
                    _ = try Message.decode(type: frame.header.type, payload: frame.payload)
                } catch {
                    ok = Self.same(error.code, code)
                }
            case nil:
                break
            }
        }
        record(ok, name)
    }
}
