internal import CRender

/// The pango context kiosk text is shaped with: DejaVu Sans (full Latin incl. Azerbaijani, and
/// Cyrillic), grey antialiasing, no hinting of metrics so layout is resolution independent.
final class KioskFonts {
    /// The family every kiosk text uses.
    static let family = "DejaVu Sans"
    let context: OpaquePointer

    init() {
        let fontMap = pango_cairo_font_map_get_default()!
        context = pango_font_map_create_context(fontMap)!
        let options = cairo_font_options_create()!
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)
        pango_cairo_context_set_resolution(context, 72)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(context)) }

    /// A layout of `text` at `size` pixels wrapped to `width`, at most `maxLines` lines
    /// (ellipsized past that when `ellipsize`), aligned as asked.
    func layout(_ text: String, size: Double, bold: Bool, width: Int, maxLines: Int?, ellipsize: Bool, centred: Bool) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        let description = pango_font_description_new()!
        defer { pango_font_description_free(description) }
        pango_font_description_set_family(description, Self.family)
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(description, size * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, description)
        pango_layout_set_width(layout, Int32(max(1, width)) * PANGO_SCALE)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)
        if ellipsize, let maxLines {
            pango_layout_set_height(layout, -Int32(maxLines))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// Logical size in pixels, line count and unknown glyphs of a layout.
    func measure(_ layout: OpaquePointer) -> (width: Int, height: Int, lines: Int, unknownGlyphs: Int) {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        // What is drawn: the larger of the logical and the ink extents (accents and descenders may leave the logical box).
        let width = max(Int(logical.width), Int(ink.x + ink.width) - Int(min(0, ink.x)))
        let height = max(Int(logical.height), Int(ink.y + ink.height) - Int(min(0, ink.y)))
        return (width, height, Int(pango_layout_get_line_count(layout)), Int(pango_layout_get_unknown_glyphs_count(layout)))
    }
}
