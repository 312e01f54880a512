internal import CRender
import LobbyFramebuffer
import LobbyTouch

/// Draws the wizard's screens with cairo and pango: a dark background, a crosshair at the
/// target (3-pixel bars 61 pixels long and a ring, centred on the target's pixel) and an
/// instruction line with the progress. Keeps the frame and reports what changed.
public final class CalibrationScreen {
    /// What one screen shows.
    public struct Prompt: Hashable, Sendable {
        /// Where the crosshair is (normalised screen); nil for none.
        public var target: NormalizedPoint?
        /// The instruction line.
        public var title: String
        /// A second, smaller line (progress, a rejection reason).
        public var detail: String

        /// A prompt from its parts.
        public init(target: NormalizedPoint?, title: String, detail: String) {
            self.target = target
            self.title = title
            self.detail = detail
        }
    }

    /// The background colour (0xAARRGGBB).
    public static let background: UInt32 = 0xFF10_1820
    /// The crosshair colour.
    public static let crosshair: UInt32 = 0xFFFF_FFFF
    /// Half the crosshair's bar length in pixels.
    public static let armLength = 30

    /// The screen size.
    public let size: DisplaySize
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private var lastTarget: (x: Int, y: Int)?

    /// A screen of `size` pixels.
    public init(size: DisplaySize) {
        self.size = size
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(size.width), Int32(size.height))!
        cairo = cairo_create(surface)!
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// The pixel a normalised target is drawn on.
    public func pixel(of point: NormalizedPoint) -> (x: Int, y: Int) {
        (min(size.width - 1, max(0, Int(point.x * Double(size.width)))), min(size.height - 1, max(0, Int(point.y * Double(size.height)))))
    }

    /// The text band (where the instruction lines go).
    public var textBand: BlitRect {
        BlitRect(x: 0, y: size.height * 3 / 10 - 60, width: size.width, height: 150)
    }

    /// Draws `prompt`; returns the damage against the previous drawing (everything the first time).
    @discardableResult
    public func draw(_ prompt: Prompt, first: Bool = false) -> DisplayDamage {
        var damage: [BlitRect] = [textBand]
        if let last = lastTarget { damage.append(crosshairBox(last)) }
        fill(size.bounds, Self.background)
        if let target = prompt.target {
            let centre = pixel(of: target)
            let arm = Self.armLength
            fill(BlitRect(x: centre.x - arm, y: centre.y - 1, width: 2 * arm + 1, height: 3), Self.crosshair)
            fill(BlitRect(x: centre.x - 1, y: centre.y - arm, width: 3, height: 2 * arm + 1), Self.crosshair)
            cairo_set_source_rgb(cairo, 1, 0.75, 0)
            cairo_set_line_width(cairo, 3)
            cairo_arc(cairo, Double(centre.x) + 0.5, Double(centre.y) + 0.5, Double(arm) * 0.6, 0, 2 * Double.pi)
            cairo_stroke(cairo)
            fill(BlitRect(x: centre.x - 1, y: centre.y - 1, width: 3, height: 3), Self.crosshair)
            lastTarget = centre
            damage.append(crosshairBox(centre))
        } else {
            lastTarget = nil
        }
        text(prompt.title, y: Double(textBand.y) + 10, points: 30, bold: true)
        text(prompt.detail, y: Double(textBand.y) + 80, points: 20, bold: false)
        cairo_surface_flush(surface)
        return first ? .full : .rects(damage)
    }

    /// Calls `body` with the current frame.
    public func withFrame<R>(_ body: (FrameView) throws -> R) rethrows -> R {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        return try body(FrameView(bytes: UnsafeRawBufferPointer(start: data, count: stride * size.height), stride: stride, size: size)!)
    }

    private func crosshairBox(_ centre: (x: Int, y: Int)) -> BlitRect {
        let reach = Self.armLength + 4
        return BlitRect(x: centre.x - reach, y: centre.y - reach, width: 2 * reach + 1, height: 2 * reach + 1)
    }

    private func fill(_ rect: BlitRect, _ colour: UInt32) {
        cairo_set_source_rgb(cairo, Double((colour >> 16) & 0xFF) / 255, Double((colour >> 8) & 0xFF) / 255, Double(colour & 0xFF) / 255)
        cairo_rectangle(cairo, Double(rect.x), Double(rect.y), Double(rect.width), Double(rect.height))
        cairo_fill(cairo)
    }

    private func text(_ text: String, y: Double, points: Int, bold: Bool) {
        guard !text.isEmpty, let layout = pango_cairo_create_layout(cairo) else { return }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let font = pango_font_description_from_string("Sans \(bold ? "Bold " : "")\(points)")
        defer { pango_font_description_free(font) }
        pango_layout_set_font_description(layout, font)
        pango_layout_set_width(layout, Int32(Double(size.width - 40) * Double(PANGO_SCALE)))
        pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_text(layout, text, -1)
        cairo_set_source_rgb(cairo, 0.95, 0.95, 0.95)
        cairo_move_to(cairo, 20, y)
        pango_cairo_show_layout(cairo, layout)
    }
}
