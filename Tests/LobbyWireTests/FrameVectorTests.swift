import LobbyWire
import LobbyTestSupport
import Testing

/// The message each named frame vector must decode to, with its header.
struct ExpectedFrame: Sendable {
    let destination: UInt8
    let source: UInt8
    let sequence: UInt8
    let message: Message
}

enum ExpectedFrames {
    static func events() -> KeypadEventBatch {
        var batch = KeypadEventBatch()
        batch.append(KeypadEvent(id: EventID(7), kind: .vote(ticket: TicketReference(0x0102_0304), score: 5), ageSeconds: 12))
        batch.append(KeypadEvent(id: EventID(8), kind: .operatorKey(.callNext), ageSeconds: 3))
        return batch
    }

    static func chunk192() -> FixedBytes<192> {
        FixedBytes<192>((0..<192).map { UInt8(($0 * 37) % 256) })
    }

    static let table: [String: ExpectedFrame] = [
        "ack-showText": ExpectedFrame(destination: 0x00, source: 0x11, sequence: 5, message: .ack(.showText)),
        "nack-voteStart-unsupported": ExpectedFrame(
            destination: 0x00, source: 0x11, sequence: 6, message: .nack(.voteStart, .unsupportedByDevice, detail: 0)),
        "poll": ExpectedFrame(destination: 0x20, source: 0, sequence: 1, message: .poll(acknowledgingThrough: nil)),
        "poll-ack-7": ExpectedFrame(destination: 0x20, source: 0, sequence: 2, message: .poll(acknowledgingThrough: EventID(7))),
        "status-board-fresh": ExpectedFrame(
            destination: 0, source: 0x10, sequence: 3,
            message: .status(DeviceStatus(flags: .needsRepaint, uptimeSeconds: 3600))),
        "status-keypad-two-events": ExpectedFrame(
            destination: 0, source: 0x20, sequence: 4,
            message: .status(DeviceStatus(flags: .voteSessionOpen, uptimeSeconds: 86400, pendingEvents: 3, events: events()))),
        "identify-request": ExpectedFrame(destination: 0x11, source: 0, sequence: 9, message: .identifyRequest),
        "identify-reply-hall": ExpectedFrame(
            destination: 0, source: 0x11, sequence: 9,
            message: .identifyReply(
                DeviceIdentity(
                    kind: .hallBoard, firmware: FirmwareVersion(major: 1, minor: 0, patch: 0),
                    serial: DeviceSerial(0x4C42_0001_0000_0002),
                    geometry: DisplayGeometry(lines: 8, columns: 16, glyphWidth: 8, glyphHeight: 16)))),
        "identify-reply-keypad": ExpectedFrame(
            destination: 0, source: 0x20, sequence: 10,
            message: .identifyReply(
                DeviceIdentity(
                    kind: .keypad, firmware: FirmwareVersion(major: 1, minor: 2, patch: 3),
                    serial: DeviceSerial(0x4C42_0001_0000_0003),
                    geometry: DisplayGeometry(lines: 1, columns: 8, glyphWidth: 0, glyphHeight: 0),
                    capabilities: DeviceIdentity.capabilityBeeper))),
        "set-address-broadcast": ExpectedFrame(
            destination: 0xFF, source: 0, sequence: 11,
            message: .setAddress(serial: DeviceSerial(0x4C42_0001_0000_0002), newAddress: DeviceAddress(0x12))),
        "search-serial-4-bits": ExpectedFrame(
            destination: 0xFE, source: 0, sequence: 12, message: .searchSerial(bits: 4, prefix: DeviceSerial(0x4000_0000_0000_0000))),
        "blink-identify-5s": ExpectedFrame(destination: 0x10, source: 0, sequence: 13, message: .blinkIdentify(seconds: 5)),
        "reboot": ExpectedFrame(destination: 0x10, source: 0, sequence: 14, message: .reboot),
        "show-text-two-lines": ExpectedFrame(
            destination: 0x11, source: 0, sequence: 15,
            message: .showText(.lines([(0, .blink, "A123 → 5"), (1, [.invert, .scroll], "Növbə Əş Окно 3")]))),
        "clear": ExpectedFrame(destination: 0x11, source: 0, sequence: 16, message: .clear),
        "brightness-128": ExpectedFrame(destination: 0x11, source: 0, sequence: 17, message: .brightness(128)),
        "test-pattern-checkerboard": ExpectedFrame(destination: 0x11, source: 0, sequence: 18, message: .testPattern(.checkerboard)),
        "read-frame-buffer-192-at-192": ExpectedFrame(
            destination: 0x11, source: 0, sequence: 19, message: .readFrameBuffer(offset: 192, length: 192)),
        "frame-buffer-chunk": ExpectedFrame(
            destination: 0, source: 0x10, sequence: 20,
            message: .frameBufferChunk(
                FrameBufferChunk(width: 64, height: 16, offset: 0, totalBytes: 128, data: FixedBytes([0x00, 0x18, 0x3C, 0xFF])))),
        "frame-buffer-chunk-192": ExpectedFrame(
            destination: 0, source: 0x11, sequence: 21,
            message: .frameBufferChunk(
                FrameBufferChunk(width: 128, height: 128, offset: 192, totalBytes: 2048, data: chunk192()))),
        "vote-start": ExpectedFrame(
            destination: 0x20, source: 0, sequence: 22, message: .voteStart(ticket: TicketReference(0x00AB_CDEF), timeoutSeconds: 30)),
        "vote-stop": ExpectedFrame(destination: 0x20, source: 0, sequence: 23, message: .voteStop),
        "keypad-text": ExpectedFrame(destination: 0x20, source: 0, sequence: 24, message: .keypadText(.lines([(0, .alignCenter, "A123")]))),
        "indicators-green-blink-beep": ExpectedFrame(
            destination: 0x20, source: 0, sequence: 25,
            message: .indicators(Indicators(leds: 2, blinkCentiseconds: 50, beeps: 2, beepCentiseconds: 10))),
        "inject-key-vote-5": ExpectedFrame(destination: 0x20, source: 0, sequence: 26, message: .injectKey(key: 4, holdCentiseconds: 10)),
        "nack-keypadText-line-1": ExpectedFrame(
            destination: 0, source: 0x20, sequence: 27, message: .nack(.keypadText, .outOfRange, detail: 1)),
        "status-key-index-0": ExpectedFrame(
            destination: 0, source: 0x20, sequence: 28,
            message: .status(DeviceStatus(flags: [], uptimeSeconds: 5, pendingEvents: 1, events: batch(KeypadEvent(id: EventID(9), kind: .keyPressed(0), ageSeconds: 1))))),
        "status-vote-timed-out": ExpectedFrame(
            destination: 0, source: 0x20, sequence: 29,
            message: .status(
                DeviceStatus(
                    flags: [], uptimeSeconds: 90, pendingEvents: 1,
                    events: batch(KeypadEvent(id: EventID(10), kind: .voteTimedOut(ticket: TicketReference(0x00AB_CDEF)), ageSeconds: 0))))),
        "set-address-unicast-from-new": ExpectedFrame(destination: 0, source: 0x13, sequence: 30, message: .ack(.setAddress)),
    ]

    static func batch(_ event: KeypadEvent) -> KeypadEventBatch {
        var batch = KeypadEventBatch()
        batch.append(event)
        return batch
    }
}

@Suite("Frame vectors", .tags(.unit))
struct FrameVectorTests {
    static let good = VectorFile.load("frames.txt")
    static let bad = VectorFile.load("bad-frames.txt")

    @Test("every message type has a vector and every vector an expectation")
    func coverage() {
        #expect(Self.good.count == ExpectedFrames.table.count)
        let types = Set(ExpectedFrames.table.values.map { $0.message.type.rawValue })
        let all: [MessageType] = [
            .ack, .nack, .poll, .status, .identifyRequest, .identifyReply, .setAddress, .searchSerial, .blinkIdentify,
            .reboot, .showText, .clear, .brightness, .testPattern, .readFrameBuffer, .frameBufferChunk, .voteStart,
            .voteStop, .keypadText, .indicators, .injectKey,
        ]
        for type in all { #expect(types.contains(type.rawValue), "no vector for type \(type.rawValue)") }
    }

    @Test("good frames decode to the expected message and re-encode identically", arguments: good)
    func goodFrame(vector: Vector) throws {
        let expected = try #require(ExpectedFrames.table[vector.name], "\(vector): no expectation")
        let outputs = decodeAll(vector.input)
        guard outputs.count == 1, case .frame(let frame) = outputs[0] else {
            Issue.record("\(vector): decoded to \(outputs)")
            return
        }
        #expect(frame.header.destination.rawValue == expected.destination)
        #expect(frame.header.source.rawValue == expected.source)
        #expect(frame.header.sequence.rawValue == expected.sequence)
        #expect(vector.expected == "type-" + Hex.encode([frame.header.type.rawValue]))
        let message = try Message.decode(type: frame.header.type, payload: frame.payload)
        #expect(message == expected.message, "\(vector)")
        let encoded = expected.message.frame(
            from: DeviceAddress(expected.source), to: DeviceAddress(expected.destination),
            sequence: SequenceNumber(expected.sequence)
        ).encoded()
        #expect(Hex.encode(encoded) == Hex.encode(vector.input), "\(vector)")
        var inPlace = EncodedFrame([0xEE, 0xEE])
        #expect(expected.message.encodeFrame(
            from: DeviceAddress(expected.source), to: DeviceAddress(expected.destination),
            sequence: SequenceNumber(expected.sequence), into: &inPlace))
        #expect(inPlace == encoded, "\(vector): in-place encoding differs")
    }

    @Test("bad input is rejected with the expected reason", arguments: bad)
    func badFrame(vector: Vector) {
        let outputs = decodeAll(vector.input)
        guard outputs.count == 1 else {
            Issue.record("\(vector): \(outputs.count) outputs")
            return
        }
        switch outputs[0] {
        case .rejected(let rejection):
            #expect("\(rejection.code)" == vector.expected, "\(vector): \(rejection)")
        case .frame(let frame):
            do {
                let message = try Message.decode(type: frame.header.type, payload: frame.payload)
                Issue.record("\(vector): accepted as \(message)")
            } catch {
                #expect("\(error.code)" == vector.expected, "\(vector): \(error)")
            }
        }
    }

    @Test("good frames drip-fed byte by byte after noise decode the same")
    func dripFeedAfterNoise() {
        var decoder = FrameDecoder()
        var frames = 0
        var rejections = 0
        for vector in Self.good {
            for byte in [0x13, 0x37, 0xFF, 0x00] + vector.input {
                switch decoder.consume(byte) {
                case .frame?: frames += 1
                case .rejected?: rejections += 1
                case nil: break
                }
            }
        }
        #expect(frames == Self.good.count)
        #expect(rejections == Self.good.count)
    }
}
