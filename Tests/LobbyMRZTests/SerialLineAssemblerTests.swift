import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("Serial (CDC-ACM) line assembler", .tags(.unit))
struct SerialLineAssemblerTests {
    static let td3 = MRZInputTests.td3

    @Test(arguments: ["\r", "\n", "\r\n"])
    func lineEnds(end: String) {
        var assembler = SerialLineAssembler()
        let bytes = Array((Self.td3.joined(separator: end) + end).utf8)
        let candidates = assembler.receive(bytes, at: .milliseconds(10))
        #expect(candidates.map(\.text) == [Self.td3.joined(separator: "\n")])
        #expect(candidates.map(\.completion) == [.expectedLineCount])
    }

    @Test func dripFedByteByByteWithCRLFSplitAcrossReads() {
        var assembler = SerialLineAssembler()
        let bytes = Array((Self.td3.joined(separator: "\r\n") + "\r\n").utf8)
        var candidates: [MRZCandidate] = []
        for (index, byte) in bytes.enumerated() {
            candidates += assembler.receive([byte], at: .milliseconds(Int64(index)))
        }
        #expect(candidates.map(\.text) == [Self.td3.joined(separator: "\n")])
        #expect(assembler.deadline == nil)
    }

    @Test func blankLineEndsAnUnknownShape() {
        var assembler = SerialLineAssembler()
        let candidates = assembler.receive(Array("ABC\r\rDEF\n".utf8), at: .milliseconds(0))
        #expect(candidates.map(\.text) == ["ABC"])
        #expect(candidates.map(\.completion) == [.blankLine])
        let rest = assembler.poll(now: .milliseconds(501))
        #expect(rest?.text == "DEF")
        #expect(rest?.completion == .idleTimeout)
    }

    @Test func etxEndsAndControlBytesAreIgnored() {
        var assembler = SerialLineAssembler()
        let candidates = assembler.receive([0x02, 0x41, 0x00, 0x42, 0x0D, 0x43, 0x03], at: .milliseconds(0))
        #expect(candidates.map(\.text) == ["AB\nC"])
        #expect(candidates.map(\.completion) == [.endOfTransmission])
    }

    @Test func highBytesBecomeReplacementCharactersTheParserReports() {
        var assembler = SerialLineAssembler()
        var line2 = Array(Self.td3[1].utf8)
        line2[0] = 0xC3
        let bytes = Array(Self.td3[0].utf8) + [0x0D] + line2 + [0x0D]
        let candidate = assembler.receive(bytes, at: .milliseconds(0)).first
        let document = MRZParser.parse(candidate?.text ?? "")
        #expect(document.errors.first?.description
            == "character '\u{FFFD}' (U+FFFD) is not allowed (an MRZ uses A-Z, 0-9 and <) (line 2, column 1)")
    }

    @Test func timeoutBetweenReadsSplitsDocuments() {
        var assembler = SerialLineAssembler(configuration: .init(idleTimeout: .milliseconds(200)))
        #expect(assembler.receive(Array("P<UTO".utf8), at: .milliseconds(0)).isEmpty)
        let candidates = assembler.receive(Array("XYZ\r".utf8), at: .milliseconds(250))
        #expect(candidates.map(\.text) == ["P<UTO"])
        #expect(assembler.poll(now: .milliseconds(451))?.text == "XYZ")
    }
}
