import LobbyWire
import LobbyTestSupport
import Testing

/// The designed text of values and messages (what lobbyctl, the API, logs and the bus monitor print).
@Suite("Text formats", .tags(.unit))
struct TextFormatTests {
    @Test("values: firmware 1.2.3, serial 16 hex digits, address 0x11, kind, names of the specification")
    func values() {
        #expect("\(FirmwareVersion(major: 1, minor: 2, patch: 3))" == "1.2.3")
        #expect("\(DeviceSerial(0x4C42_0001_0000_0002))" == "4c42000100000002")
        #expect("\(DeviceSerial(0xC0FFEE))" == "0000000000c0ffee")
        #expect("\(DeviceAddress(0x11))" == "0x11" && "\(DeviceAddress(0x0A))" == "0x0A")
        #expect("\(DeviceKind.hallBoard)" == "hall-board")
        #expect("\(MessageType.showText)" == "showText" && "\(MessageType(0x5A))" == "type 0x5A")
        #expect("\(NackReason.outOfRange)" == "outOfRange")
        #expect("\(OperatorKey.noShow)" == "noShow")
        #expect("\(StatusFlags([.needsRepaint, .missingGlyphs]))" == "needsRepaint+missingGlyphs")
        #expect("\(StatusFlags([]))" == "none")
        let identity = DeviceIdentity(
            kind: .keypad, firmware: FirmwareVersion(major: 1, minor: 0, patch: 4), serial: DeviceSerial(0x42),
            geometry: DisplayGeometry(lines: 1, columns: 8, glyphWidth: 0, glyphHeight: 0), capabilities: 3)
        #expect("\(identity)" == "keypad 1x8, firmware 1.0.4, serial 0000000000000042, protocol 1, test hooks, beeper")
    }

    @Test("parsing what people type: hex addresses with or without 0x, serials of 1 to 16 hex digits")
    func parsing() {
        #expect(DeviceAddress(text: "0x11") == DeviceAddress(0x11))
        #expect(DeviceAddress(text: "11") == DeviceAddress(0x11), "a board's power-on screen shows @11")
        #expect(DeviceAddress(text: "fe") == .unassigned)
        #expect(DeviceAddress(text: "0x123") == nil && DeviceAddress(text: "zz") == nil && DeviceAddress(text: "") == nil)
        #expect(DeviceSerial(text: "0xB0A20042") == DeviceSerial(0xB0A2_0042))
        #expect(DeviceSerial(text: "4c42000100000002") == DeviceSerial(0x4C42_0001_0000_0002))
        #expect(DeviceSerial(text: "4c4200010000000201") == nil && DeviceSerial(text: "xyz") == nil)
        #expect(TestPattern(name: "rows") == .rows && TestPattern(name: "stripes") == nil)
    }

    @Test("the bus monitor's words for messages: name and content")
    func messages() {
        #expect("\(Message.showText(.lines([(0, .alignCenter, "A042 → 5")])))" == "showText \"A042 → 5\" centre")
        #expect(
            "\(Message.showText(.lines([(0, .blink, "A123"), (1, [.invert, .scroll], "Növbə")])))"
                == "showText line 0 \"A123\" blink; line 1 \"Növbə\" invert scroll")
        #expect("\(Message.showText(TextLines()))" == "showText no lines")
        #expect("\(Message.keypadText(.lines([(0, [], "say \"hi\"\u{7}")])))" == "keypadText \"say \\\"hi\\\"\\u{7}\"")
        var malformed = TextLines()
        malformed.append(line: 0, utf8: [0x41, 0xFF, 0x42])
        #expect("\(Message.showText(malformed))" == "showText \"A\u{FFFD}B\"", "shown as a board decodes it")
        #expect("\(Message.nack(.keypadText, .outOfRange, detail: 1))" == "nack keypadText outOfRange (line 1)")
        #expect("\(Message.nack(.poll, .unsupportedVersion, detail: 1))" == "nack poll unsupportedVersion (speaks up to version 1)")
        #expect("\(Message.ack(.setAddress))" == "ack setAddress")
        #expect("\(Message.setAddress(serial: DeviceSerial(0xB0A2_0042), newAddress: DeviceAddress(0x12)))" == "setAddress serial 00000000b0a20042 → 0x12")
        #expect("\(Message.searchSerial(bits: 4, prefix: DeviceSerial(0x4000_0000_0000_0000)))" == "searchSerial, serials starting with bits 0100")
        #expect("\(Message.poll(acknowledgingThrough: EventID(7)))" == "poll, acknowledging events through 7")
        #expect("\(Message.readFrameBuffer(offset: 192, length: 192))" == "readFrameBuffer 192 bytes at 192")
        #expect("\(Message.injectKey(key: 6, holdCentiseconds: 10))" == "injectKey key 6 (recall), held 100 ms")
        #expect("\(Message.indicators(Indicators(leds: 2, blinkCentiseconds: 50, beeps: 2, beepCentiseconds: 10)))" == "indicators green, blink 500 ms, 2 beeps of 100 ms")
        var events = KeypadEventBatch()
        events.append(KeypadEvent(id: EventID(7), kind: .vote(ticket: TicketReference(42), score: 5), ageSeconds: 12))
        events.append(KeypadEvent(id: EventID(8), kind: .keyPressed(0), ageSeconds: 3))
        #expect(
            "\(Message.status(DeviceStatus(flags: .voteSessionOpen, uptimeSeconds: 3600, pendingEvents: 2, events: events)))"
                == "status voteSessionOpen, up 3600 s, 2 pending: event 7: vote 5 for ticket reference 42, 12 s ago; event 8: key 0 (vote 1) pressed, 3 s ago")
    }

    @Test("no message of the vector files is described with Swift's debug text")
    func noDebugText() throws {
        for vector in VectorFile.load("frames.txt") {
            guard case .frame(let frame)? = decodeAll(vector.input).first else { continue }
            let text = "\(try Message.decode(type: frame.header.type, payload: frame.payload))"
            for fragment in ["LobbyWire", "FixedBytes", "rawValue", "Optional", "payload:", "TextLines("] {
                #expect(!text.contains(fragment), "\(vector): \(text)")
            }
        }
        #expect("\(FrameRejection.crcMismatch(received: 0x1234, computed: 0xABCD))" == "crc-mismatch (frame says 0x1234, bytes give 0xABCD)")
    }
}
