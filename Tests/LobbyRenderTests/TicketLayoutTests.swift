import Foundation
import LobbyEscPos
import LobbyRender
import Testing

@Suite struct TicketLayoutTests {
    @Test func sampleTemplateLoads() throws {
        let layout = try RenderFixtures.sampleLayout()
        #expect(layout.name == "asan-sample")
        #expect(layout.blocks.count == 11)
        #expect(Set(layout.labels.keys) == Set(TicketLanguage.allCases))
        guard case let .bigNumber(style, template) = layout.blocks[3] else {
            Issue.record("block 3 is not the big number")
            return
        }
        #expect(style.weight == .bold && !style.wraps && style.sizeDots == 150)
        #expect(template.segments == [.field(.ticketNumber)])
        #expect(layout.blocks[7] == .qr(QRBlock(field: .statusURL, maxWidthPercent: 55, alignment: .center)))
    }

    @Test(arguments: [
        ("unknown-placeholder.json", "blocks[0].text", "unknown placeholder '{ticketNo}'"),
        ("missing-label.json", "labels.en", "misses 'a' used by blocks[0]"),
        ("bad-size.json", "blocks[1].size", "2 is outside 8...400"),
        ("unknown-block.json", "blocks[0].type", "'barcode' is not one of"),
        ("unclosed-brace.json", "blocks[0].text", "'{' without a closing '}'"),
        ("no-blocks.json", "blocks", "at least one block"),
    ])
    func badTemplatesNameTheFileAndField(fileName: String, field: String, message: String) throws {
        let url = RenderFixtures.templatesFolder.appendingPathComponent("bad/\(fileName)")
        let bytes = [UInt8](try Data(contentsOf: url))
        do {
            _ = try TicketLayout(jsonBytes: bytes, fileName: fileName)
            Issue.record("\(fileName) was accepted")
        } catch {
            #expect(error.file == fileName)
            #expect(error.field == field)
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func textTemplatesResolveFieldsLabelsAndBraces() throws {
        let template = try TextTemplate(parsing: "{{{label.wait}}}: {expectedWaitMinutes} {label.min}")
        let content = RenderFixtures.content(.az)
        #expect(template.resolve(content: content, labels: ["wait": "Gözləmə", "min": "dəq"]) == "{Gözləmə}: 12 dəq")
        #expect(template.labelKeys == ["wait", "min"])
        #expect(try TextTemplate(parsing: "{note}").showsOnlyEmptyFields(of: RenderFixtures.content(.en)))
        #expect(try !TextTemplate(parsing: "Note: {note}").showsOnlyEmptyFields(of: RenderFixtures.content(.az)))
        #expect(try !TextTemplate(parsing: "literal").showsOnlyEmptyFields(of: RenderFixtures.content(.en)))
        #expect(throws: TextTemplateError.self) { try TextTemplate(parsing: "a } b") }
    }
}
