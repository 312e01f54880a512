import LobbyTestSupport
import Testing
@testable import LobbyTouch

/// Every mask of a recording is bounded by what a kernel can report: too many `P:`/`B:` lines or a
/// bit beyond `KEY_MAX`, `ABS_MAX`, `INPUT_PROP_MAX`… is an error naming the line, never a trap.
@Suite(.tags(.unit)) struct EvemuMaskBoundsTests {
    static let header = "N: x\nI: 0003 0001 0002 0003\n"

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let line: Int
        let problem: EvemuParseError.Problem
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // The reported crash: more than 1,024 P: lines put a bit index past 65,535.
        Case(name: "1,100 P: lines", text: header + String(repeating: "P: 00 00 00 00 00 00 00 00\n", count: 1_100), line: 4,
             problem: .maskTooLong(tag: "P:", mask: "property", ordinal: 2, maximumLines: 1, limit: "INPUT_PROP_MAX 0x1f")),
        Case(name: "1,100 B: 01 lines", text: header + String(repeating: "B: 01 00 00 00 00 00 00 00 00\n", count: 1_100), line: 15,
             problem: .maskTooLong(tag: "B:", mask: "EV_KEY", ordinal: 13, maximumLines: 12, limit: "KEY_MAX 0x2ff")),
        Case(name: "2 B: 03 lines", text: header + "B: 03 03 00 00 00 00 00 00 00\nB: 03 00 00 00 00 00 00 00 00\n", line: 4,
             problem: .maskTooLong(tag: "B:", mask: "EV_ABS", ordinal: 2, maximumLines: 1, limit: "ABS_MAX 0x3f")),
        Case(name: "3 B: 15 lines", text: header + String(repeating: "B: 15 00 00 00 00 00 00 00 00\n", count: 3), line: 5,
             problem: .maskTooLong(tag: "B:", mask: "EV_FF", ordinal: 3, maximumLines: 2, limit: "FF_MAX 0x7f")),
        Case(name: "2 lines of a type without codes", text: header + "B: 16 00 00 00 00 00 00 00 00\nB: 16 00 00 00 00 00 00 00 00\n", line: 4,
             problem: .maskTooLong(tag: "B:", mask: "EV_0x16", ordinal: 2, maximumLines: 1, limit: "no codes")),
        Case(name: "property bit 0x20", text: header + "P: 00 00 00 00 01 00 00 00\n", line: 3,
             problem: .maskBitOutOfRange(tag: "P:", mask: "property", bit: 0x20, limit: "INPUT_PROP_MAX 0x1f")),
        Case(name: "type bit 0x3f", text: header + "B: 00 0b 00 00 00 00 00 00 80\n", line: 3,
             problem: .maskBitOutOfRange(tag: "B:", mask: "EV_SYN", bit: 0x3f, limit: "EV_MAX 0x1f")),
        Case(name: "REL bit 0x10", text: header + "B: 02 03 00 01 00 00 00 00 00\n", line: 3,
             problem: .maskBitOutOfRange(tag: "B:", mask: "EV_REL", bit: 0x10, limit: "REL_MAX 0xf")),
        Case(name: "SW bit 0x11", text: header + "B: 05 00 00 02 00 00 00 00 00\n", line: 3,
             problem: .maskBitOutOfRange(tag: "B:", mask: "EV_SW", bit: 0x11, limit: "SW_MAX 0x10")),
        Case(name: "a bit of a type without codes", text: header + "B: 16 01 00 00 00 00 00 00 00\n", line: 3,
             problem: .maskBitOutOfRange(tag: "B:", mask: "EV_0x16", bit: 0, limit: nil)),
        Case(name: "comment event type 40", text: "# Input device name: \"x\"\n# Input device ID: bus 0x03 vendor 0x1 product 0x2 version 0x3\n#   Event type 40 (?)\n",
             line: 3, problem: .maskBitOutOfRange(tag: "#", mask: "event type", bit: 40, limit: "EV_MAX 0x1f")),
        Case(name: "comment key code 800",
             text: "# Input device name: \"x\"\n# Input device ID: bus 0x03 vendor 0x1 product 0x2 version 0x3\n#   Event type 1 (EV_KEY)\n#     Event code 800 (?)\n",
             line: 4, problem: .maskBitOutOfRange(tag: "#", mask: "EV_KEY", bit: 800, limit: "KEY_MAX 0x2ff")),
        Case(name: "comment property 32",
             text: "# Input device name: \"x\"\n# Input device ID: bus 0x03 vendor 0x1 product 0x2 version 0x3\n# Properties:\n#   Property  type 32 (?)\n",
             line: 4, problem: .maskBitOutOfRange(tag: "#", mask: "property", bit: 32, limit: "INPUT_PROP_MAX 0x1f")),
    ]

    @Test(arguments: cases)
    func refusedWithTheLine(testCase: Case) {
        #expect(throws: EvemuParseError(line: testCase.line, problem: testCase.problem)) {
            try EvemuParser.parse(testCase.text)
        }
    }

    @Test func messagesSayWhatAKernelCanReport() {
        #expect(EvemuParseError(line: 15, problem: .maskTooLong(tag: "B:", mask: "EV_KEY", ordinal: 13, maximumLines: 12, limit: "KEY_MAX 0x2ff")).description
            == "line 15: B: line number 13 for EV_KEY, but a kernel's largest EV_KEY mask (KEY_MAX 0x2ff) fills 12 lines of 8 bytes")
        #expect(EvemuParseError(line: 3, problem: .maskBitOutOfRange(tag: "P:", mask: "property", bit: 0x20, limit: "INPUT_PROP_MAX 0x1f")).description
            == "line 3: P: property bit 0x20 is set, beyond INPUT_PROP_MAX 0x1f")
        #expect(EvemuParseError(line: 3, problem: .maskBitOutOfRange(tag: "B:", mask: "EV_0x16", bit: 0, limit: nil)).description
            == "line 3: B: EV_0x16 bit 0x0 is set, but a kernel defines no EV_0x16 codes")
    }

    /// The largest masks a kernel can report are accepted: every key, every axis, every property.
    @Test func fullMasksAreAccepted() throws {
        let text = Self.header + "P: ff ff ff ff 00 00 00 00\n" + "B: 00 ff ff ff ff 00 00 00 00\n"
            + String(repeating: "B: 01 ff ff ff ff ff ff ff ff\n", count: 12) + "B: 03 ff ff ff ff ff ff ff ff\n"
            + String(repeating: "B: 15 ff ff ff ff ff ff ff ff\n", count: 2)
        let device = try #require(try EvemuParser.parse(text).device)
        #expect(device.properties.count == 32)
        #expect(device.supportedEvents[.key]?.count == 768)
        #expect(device.supportedEvents[.key]?.max() == 0x2ff)
        #expect(device.supportedEvents[.absolute]?.count == 64)
        #expect(device.supportedEvents[.forceFeedback]?.count == 128)
    }
}
