import Foundation
import LobbyEscPos
import LobbyRender
import LobbyTestSupport
import Testing

@Suite(.tags(.host)) struct TicketLayoutTests {
    @Test func sampleTemplateLoads() throws {
        let layout = try RenderFixtures.sampleLayout()
        #expect(layout.name == "asan-sample")
        #expect(layout.blocks.count == 21)
        #expect(Set(layout.labels.keys) == Set(TicketLanguage.allCases))
        guard case let .bigNumber(style, template) = layout.blocks[5] else {
            Issue.record("block 5 is not the big number")
            return
        }
        #expect(style.weight == .bold && !style.wraps && style.sizeDots == 150)
        #expect(template.segments == [.field(.ticketNumber)])
        #expect(layout.blocks[14] == .qr(QRBlock(field: .statusURL, maxWidthPercent: 50, alignment: .center)))
        #expect(layout.blocks[0] == .logo(.center))
        guard case let .conditional(condition, _) = layout.blocks[10] else {
            Issue.record("block 10 has no condition")
            return
        }
        #expect(condition == BlockCondition(field: .peopleAhead, whenPresent: false))
    }

    @Test func conditionsAndOptionalPartsFollowTheContent() throws {
        var content = RenderFixtures.fullContent(.en)
        let hint = try TextTemplate(parsing: "Window {windows}[ · Zone {zone}][ · Floor {floor}]")
        #expect(hint.resolve(content: content, labels: [:]) == "Window 4–6 · Zone B · Floor 2")
        content.zone = ""
        #expect(hint.resolve(content: content, labels: [:]) == "Window 4–6 · Floor 2")
        content.windows = ""
        content.floor = ""
        #expect(hint.showsOnlyEmptyFields(of: content))
        let next = BlockCondition(field: .peopleAhead, whenPresent: false)
        content.peopleAhead = 0
        #expect(next.holds(for: content))
        content.peopleAhead = 2
        #expect(!next.holds(for: content))
        #expect(throws: TextTemplateError.self) { try TextTemplate(parsing: "[no field]") }
        #expect(throws: TextTemplateError.self) { try TextTemplate(parsing: "[{note}") }
        #expect(try TextTemplate(parsing: "[[x]]").resolve(content: content, labels: [:]) == "[x]")
    }

    @Test func noBreakSpacesKeepNumbersWithTheirSigns() {
        #expect(NoBreakSpacing.apply(to: "Mərkəz № 3 açıqdır") == "Mərkəz №\u{00A0}3 açıqdır")
        #expect(NoBreakSpacing.apply(to: "Gözləmə: ~15 dəq") == "Gözləmə: ~15\u{00A0}dəq")
        #expect(NoBreakSpacing.apply(to: "Centre No. 3") == "Centre No.\u{00A0}3")
        #expect(NoBreakSpacing.apply(to: "Kod 7KQ2M-X9RTA") == "Kod 7KQ2M-\u{2060}X9RTA")
        #expect(NoBreakSpacing.apply(to: "QR-kodu 3 nəfər") == "QR-kodu 3 nəfər")
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
        #expect(template.resolve(content: content, labels: ["wait": "Gözləmə", "min": "dəq"]) == "{Gözləmə}: 12\u{00A0}dəq")
        #expect(template.labelKeys == ["wait", "min"])
        #expect(try TextTemplate(parsing: "{note}").showsOnlyEmptyFields(of: RenderFixtures.content(.en)))
        #expect(try !TextTemplate(parsing: "Note: {note}").showsOnlyEmptyFields(of: RenderFixtures.content(.az)))
        #expect(try !TextTemplate(parsing: "literal").showsOnlyEmptyFields(of: RenderFixtures.content(.en)))
        #expect(throws: TextTemplateError.self) { try TextTemplate(parsing: "a } b") }
    }
}
