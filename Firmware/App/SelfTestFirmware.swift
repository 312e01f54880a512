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

    mutating func crc(_ name: StaticString, _ input: StaticString, _ expected: UInt16) {
        let data: FixedBytes<64> = Self.bytes(input)
        record(CRC16.checksum(data) == expected, name)
    }

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
