import LobbyTestSupport
import Testing
@testable import LobbyTouch

@Suite(.tags(.unit)) struct EvemuParserTests {
    /// Independent count of `E:` lines in a text.
    static func eventLineCount(_ text: String) -> Int {
        text.split(separator: "\n").filter { $0.hasPrefix("E:") }.count
    }

    @Test func wetabDescription() throws {
        let recording = try EvemuParser.parse(Recordings.wetabProp)
        #expect(recording.formatVersion == EvemuFormatVersion(major: 1, minor: 1))
        #expect(recording.deviceSource == .descriptionLines)
        #expect(recording.events.isEmpty)
        let device = try #require(recording.device)
        #expect(device.name == "eGalax-Inc.-USB-TouchController Virtual Device")
        #expect(device.identity == DeviceIdentity(bus: 0x03, vendor: 0x0eef, product: 0x72a1, version: 0x0210))
        #expect(device.identity.vendorProduct.description == "0eef:72a1")
        #expect(device.properties.isEmpty)
        #expect(device.supportedEvents[.synchronization] == [0, 1, 3])
        #expect(device.supportedEvents[.key] == [KeyCode.touch.rawValue])
        #expect(device.supportedEvents[.absolute] == Set([0x00, 0x01, 0x2f, 0x35, 0x36, 0x39]))
        #expect(device.supportedEvents[.forceFeedback] == nil || device.supportedEvents[.forceFeedback]!.isEmpty)
        #expect(device.axis(.x) == AbsoluteAxisInfo(minimum: 0, maximum: 32760, fuzz: 31, flat: 0))
        #expect(device.axis(.multitouchSlot) == AbsoluteAxisInfo(minimum: 0, maximum: 1))
        #expect(device.axis(.multitouchTrackingID)?.maximum == 65535)
        #expect(device.absoluteAxes.count == 6)
    }

    @Test func wetabEvents() throws {
        let text = Recordings.wetabEvent
        let recording = try EvemuParser.parse(text)
        #expect(recording.events.count == Self.eventLineCount(text))
        #expect(recording.events.count == 170)
        let first = try #require(recording.events.first)
        #expect(first == InputEvent.absolute(.multitouchTrackingID, 431, at: EventTime(seconds: 1_288_981_453, microseconds: 965_969)))
        // "-001" is a zero-padded negative value.
        #expect(recording.events[7] == InputEvent.absolute(.multitouchTrackingID, -1, at: EventTime(seconds: 1_288_981_454, microseconds: 170_939)))
        #expect(recording.events.filter { $0.keyCode == .touch }.count == 22)
        #expect(recording.events.filter { $0.syncCode == .report }.count == 42)
        // Times never go backwards in a real recording.
        #expect(zip(recording.events, recording.events.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test func nexus4DescriptionAndEvents() throws {
        let recording = try Recordings.n4()
        let device = try #require(recording.device)
        #expect(device.name == "touch_dev")
        #expect(device.identity == DeviceIdentity(bus: 0, vendor: 0, product: 0, version: 0))
        #expect(device.properties == [.direct])
        #expect(device.supportedEvents[.synchronization] == [0, 3])
        #expect(device.supportedEvents[.key] == nil || device.supportedEvents[.key]!.isEmpty)
        #expect(device.axis(.multitouchSlot) == AbsoluteAxisInfo(minimum: 0, maximum: 9))
        #expect(device.axis(.multitouchPositionX)?.maximum == 1535)
        #expect(device.axis(.multitouchPositionY)?.maximum == 2559)
        #expect(device.axis(.multitouchPressure)?.maximum == 255)
        #expect(device.axis(.x) == nil)

        #expect(recording.events.count == Self.eventLineCount(Recordings.n4Events))
        #expect(recording.events.count == 4953)
        #expect(recording.events.filter { $0.absoluteAxis == .multitouchSlot }.count == 1281)
        #expect(recording.events.filter { $0.absoluteAxis == .multitouchTrackingID }.count == 24)
        #expect(recording.events.filter { $0.syncCode == .report }.count == 577)
        // Values are decimal even when zero-padded: "0010" is tracking id 10, not 16.
        let ids = recording.events.filter { $0.absoluteAxis == .multitouchTrackingID && $0.value >= 0 }.map(\.value)
        #expect(ids == Array(5...16))
        #expect(recording.events.first?.time == EventTime(seconds: 75, microseconds: 280_046))
    }

    /// evemu 1.0/1.1 files that describe the device only in `#` comment blocks.
    @Test(arguments: ["wetab.prop", "n4.desc"])
    func commentBlocksDescribeTheSameDevice(file: String) throws {
        let text = Recordings.text(file)
        let machine = try #require(try EvemuParser.parse(text).device)
        let commentsOnly = text.split(separator: "\n").filter { $0.hasPrefix("#") }.joined(separator: "\n")
        let recording = try EvemuParser.parse(commentsOnly)
        #expect(recording.deviceSource == .commentBlocks)
        #expect(recording.device == machine)
    }

    @Test func format13WithResolutionLedsSwitchesAndCRLF() throws {
        let text = [
            "# EVEMU 1.3",
            "# Kernel: 6.1.0",
            "# DMI: dmi:bvnSynthetic:",
            "N: Synthetic Touch Panel",
            "I: 0018 1234 abcd 0100",
            "P: 02 00 00 00 00 00 00 00",
            "B: 00 0b 00 00 00 00 00 00 00",
            "B: 01 00 00 00 00 00 00 00 00",
            "B: 01 00 00 00 00 00 00 00 00",
            "B: 01 00 00 00 00 00 00 00 00",
            "B: 01 00 00 00 00 00 00 00 00",
            "B: 01 00 00 00 00 00 00 00 00",
            "B: 01 00 04 00 00 00 00 00 00",
            "B: 03 03 00 00 00 00 00 00 00",
            "A: 00 -100 4000 4 0 12",
            "A: 01 -100 3000 4 0 12",
            "L: 00 1",
            "S: 00 0",
            "E: 0.000001 0003 0000 -50",
            "E: 0.000001 0001 014a 1",
            "E: 0.000001 0000 0000 0000\t# ------------ SYN_REPORT (0) ---------- +0ms",
            "# a comment between events",
            "E: 0.5 0000 0000 0",
        ].joined(separator: "\r\n")
        let recording = try EvemuParser.parse(text)
        #expect(recording.formatVersion == EvemuFormatVersion(major: 1, minor: 3))
        let device = try #require(recording.device)
        #expect(device.name == "Synthetic Touch Panel")
        #expect(device.identity == DeviceIdentity(bus: 0x18, vendor: 0x1234, product: 0xabcd, version: 0x100))
        #expect(device.properties == [.direct])
        #expect(device.supports(.touch))
        #expect(device.axis(.x) == AbsoluteAxisInfo(minimum: -100, maximum: 4000, fuzz: 4, flat: 0, resolution: 12))
        #expect(recording.events.count == 4)
        #expect(recording.events[0].value == -50)
        #expect(recording.events[3].time == EventTime(microseconds: 500_000))
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        let text: String
        let line: Int
        let problem: EvemuParseError.Problem
        var testDescription: String { "\(problem)" }
    }

    static let header = "N: x\nI: 0003 0001 0002 0003\n"

    static let badInputs: [BadInput] = [
        BadInput(text: header + "A: 00 0 100\n", line: 3,
                 problem: .wrongFieldCount(tag: "A:", expected: "an axis code and 4 or 5 numbers (min max fuzz flat [resolution])", found: 3)),
        BadInput(text: header + "A: 00 0 100 0 0 0 7\n", line: 3,
                 problem: .wrongFieldCount(tag: "A:", expected: "an axis code and 4 or 5 numbers (min max fuzz flat [resolution])", found: 7)),
        BadInput(text: header + "A: 40 0 100 0 0\n", line: 3, problem: .numberOutOfRange(tag: "A:", field: "axis code", text: "40")),
        BadInput(text: header + "A: 00 0 1x0 0 0\n", line: 3, problem: .invalidNumber(tag: "A:", field: "max", text: "1x0")),
        BadInput(text: "N: x\nI: 0003 zz 0002 0003\n", line: 2, problem: .invalidNumber(tag: "I:", field: "vendor", text: "zz")),
        BadInput(text: "N: x\nI: 0003 0001 0002\n", line: 2,
                 problem: .wrongFieldCount(tag: "I:", expected: "4 hex numbers (bus vendor product version)", found: 3)),
        BadInput(text: "N: x\nI: 0003 10000 0002 0003\n", line: 2, problem: .numberOutOfRange(tag: "I:", field: "vendor", text: "10000")),
        BadInput(text: header + "P: 00 00\n", line: 3, problem: .wrongFieldCount(tag: "P:", expected: "8 hex bytes", found: 2)),
        BadInput(text: header + "B: 20 00 00 00 00 00 00 00 00\n", line: 3, problem: .numberOutOfRange(tag: "B:", field: "event type", text: "20")),
        BadInput(text: header + "B: 03 00 00 00 00 00 00 100 00\n", line: 3, problem: .numberOutOfRange(tag: "B:", field: "byte 7", text: "100")),
        BadInput(text: "E: 1.000000 0003 0035\n", line: 1,
                 problem: .wrongFieldCount(tag: "E:", expected: "4 fields (sec.usec type code value)", found: 3)),
        BadInput(text: "# c\n\nE: 1,000000 0003 0035 5\n", line: 3, problem: .invalidNumber(tag: "E:", field: "time", text: "1,000000")),
        BadInput(text: "E: 1.0000001 0003 0035 5\n", line: 1, problem: .numberOutOfRange(tag: "E:", field: "time", text: "1.0000001")),
        BadInput(text: "E: 1.000000 0003 0035 99999999999\n", line: 1, problem: .numberOutOfRange(tag: "E:", field: "value", text: "99999999999")),
        BadInput(text: "E: 1.000000 0003 0035 -\n", line: 1, problem: .invalidNumber(tag: "E:", field: "value", text: "-")),
        BadInput(text: "E: 1.000000 0g03 0035 1\n", line: 1, problem: .invalidNumber(tag: "E:", field: "type", text: "0g03")),
        BadInput(text: header + "X: what\n", line: 3, problem: .unknownLineType("X:")),
        BadInput(text: header + "garbage here\n", line: 3, problem: .unknownLineType("garbage ")),
        BadInput(text: header + "N: y\n", line: 3, problem: .duplicateDeviceName),
        BadInput(text: header + "E: 1.000000 0000 0000 0\nA: 00 0 1 0 0\n", line: 4, problem: .descriptionAfterEvents(tag: "A:")),
        BadInput(text: "N: lonely\n", line: 1, problem: .incompleteDescription(missing: "I:")),
        BadInput(text: "I: 0003 0001 0002 0003\n", line: 1, problem: .incompleteDescription(missing: "N:")),
        // Found by EvemuFuzzTests: neither N: nor I:, the description's first line is named (was line 0).
        BadInput(text: "# c\nP: 00 00 00 00 00 00 00 00\nB: 03 03 00 00 00 00 00 00 00\n", line: 2, problem: .incompleteDescription(missing: "N:")),
        BadInput(text: "# EVEMU 1.3\n\n", line: 1, problem: .empty),
        BadInput(text: header + "L: 00\n", line: 3, problem: .wrongFieldCount(tag: "L:", expected: "a code and a value", found: 1)),
    ]

    @Test(arguments: badInputs)
    func errorsNameLineAndProblem(input: BadInput) {
        #expect(throws: EvemuParseError(line: input.line, problem: input.problem)) {
            try EvemuParser.parse(input.text)
        }
    }

    @Test func errorMessageSaysWhereAndWhat() {
        let error = EvemuParseError(line: 12, problem: .invalidNumber(tag: "E:", field: "value", text: "0x1"))
        #expect(error.description == "line 12: E: field 'value' is not a valid number: '0x1'")
    }

    @Test func separateDescriptionAndEventFiles() throws {
        let events = try EvemuParser.parse(Recordings.n4Events)
        #expect(events.device == nil)
        #expect(events.deviceSource == .none)
        let combined = try Recordings.n4()
        #expect(combined.events == events.events)
        #expect(combined.device?.name == "touch_dev")
    }
}
