import Foundation
internal import CRender

/// A shaped pango layout of one text block, measured in dots. Owns its `PangoLayout`.
final class PangoText {
    let layout: OpaquePointer
    /// Em size actually used (after shrinking to fit).
    let sizeDots: Double
    /// Union of the ink and logical rectangles, relative to the layout origin.
    let bounds: PangoRectangle
    /// Logical width of the widest line.
    let logicalWidth: Int
    /// Lines after wrapping.
    let lineCount: Int
    /// Characters the font map could not find a glyph for.
    let unknownGlyphCount: Int
    /// The text of each line after wrapping.
    let lines: [String]

    /// Shapes `text`; when `wrapWidth` is given, lines break at words (or characters for
    /// words longer than a line) and are aligned inside that width.
    init(
        text: String, context: OpaquePointer, family: String, sizeDots: Double, weight: TextStyle.Weight,
        alignment: TextStyle.Alignment, wrapWidth: Int?
    ) {
        let layout = pango_layout_new(context)!
        let description = pango_font_description_new()!
        defer { pango_font_description_free(description) }
        pango_font_description_set_family(description, family)
        pango_font_description_set_weight(description, weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(description, sizeDots * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, description)
        if let wrapWidth {
            pango_layout_set_width(layout, Int32(wrapWidth) * PANGO_SCALE)
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            switch alignment {
            case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
            case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
            case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
            }
        }
        pango_layout_set_text(layout, text, -1)

        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        let hasInk = ink.width > 0 && ink.height > 0
        let left = hasInk ? min(ink.x, logical.x) : logical.x
        let top = hasInk ? min(ink.y, logical.y) : logical.y
        let right = hasInk ? max(ink.x + ink.width, logical.x + logical.width) : logical.x + logical.width
        let bottom = hasInk ? max(ink.y + ink.height, logical.y + logical.height) : logical.y + logical.height
        self.layout = layout
        self.sizeDots = sizeDots
        self.bounds = PangoRectangle(x: left, y: top, width: right - left, height: bottom - top)
        self.logicalWidth = Int(logical.width)
        self.lineCount = Int(pango_layout_get_line_count(layout))
        self.unknownGlyphCount = Int(pango_layout_get_unknown_glyphs_count(layout))
        let utf8 = Array(text.utf8)
        var lines: [String] = []
        for index in 0..<pango_layout_get_line_count(layout) {
            guard let line = pango_layout_get_line_readonly(layout, index) else { continue }
            let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
            guard start >= 0, length >= 0, start + length <= utf8.count else { continue }
            lines.append(String(decoding: utf8[start..<(start + length)], as: UTF8.self).trimmingCharacters(in: .whitespaces))
        }
        self.lines = lines
    }

    /// Shapes one line, shrinking the font until the line fits `maxWidth` (or 8 dots is reached).
    static func fittingOneLine(
        text: String, context: OpaquePointer, family: String, sizeDots: Double, weight: TextStyle.Weight,
        maxWidth: Int
    ) -> PangoText {
        var size = sizeDots
        var shaped = PangoText(text: text, context: context, family: family, sizeDots: size, weight: weight, alignment: .left, wrapWidth: nil)
        while Int(shaped.bounds.width) > maxWidth, size > minimumSizeDots {
            size = max(minimumSizeDots, (size * Double(maxWidth) / Double(shaped.bounds.width) * 0.98).rounded(.down))
            shaped = PangoText(text: text, context: context, family: family, sizeDots: size, weight: weight, alignment: .left, wrapWidth: nil)
        }
        return shaped
    }

    /// Smallest em size shrinking goes down to.
    static let minimumSizeDots = 8.0

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }
}
