import LobbyKiosk

/// A translation string that does not fit its box.
public struct TextOverflow: Hashable, Sendable, CustomStringConvertible {
    /// The screen.
    public var screen: ScreenName
    /// The string's key.
    public var key: KioskStringKey
    /// Where on the screen.
    public var place: String
    /// The text.
    public var text: String
    /// Lines needed vs. allowed, height needed vs. available.
    public var lines: Int, maxLines: Int, height: Int, availableHeight: Int
    /// Glyphs the font lacks.
    public var unknownGlyphs: Int

    /// What overflows where.
    public var description: String {
        "\(screen.rawValue) \(place) [\(key.rawValue)] \"\(text)\": \(lines)/\(maxLines) lines, \(height)/\(availableHeight) px, \(unknownGlyphs) missing glyphs"
    }
}

extension KioskCanvas {
    /// Translation strings of `model` that need more lines or height than their box allows,
    /// or have glyphs DejaVu Sans lacks. Configuration data (service names) is ellipsized instead.
    public func overflows(_ model: KioskScreenModel) -> [TextOverflow] {
        var result: [TextOverflow] = []
        for (box, _, _) in KioskTextBox.boxes(model) {
            guard case .translation(let key) = box.origin else { continue }
            let layout = fonts.layout(box.text, size: box.size, bold: box.bold, width: box.frame.width, maxLines: nil,
                                      ellipsize: false, centred: box.centred)
            let size = fonts.measure(layout)
            g_object_unref_layout(layout)
            if size.lines > box.maxLines || size.height > box.frame.height || size.width > box.frame.width || size.unknownGlyphs > 0 {
                result.append(TextOverflow(screen: model.name, key: key, place: box.place, text: box.text, lines: size.lines,
                                           maxLines: box.maxLines, height: size.height, availableHeight: box.frame.height,
                                           unknownGlyphs: size.unknownGlyphs))
            }
        }
        return result
    }
}
