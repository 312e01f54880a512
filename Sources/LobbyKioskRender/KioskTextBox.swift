import LobbyKiosk

/// One piece of text placed on a screen: the box it must fit and how it is set. The painter
/// draws these; the overflow check measures the same boxes.
struct KioskTextBox {
    var frame: PixelRect
    var text: String
    var size: Double
    var bold: Bool
    var maxLines: Int
    var centred: Bool
    var origin: TextOrigin
    /// Where the text is on the screen, for messages ("button nextPage label").
    var place: String

    /// The boxes of a model, in drawing order.
    static func boxes(_ model: KioskScreenModel) -> [(box: KioskTextBox, button: KioskButton?, text: KioskText?)] {
        var result: [(KioskTextBox, KioskButton?, KioskText?)] = []
        for text in model.texts {
            let inset = text.role == .notice ? Int((text.size * 0.5).rounded(.up)) : 0
            let box = KioskTextBox(frame: text.frame.insetBy(inset), text: text.text, size: text.size,
                                   bold: text.role != .body, maxLines: text.maxLines,
                                   centred: text.role == .number || text.role == .notice || model.name == .attract || model.name == .printing || model.name == .done || model.name == .doneUnprinted,
                                   origin: text.origin, place: "text \"\(text.text.prefix(24))\"")
            result.append((box, nil, text))
        }
        let border = Int(max(1, (model.palette.borderMillimetres * model.geometry.pixelsPerMillimetre).rounded()))
        for button in model.buttons {
            // Inside the frame as drawn (three times as thick when selected), then the padding.
            let edge = button.state == .selected ? 3 * border : border
            let pad = Int(max(4, button.labelSize * 0.4).rounded(.up))
            let inner = PixelRect(x: button.frame.x + edge + pad, y: button.frame.y + edge + pad / 2,
                                  width: button.frame.width - 2 * (edge + pad), height: button.frame.height - 2 * edge - pad)
            let centred = button.kind != .entry
            if let detail = button.detail {
                let detailHeight = Int((button.detailSize * 1.3).rounded(.up))
                let labelFrame = PixelRect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - detailHeight)
                let detailFrame = PixelRect(x: inner.x, y: labelFrame.maxY, width: inner.width, height: detailHeight)
                result.append((KioskTextBox(frame: labelFrame, text: button.label, size: button.labelSize, bold: button.kind == .primary,
                                            maxLines: button.maxLines, centred: centred, origin: button.origin, place: "button \(button.action) label"),
                               button, nil))
                result.append((KioskTextBox(frame: detailFrame, text: detail, size: button.detailSize, bold: false, maxLines: 1,
                                            centred: centred, origin: button.detailOrigin, place: "button \(button.action) detail"),
                               button, nil))
            } else {
                result.append((KioskTextBox(frame: inner, text: button.label, size: button.labelSize, bold: button.kind == .primary || button.kind == .key,
                                            maxLines: button.maxLines, centred: centred, origin: button.origin, place: "button \(button.action) label"),
                               button, nil))
            }
        }
        return result
    }
}
