internal import CRender
import LobbyKiosk
import LobbyRender

/// Paints one screen model with cairo and pango.
struct KioskPainter {
    let cairo: OpaquePointer
    let fonts: KioskFonts
    let model: KioskScreenModel

    var palette: KioskPalette { model.palette }
    var border: Double { max(1, (palette.borderMillimetres * model.geometry.pixelsPerMillimetre).rounded()) }

    func paint(clip: PixelRect?) {
        set(palette.background)
        cairo_paint(cairo)
        for button in model.buttons where clip.map({ $0.intersects(button.frame) }) ?? true { frame(button) }
        if let code = model.code, clip.map({ $0.intersects(code.frame) }) ?? true { draw(code) }
        for text in model.texts where text.role == .notice && (clip.map { $0.intersects(text.frame) } ?? true) {
            set(palette.notice)
            cairo_set_line_width(cairo, border * 2)
            cairo_set_dash(cairo, nil, 0, 0)
            roundedRect(text.frame, radius: text.size * 0.3, inset: border)
            cairo_stroke(cairo)
        }
        for (box, button, text) in KioskTextBox.boxes(model) where clip.map({ $0.intersects(box.frame) }) ?? true {
            let color: RGBColor
            if let button {
                color = button.state == .disabled ? palette.disabledText : button.kind == .primary ? palette.primaryText : palette.buttonText
            } else if let text {
                color = switch text.role {
                case .title, .number: palette.title
                case .notice: palette.notice
                case .body: palette.text
                }
            } else {
                color = palette.text
            }
            draw(box, color: color)
        }
    }

    private func frame(_ button: KioskButton) {
        let radius = min(Double(button.frame.height) * 0.18, model.geometry.pixelsPerMillimetre * 3)
        switch button.state {
        case .disabled:
            // No fill, dashed thin frame: "not available" without relying on colour.
            let dash = [border * 3, border * 3]
            set(palette.disabledText)
            cairo_set_line_width(cairo, border)
            cairo_set_dash(cairo, dash, 2, 0)
            roundedRect(button.frame, radius: radius, inset: border / 2)
            cairo_stroke(cairo)
            cairo_set_dash(cairo, nil, 0, 0)
        case .normal, .selected:
            set(button.kind == .primary ? palette.primaryFill : palette.buttonFill)
            roundedRect(button.frame, radius: radius, inset: 0)
            cairo_fill(cairo)
            // Selected: a frame three times as thick (the label also carries a check mark).
            let width = button.state == .selected ? border * 3 : border
            set(palette.buttonBorder)
            cairo_set_line_width(cairo, width)
            roundedRect(button.frame, radius: radius, inset: width / 2)
            cairo_stroke(cairo)
        }
    }

    private func draw(_ box: KioskTextBox, color: RGBColor) {
        let layout = fonts.layout(box.text, size: box.size, bold: box.bold, width: box.frame.width, maxLines: box.maxLines,
                                  ellipsize: true, centred: box.centred)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let size = fonts.measure(layout)
        let y = Double(box.frame.y) + max(0, Double(box.frame.height - size.height) / 2)
        set(color)
        cairo_move_to(cairo, Double(box.frame.x), y)
        pango_cairo_show_layout(cairo, layout)
    }

    /// Dark modules on white in every palette (phone cameras expect it), whole pixels per module,
    /// centred in the frame with at least the standard quiet zone.
    private func draw(_ code: KioskCode) {
        guard let symbol = QRSymbol(encoding: code.payload) else { return }
        let side = min(code.frame.width, code.frame.height)
        let module = max(1, side / symbol.sizeWithQuietZone)
        let offset = (side - symbol.size * module) / 2
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_rectangle(cairo, Double(code.frame.x), Double(code.frame.y), Double(side), Double(side))
        cairo_fill(cairo)
        cairo_set_source_rgb(cairo, 0, 0, 0)
        for y in 0..<symbol.size {
            for x in 0..<symbol.size where symbol.isDark(x: x, y: y) {
                cairo_rectangle(cairo, Double(code.frame.x + offset + x * module), Double(code.frame.y + offset + y * module),
                                Double(module), Double(module))
            }
        }
        cairo_fill(cairo)
    }

    private func set(_ color: RGBColor) {
        cairo_set_source_rgb(cairo, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255)
    }

    private func roundedRect(_ rect: PixelRect, radius: Double, inset: Double) {
        let x = Double(rect.x) + inset, y = Double(rect.y) + inset
        let w = Double(rect.width) - 2 * inset, h = Double(rect.height) - 2 * inset
        let r = max(0, min(radius, w / 2, h / 2))
        cairo_new_sub_path(cairo)
        cairo_arc(cairo, x + w - r, y + r, r, -Double.pi / 2, 0)
        cairo_arc(cairo, x + w - r, y + h - r, r, 0, Double.pi / 2)
        cairo_arc(cairo, x + r, y + h - r, r, Double.pi / 2, Double.pi)
        cairo_arc(cairo, x + r, y + r, r, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cairo)
    }
}
