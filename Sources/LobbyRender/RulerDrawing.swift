internal import CRender

/// The ruler of the test ticket: a tick every 8 dots (longer every 32 and 64), numbers every
/// 64 dots, and vertical bars at both ends of the printable width, so a technician sees whether
/// the whole head prints and where the paper edge is.
enum RulerDrawing {
    static let labelSizeDots = 14.0
    static let longTickDots = 24

    static func labels(widthDots: Int, context: OpaquePointer, family: String) -> [PangoText] {
        stride(from: 0, to: widthDots, by: 64).map { position in
            PangoText(text: String(position), context: context, family: family, sizeDots: labelSizeDots, weight: .normal, alignment: .left, wrapWidth: nil)
        }
    }

    static func height(labels: [PangoText]) -> Int {
        longTickDots + 2 + (labels.map { Int($0.bounds.height) }.max() ?? 0)
    }

    static func draw(on cr: OpaquePointer, top: Int, widthDots: Int, labels: [PangoText]) {
        let total = height(labels: labels)
        for x in stride(from: 0, to: widthDots, by: 8) {
            let length = x % 64 == 0 ? longTickDots : (x % 32 == 0 ? 16 : 8)
            cairo_rectangle(cr, Double(x), Double(top), 2, Double(length))
        }
        // Both edges, full ruler height, and the top line.
        cairo_rectangle(cr, 0, Double(top), 2, Double(total))
        cairo_rectangle(cr, Double(widthDots - 2), Double(top), 2, Double(total))
        cairo_rectangle(cr, 0, Double(top), Double(widthDots), 2)
        cairo_fill(cr)
        for (index, label) in labels.enumerated() {
            let x = index * 64 + 4
            guard x + Int(label.bounds.width) < widthDots - 4 else { continue }
            cairo_move_to(cr, Double(x - Int(label.bounds.x)), Double(top + longTickDots + 2 - Int(label.bounds.y)))
            pango_cairo_show_layout(cr, label.layout)
        }
    }
}
