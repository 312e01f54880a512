internal import CRender
import LobbyEscPos

/// Renders a `TicketLayout` filled with `TicketContent` into a 1-bit raster at a printer width,
/// with pango (text shaping, line breaking) on a cairo surface, thresholded to `MonoBitmap`.
///
/// The ticket is as tall as its content: long text wraps and the height grows, one-line text
/// (`wrap: false`, big numbers) shrinks until it fits, so nothing is cut off.
public struct TicketRenderer: Sendable {
    /// Tallest ticket accepted (about 2 m at 203 dpi): a guard against runaway templates.
    public static let maximumHeightDots = 16_000
    /// Greyscale coverage (0-255) from which a dot prints black.
    public static let inkThreshold: UInt8 = 128
    /// Black above and below white-on-black text.
    public static let inversePaddingDots = 4

    /// Printable width in dots.
    public let widthDots: Int

    /// A renderer for a printer width.
    public init(width: PrinterWidth) {
        self.widthDots = width.dots
    }

    /// A renderer for any width (previews, tests).
    public init(widthDots: Int) {
        precondition(widthDots > 0 && widthDots <= 4096, "width out of range")
        self.widthDots = widthDots
    }

    /// Renders one ticket.
    public func render(_ layout: TicketLayout, content: TicketContent) throws(RenderError) -> RenderedTicket {
        let contentLeft = layout.margins.left
        let contentWidth = widthDots - layout.margins.left - layout.margins.right
        guard contentWidth >= 32 else {
            throw .noPrintableWidth(widthDots: widthDots, margins: layout.margins.left + layout.margins.right)
        }
        let fonts = FontContext()
        let labels = layout.labels[content.language] ?? [:]

        // 1. Measure every block.
        var planned: [PlannedBlock] = []
        for (index, declared) in layout.blocks.enumerated() {
            guard let block = declared.shown(for: content) else { continue }
            switch block {
            case let .text(style, template), let .bigNumber(style, template), let .dateTime(style, template):
                if template.showsOnlyEmptyFields(of: content) { continue }
                let text = template.resolve(content: content, labels: labels)
                if text.isEmpty { continue }
                let shaped = style.wraps
                    ? PangoText(
                        text: text, context: fonts.context, family: layout.fontFamily, sizeDots: style.sizeDots,
                        weight: style.weight, alignment: style.alignment, wrapWidth: contentWidth
                    )
                    : PangoText.fittingOneLine(
                        text: text, context: fonts.context, family: layout.fontFamily, sizeDots: style.sizeDots,
                        weight: style.weight, maxWidth: contentWidth
                    )
                let padding = style.inverse ? Self.inversePaddingDots : 0
                planned.append(PlannedBlock(index: index, height: Int(shaped.bounds.height) + 2 * padding, kind: .text(shaped, style)))
            case let .qr(qr):
                guard let (symbol, moduleDots) = try qr.symbol(for: content, widthDots: contentWidth, blockIndex: index) else { continue }
                planned.append(PlannedBlock(
                    index: index, height: symbol.sizeWithQuietZone * moduleDots,
                    kind: .qr(symbol, moduleDots: moduleDots, alignment: qr.alignment)
                ))
            case let .rule(rule):
                planned.append(PlannedBlock(index: index, height: rule.thicknessDots, kind: .rule(rule)))
            case let .spacer(height):
                planned.append(PlannedBlock(index: index, height: height, kind: .spacer))
            case .ruler:
                let labels = RulerDrawing.labels(widthDots: widthDots, context: fonts.context, family: layout.fontFamily)
                planned.append(PlannedBlock(index: index, height: RulerDrawing.height(labels: labels), kind: .ruler(labels)))
            case let .logo(alignment):
                guard let logo = content.logo, logo.heightDots > 0 else { continue }
                guard logo.widthDots <= contentWidth else {
                    throw .logoTooWide(blockIndex: index, widthDots: logo.widthDots, availableDots: contentWidth)
                }
                planned.append(PlannedBlock(index: index, height: logo.heightDots, kind: .logo(logo, alignment)))
            case .conditional:
                continue  // shown(for:) never returns a condition
            }
        }

        // 2. Stack them.
        var y = layout.margins.top
        var frames: [DotRectangle] = []
        for (position, block) in planned.enumerated() {
            frames.append(DotRectangle(x: contentLeft, y: y, width: contentWidth, height: block.height))
            y += block.height + (position == planned.count - 1 ? 0 : layout.blockSpacingDots)
        }
        let height = max(1, y + layout.margins.bottom)
        guard height <= Self.maximumHeightDots else { throw .ticketTooTall(heightDots: height) }

        // 3. Draw on a greyscale (A8) surface: alpha is ink coverage.
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, Int32(widthDots), Int32(height))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairoFailure(String(cString: cairo_status_to_string(status)))
        }
        cairo_set_source_rgba(cr, 0, 0, 0, 1)

        var unknownGlyphs = 0
        var rendered: [RenderedTicket.Block] = []
        var logos: [(MonoBitmap, x: Int, y: Int)] = []
        for (block, frame) in zip(planned, frames) {
            var lineCount = 0, fontSize = 0.0, moduleSize = 0
            var lines: [String] = []
            switch block.kind {
            case let .text(shaped, style):
                var frame = frame
                if style.inverse {
                    // A black band across the content width; the text is cut out of it.
                    cairo_rectangle(cr, Double(frame.x), Double(frame.y), Double(frame.width), Double(frame.height))
                    cairo_fill(cr)
                    cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR)
                    frame.y += Self.inversePaddingDots
                }
                let x: Int
                if style.wraps {
                    x = frame.x  // pango aligns the lines inside the wrap width
                } else {
                    let free = frame.width - Int(shaped.bounds.width)
                    switch style.alignment {
                    case .left: x = frame.x - Int(shaped.bounds.x)
                    case .center: x = frame.x + free / 2 - Int(shaped.bounds.x)
                    case .right: x = frame.x + free - Int(shaped.bounds.x)
                    }
                }
                cairo_move_to(cr, Double(x), Double(frame.y - Int(shaped.bounds.y)))
                pango_cairo_show_layout(cr, shaped.layout)
                cairo_set_operator(cr, CAIRO_OPERATOR_OVER)
                unknownGlyphs += shaped.unknownGlyphCount
                lineCount = shaped.lineCount
                fontSize = shaped.sizeDots
                lines = shaped.lines
            case let .qr(symbol, moduleDots, alignment):
                let side = symbol.sizeWithQuietZone * moduleDots
                let left: Int
                switch alignment {
                case .left: left = frame.x
                case .center: left = frame.x + (frame.width - side) / 2
                case .right: left = frame.x + frame.width - side
                }
                let origin = left + QRSymbol.quietZoneModules * moduleDots
                let top = frame.y + QRSymbol.quietZoneModules * moduleDots
                for row in 0..<symbol.size {
                    for column in 0..<symbol.size where symbol.isDark(x: column, y: row) {
                        cairo_rectangle(
                            cr, Double(origin + column * moduleDots), Double(top + row * moduleDots),
                            Double(moduleDots), Double(moduleDots)
                        )
                    }
                }
                cairo_fill(cr)
                moduleSize = moduleDots
            case let .rule(rule):
                if rule.dashed {
                    var x = frame.x
                    while x < frame.x + frame.width {
                        cairo_rectangle(cr, Double(x), Double(frame.y), Double(min(12, frame.x + frame.width - x)), Double(rule.thicknessDots))
                        x += 20
                    }
                } else {
                    cairo_rectangle(cr, Double(frame.x), Double(frame.y), Double(frame.width), Double(rule.thicknessDots))
                }
                cairo_fill(cr)
            case .spacer:
                break
            case let .ruler(labels):
                RulerDrawing.draw(on: cr, top: frame.y, widthDots: widthDots, labels: labels)
            case let .logo(logo, alignment):
                let free = frame.width - logo.widthDots
                let left = alignment == .left ? frame.x : (alignment == .center ? frame.x + free / 2 : frame.x + free)
                logos.append((logo, left, frame.y))
            }
            rendered.append(RenderedTicket.Block(
                index: block.index, frame: frame, lineCount: lineCount, fontSizeDots: fontSize, qrModuleDots: moduleSize, lines: lines
            ))
        }
        cairo_surface_flush(surface)
        var bitmap = Self.threshold(surface: surface, widthDots: widthDots, heightDots: height)
        for (logo, x, y) in logos { bitmap.draw(logo, atX: x, y: y) }
        return RenderedTicket(bitmap: bitmap, unknownGlyphCount: unknownGlyphs, blocks: rendered)
    }

    /// Font facts for checks: which scalars of `text` the font chosen for `family` lacks
    /// (fallback fonts ignored), and the family fontconfig actually resolved.
    public static func fontCoverage(of text: String, family: String) -> (resolvedFamily: String?, missing: [Unicode.Scalar]) {
        let fonts = FontContext()
        return (fonts.resolvedFamily(for: family), fonts.scalarsMissing(in: text, family: family))
    }

    static func threshold(surface: OpaquePointer, widthDots: Int, heightDots: Int) -> MonoBitmap {
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        let bytesPerRow = (widthDots + 7) / 8
        var packed = [UInt8](repeating: 0, count: bytesPerRow * heightDots)
        packed.withUnsafeMutableBufferPointer { output in
            for y in 0..<heightDots {
                let row = data + y * stride
                for x in 0..<widthDots where row[x] >= inkThreshold {
                    output[y * bytesPerRow + (x >> 3)] |= 0x80 >> UInt8(x & 7)
                }
            }
        }
        // The byte count always matches, so this cannot fail.
        return (try? MonoBitmap(widthDots: widthDots, heightDots: heightDots, bytes: packed))!
    }
}

/// A block measured and ready to draw.
private struct PlannedBlock {
    enum Kind {
        case text(PangoText, TextStyle)
        case qr(QRSymbol, moduleDots: Int, alignment: TextStyle.Alignment)
        case rule(RuleBlock)
        case spacer
        case ruler([PangoText])
        case logo(MonoBitmap, TextStyle.Alignment)
    }

    let index: Int
    let height: Int
    let kind: Kind
}
