import LobbyCCID
import LobbyCard
import LobbyMRZ
import LobbyTestSupport
import Testing

/// `lobbyctl card list` and `card watch` output, masked and revealed.
@Suite(.tags(.unit))
struct CardOutputTests {
    static let device = USBDeviceIdentity(vendorID: 0x08E6, productID: 0x4433, bus: 1, address: 2, portPath: [1],
                                          manufacturer: "QEMU", product: "QEMU USB CCID")
    static var layout: CCIDInterfaceLayout {
        let endpoints = [
            USBEndpointInfo(address: 0x81, attributes: 0x03, maximumPacketSize: 64),
            USBEndpointInfo(address: 0x82, attributes: 0x02, maximumPacketSize: 64),
            USBEndpointInfo(address: 0x03, attributes: 0x02, maximumPacketSize: 64),
        ]
        return try! CCIDInterfaceLayout(interface: USBInterfaceInfo(number: 0, interfaceClass: 0x0B, endpoints: endpoints,
                                                                    extra: DescriptorDump.qemuBytes()))
    }
    static var reader: CardReaderInfo { CardReaderInfo(device: device, layout: layout) }
    static var identity: CardIdentity {
        CardIdentity(answerToReset: SyntheticCard().answerToReset.bytes, exchange: .t1(ifsc: 254), protocolNotAdvertised: true,
                     readings: [CardApplicationReading(application: "emrtd", outcome: .machineReadableZone(MRZParser.parse(SyntheticCard.mrz)))])
    }

    @Test("card list: text block and JSON line")
    func list() {
        let snapshots = [
            CardReaderSnapshot(device: Self.device, layout: Self.layout, slots: [.absent]),
            CardReaderSnapshot(device: USBDeviceIdentity(vendorID: 0x072F, productID: 0xB100, bus: 1, address: 5, portPath: [2, 1]),
                               layout: nil, slots: [], problem: "cannot use the reader: open: permission denied (udev rule and group lobby?)"),
        ]
        #expect(CardList.render(snapshots, style: CardOutputStyle()) == """
            usb:1-1  08e6:4433  QEMU QEMU USB CCID
              interface 0, TPDU level, protocols T=0, 1 slot, max message 65554 bytes
              endpoints bulk-out 0x03 bulk-in 0x82 interrupt 0x81
              slot 0: empty
            usb:1-2.1  072f:b100  072f:b100
              problem: cannot use the reader: open: permission denied (udev rule and group lobby?)

            """)
        let json = CardList.render(Array(snapshots.prefix(1)), style: CardOutputStyle(json: true))
        #expect(json == #"{"location":"usb:1-1","vendorProduct":"08e6:4433","name":"QEMU QEMU USB CCID","interface":0,"level":"tpdu","protocols":["T=0"],"slotCount":1,"maxMessageLength":65554,"interruptEndpoint":true,"slots":[{"slot":0,"card":"absent"}],"problem":null}"# + "\n")
        #expect(CardList.render([], style: CardOutputStyle()) == "no CCID card readers found\n")
    }

    @Test("card watch: personal fields masked by default")
    func watchMasked() {
        let line = CardWatch.line(.cardIdentified(reader: Self.reader, slot: 0, identity: Self.identity, milliseconds: 58.94),
                                  style: CardOutputStyle())
        #expect(line == "card identified usb:1-1 slot 0 ATR 3B 85 81 31 FE 45 4C 4F 42 42 59 D4 via T=1 (TPDU, IFSC 254) "
                + "(protocol not listed by the reader) in 58.9 ms; emrtd: TD1 ID AZE valid documentNumber AA******* surname *** "
                + "givenNames *** birthDate *** sex *** expiryDate *** nationality *** fin ***")
        for secret in ["1234567", "NUMUNOV", "SINAQ", "010203", "340203", "2QW3ER5"] {
            #expect(!line.contains(secret), "masked line shows \(secret)")
            let json = CardWatch.line(.cardIdentified(reader: Self.reader, slot: 0, identity: Self.identity, milliseconds: 58.94),
                                      style: CardOutputStyle(json: true))
            #expect(!json.contains(secret), "masked JSON shows \(secret)")
        }
    }

    @Test("card watch: --reveal shows the fields")
    func watchRevealed() {
        let line = CardWatch.text(.cardIdentified(reader: Self.reader, slot: 0, identity: Self.identity, milliseconds: 12), reveal: true)
        #expect(line.hasSuffix("emrtd: TD1 ID AZE valid documentNumber AA1234567 surname NUMUNOV givenNames SINAQ TEST birthDate 010203 "
                               + "sex M expiryDate 340203 nationality AZE fin 2QW3ER5"))
        let json = CardWatch.line(.cardIdentified(reader: Self.reader, slot: 0, identity: Self.identity, milliseconds: 12),
                                  style: CardOutputStyle(json: true, reveal: true))
        #expect(json.contains(#""mrz":{"format":"TD1","documentCode":"ID","issuingState":"AZE","valid":true,"documentNumber":"AA1234567","surname":"NUMUNOV","givenNames":"SINAQ TEST","birthDate":"010203","sex":"M","expiryDate":"340203","nationality":"AZE","fin":"2QW3ER5","errors":[]}"#))
        #expect(json.hasPrefix(#"{"event":"cardIdentified","reader":"usb:1-1","slot":0,"atr":"3B858131FE454C4F424259D4","exchange":"T=1 (TPDU, IFSC 254)","protocolNotAdvertised":true,"milliseconds":12,"#))
    }

    @Test("masked errors name the fields only (messages quote values)")
    func maskedErrors() {
        let broken = MRZParser.parse(SyntheticCard.mrz.replacingFirst("0102030M", with: "0102031M"))
        let masked = MRZDisclosure.fields(of: broken, reveal: false)
        #expect(masked.first { $0.0 == "errorFields" }?.1 == .array([.string("birthDate"), .string("composite")]))
        let revealed = MRZDisclosure.fields(of: broken, reveal: true)
        guard case .array(let messages)? = revealed.first(where: { $0.0 == "errors" })?.1 else {
            Issue.record("no errors array")
            return
        }
        #expect(messages.count == 2)
        #expect(MRZDisclosure.mask("AA1234567", keeping: 2) == "AA*******")
        #expect(MRZDisclosure.mask("A", keeping: 2) == "A")
    }

    struct EventLine: Sendable, CustomTestStringConvertible {
        var event: CardEvent
        var text: String
        var json: String
        var testDescription: String { text }
    }

    static var events: [EventLine] {
        [
            EventLine(event: .readerAdded(reader), text: #"reader added usb:1-1 08e6:4433 "QEMU QEMU USB CCID" tpdu T=0"#,
                      json: #"{"event":"readerAdded","reader":"usb:1-1","vendorProduct":"08e6:4433","name":"QEMU QEMU USB CCID","level":"tpdu"}"#),
            EventLine(event: .cardInserted(reader: reader, slot: 0), text: "card inserted usb:1-1 slot 0",
                      json: #"{"event":"cardInserted","reader":"usb:1-1","slot":0}"#),
            EventLine(event: .cardFailed(reader: reader, slot: 0, error: .cardMute("no answer to XfrBlock within 3000 ms")),
                      text: "card failed usb:1-1 slot 0 mute: the card does not answer (no answer to XfrBlock within 3000 ms)",
                      json: #"{"event":"cardFailed","reader":"usb:1-1","slot":0,"error":"mute","message":"the card does not answer (no answer to XfrBlock within 3000 ms)"}"#),
            EventLine(event: .cardRemoved(reader: reader, slot: 0), text: "card removed usb:1-1 slot 0",
                      json: #"{"event":"cardRemoved","reader":"usb:1-1","slot":0}"#),
            EventLine(event: .readerRemoved(reader), text: "reader removed usb:1-1",
                      json: #"{"event":"readerRemoved","reader":"usb:1-1","vendorProduct":"08e6:4433","name":"QEMU QEMU USB CCID"}"#),
            EventLine(event: .readerUnusable(device, problem: "interface busy"), text: "reader unusable usb:1-1 08e6:4433: interface busy",
                      json: #"{"event":"readerUnusable","reader":"usb:1-1","vendorProduct":"08e6:4433","problem":"interface busy"}"#),
        ]
    }

    @Test("event lines", arguments: events)
    func eventLines(_ line: EventLine) {
        #expect(CardWatch.line(line.event, style: CardOutputStyle()) == line.text)
        #expect(CardWatch.line(line.event, style: CardOutputStyle(json: true)) == line.json)
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced (test helper, no Foundation).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
