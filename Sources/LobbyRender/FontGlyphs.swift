import Foundation
internal import CRender
import LobbyEscPos

/// Draws, with a monospaced font (DejaVu Sans Mono), what a text-mode printer's code page lacks:
/// single characters for `ESC &` in the printer's Font A cell, and whole lines as pictures.
///
/// The font's advance at 20 dots is 12 dots, the width of Font A, so downloaded characters sit in
/// a line of resident ones without gaps or overlaps. One lock guards the pango context and the
/// cache, so an instance may be shared between threads.
public final class FontGlyphs: TextModeGlyphs, @unchecked Sendable {
    /// The font family.
    public let family: String
    private let fonts = FontContext()
    private var cache: [String: MonoBitmap?] = [:]
    private let lock = NSLock()

    /// Glyphs in `family`.
    public init(family: String = "DejaVu Sans Mono") {
        self.family = family
    }

    /// One character in a `widthDots` × `heightDots` cell, or nil when the font has no glyph for it
    /// (or it draws nothing, like a space).
    public func glyph(for scalar: Unicode.Scalar, widthDots: Int, heightDots: Int) -> MonoBitmap? {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(scalar.value)/\(widthDots)x\(heightDots)"
        if let known = cache[key] { return known }
        var glyph: MonoBitmap?
        if TicketRenderer.fontCoverage(of: String(scalar), family: family).missing.isEmpty {
            let drawn = draw(String(scalar), cellWidth: widthDots, cellHeight: heightDots, bold: false)
            glyph = drawn.blackDotCount > 0 ? drawn : nil
        }
        cache[key] = glyph
        return glyph
    }

    /// A line as the printer would print it: one cell per character, scaled by the line's factors,
    /// white on black when inverse.
    public func picture(of line: TextLine, widthDots: Int, cellHeightDots: Int) -> MonoBitmap? {
        lock.lock()
        defer { lock.unlock() }
        let cellWidth = cellHeightDots / 2
        let count = line.text.unicodeScalars.count
        guard count > 0 else { return nil }
        var drawn = draw(line.text, cellWidth: cellWidth, cellHeight: cellHeightDots, bold: line.bold, cells: count)
        if line.widthScale > 1 || line.heightScale > 1 { drawn = drawn.scaled(x: line.widthScale, y: line.heightScale) }
        if line.inverse { drawn = drawn.inverted() }
        guard drawn.widthDots <= widthDots else {
            return drawn.rows(from: 0, count: drawn.heightDots).cropped(toWidthDots: widthDots)
        }
        return drawn
    }

    /// Draws text from the cell's top left, baseline at 19 of 24 dots (scaled for other heights).
    private func draw(_ text: String, cellWidth: Int, cellHeight: Int, bold: Bool, cells: Int = 1) -> MonoBitmap {
        let width = cellWidth * cells
        let size = Double(cellHeight) * 20 / 24
        let shaped = PangoText(text: text, context: fonts.context, family: family, sizeDots: size, weight: bold ? .bold : .normal,
                               alignment: .left, wrapWidth: nil)
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(width), Int32(cellHeight))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let baseline = Double(pango_layout_get_baseline(shaped.layout)) / Double(PANGO_SCALE)
        let logicalWidth = Double(shaped.logicalWidth)
        // One character: centred in its cell; a line: from the left, squeezed to the cells if wider.
        let scaleX = cells > 1 && logicalWidth > Double(width) ? Double(width) / logicalWidth : 1
        let left = cells == 1 ? (Double(cellWidth) - logicalWidth) / 2 : 0
        cairo_translate(cr, left, Double(cellHeight) * 19 / 24 - baseline)
        cairo_scale(cr, scaleX, 1)
        cairo_set_source_rgba(cr, 0, 0, 0, 1)
        pango_cairo_show_layout(cr, shaped.layout)
        cairo_surface_flush(surface)
        return TicketRenderer.threshold(surface: surface, widthDots: width, heightDots: cellHeight)
    }
}
