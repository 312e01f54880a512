internal import CRender

/// A pango context on the cairo font map with fixed font options, so that measuring and drawing
/// give the same result everywhere: grey antialiasing (thresholded later), slight hinting,
/// metrics hinted to whole dots.
final class FontContext {
    let context: OpaquePointer

    init() {
        let fontMap = pango_cairo_font_map_get_default()!
        context = pango_font_map_create_context(fontMap)!
        let options = cairo_font_options_create()!
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON)
        pango_cairo_context_set_font_options(context, options)
        pango_cairo_context_set_resolution(context, 72)
    }

    /// The family of the font pango actually picks for `family` (fontconfig may substitute).
    func resolvedFamily(for family: String) -> String? {
        guard let font = loadFont(family: family) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        let description = pango_font_describe(font)!
        defer { pango_font_description_free(description) }
        return pango_font_description_get_family(description).map { String(cString: $0) }
    }

    /// The scalars of `text` that the font picked for `family` itself has no glyph for
    /// (fallback to other fonts does not count).
    func scalarsMissing(in text: String, family: String) -> [Unicode.Scalar] {
        guard let font = loadFont(family: family) else { return Array(text.unicodeScalars) }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        return text.unicodeScalars.filter { $0.properties.isWhitespace == false && pango_font_has_char(font, $0.value) == 0 }
    }

    private func loadFont(family: String) -> UnsafeMutablePointer<PangoFont>? {
        let description = pango_font_description_new()!
        defer { pango_font_description_free(description) }
        pango_font_description_set_family(description, family)
        pango_font_description_set_absolute_size(description, 24 * Double(PANGO_SCALE))
        return pango_context_load_font(context, description)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
    }
}
