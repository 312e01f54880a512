import LobbyWire
import LobbyTestSupport
import Testing

@Suite("Frame decoder", .tags(.unit))
struct FrameDecoderTests {
    static func sampleFrame(sequence: UInt8 = 7) -> Frame {
        Message.showText(.lines([(0, [], "A123")])).frame(
            from: .master, to: DeviceAddress(0x11), sequence: SequenceNumber(sequence))
    }

    @Test("a frame split at every position decodes once")
    func splitAnywhere() {
        let wire = Self.sampleFrame().encoded().array
        for split in 0...wire.count {
            var decoder = FrameDecoder()
            var results: [DecoderOutput] = []
            for byte in wire[..<split] { if let output = decoder.consume(byte) { results.append(output) } }
            for byte in wire[split...] { if let output = decoder.consume(byte) { results.append(output) } }
            #expect(results.count == 1, "split at \(split)")
            if case .frame(let frame)? = results.first {
                #expect(frame.header.sequence == SequenceNumber(7))
            } else {
                Issue.record("split at \(split): \(results)")
            }
        }
    }

    @Test("repeated delimiters are idle line, not errors")
    func idleDelimiters() {
        #expect(decodeAll([0, 0, 0, 0]).isEmpty)
    }

    @Test("every single-bit error in a frame is rejected")
    func singleBitErrors() {
        let wire = Self.sampleFrame().encoded().array
        for index in 0..<(wire.count - 1) {
            for bit in 0..<8 {
                var corrupted = wire
                corrupted[index] ^= 1 << bit
                let outputs = decodeAll(corrupted + [0])
                let accepted = outputs.contains { if case .frame = $0 { true } else { false } }
                #expect(!accepted, "flip of bit \(bit) in byte \(index) was accepted")
            }
        }
    }

    @Test("truncation at every length is rejected and the next frame still decodes")
    func truncationThenResync() {
        let wire = Self.sampleFrame(sequence: 1).encoded().array
        let next = Self.sampleFrame(sequence: 2).encoded().array
        for cut in 1..<(wire.count - 1) {
            let outputs = decodeAll(Array(wire[..<cut]) + [0] + next)
            #expect(outputs.count == 2, "cut \(cut)")
            if case .rejected = outputs.first {} else { Issue.record("cut \(cut): first output \(String(describing: outputs.first))") }
            if case .frame(let frame)? = outputs.last {
                #expect(frame.header.sequence == SequenceNumber(2))
            } else {
                Issue.record("cut \(cut): no resync")
            }
        }
    }

    @Test("oversized input is rejected once, then decoding resumes")
    func oversized() {
        let noise = [UInt8](repeating: 0x42, count: 1000)
        let outputs = decodeAll(noise + [0] + Self.sampleFrame().encoded().array)
        #expect(outputs.count == 2)
        #expect(outputs.first == .rejected(.oversized))
        if case .frame = outputs.last {} else { Issue.record("no frame after oversized noise") }
    }

    @Test("the largest frame fits and decodes")
    func largestFrame() {
        var data = FixedBytes<192>()
        for index in 0..<192 { data.append(UInt8(index & 0xFF)) }
        let message = Message.frameBufferChunk(FrameBufferChunk(width: 128, height: 128, offset: 0, totalBytes: 2048, data: data))
        let wire = message.frame(from: DeviceAddress(0x11), to: .master, sequence: SequenceNumber(1)).encoded()
        #expect(wire.count <= FrameLimits.maxEncoded)
        let outputs = decodeAll(wire)
        guard case .frame(let frame)? = outputs.first else {
            Issue.record("not decoded: \(outputs)")
            return
        }
        #expect(frame.payload.count == 200)
        #expect((try? Message.decode(type: frame.header.type, payload: frame.payload)) == message)
    }

    @Test("an inter-byte gap reset drops a partial frame")
    func gapReset() {
        var decoder = FrameDecoder()
        let wire = Self.sampleFrame().encoded().array
        for byte in wire.prefix(5) { _ = decoder.consume(byte) }
        #expect(decoder.isInsideFrame)
        decoder.reset()
        var outputs: [DecoderOutput] = []
        for byte in wire { if let output = decoder.consume(byte) { outputs.append(output) } }
        #expect(outputs.count == 1)
    }

    @Test("seeded fuzz: random and mutated input never crashes and never yields a bad-CRC frame")
    func fuzz() {
        var random = SeededGenerator(seed: 0x10BB_1E5)
        var decoder = FrameDecoder()
        var frames = 0
        var rejected = 0
        let valid = FrameVectorTests.good.map(\.input)
        let clock = ContinuousClock()
        let start = clock.now
        var iterations = 0
        while clock.now - start < .seconds(2) {
            var chunk: [UInt8]
            switch random.next() % 4 {
            case 0:
                chunk = (0..<Int(random.next() % 300)).map { _ in random.byte() }
            case 1:
                chunk = valid[Int(random.next() % UInt64(valid.count))]
            default:
                chunk = valid[Int(random.next() % UInt64(valid.count))]
                for _ in 0...Int(random.next() % 3) {
                    let index = Int(random.next() % UInt64(chunk.count))
                    chunk[index] = random.byte()
                }
            }
            for byte in chunk {
                switch decoder.consume(byte) {
                case .frame(let frame)?:
                    frames += 1
                    // Whatever arrives as a frame must have a consistent CRC and length.
                    let body = frame.body()
                    #expect(FrameDecoder.validate(body) == .frame(frame))
                    _ = try? Message.decode(type: frame.header.type, payload: frame.payload)
                case .rejected?: rejected += 1
                case nil: break
                }
            }
            iterations += 1
        }
        #expect(iterations > 1000)
        #expect(frames > 0 && rejected > 0)
    }
}
