import Foundation
import LobbyEscPos

/// Lays a ticket template out for text mode: each text block becomes lines of the printer's font,
/// wrapped at words to the characters per line of its size (`GS !` factors from the block's size),
/// never breaking at a no-break space; the QR code becomes the printer's own (`GS ( k`) when it has
/// one; the logo, and the QR code of printers without `GS ( k`, become pictures.
public struct TicketTextComposer {
    /// The printer's text facts.
    public let support: TextModeSupport
    /// The printable width in dots.
    public let widthDots: Int
    /// Module size of a QR code sent as a picture (printers without `GS ( k`).
    public static let pictureQRModuleDots = 4

    /// A composer for a printer.
    public init(support: TextModeSupport, widthDots: Int) {
        self.support = support
        self.widthDots = widthDots
    }

    /// The text-mode ticket.
    public func compose(_ layout: TicketLayout, content: TicketContent) throws(RenderError) -> TextTicket {
        let labels = layout.labels[content.language] ?? [:]
        var elements: [TextTicket.Element] = []
        for (index, declared) in layout.blocks.enumerated() {
            guard let block = declared.shown(for: content) else { continue }
            switch block {
            case let .text(style, template), let .dateTime(style, template):
                if template.showsOnlyEmptyFields(of: content) { continue }
                let text = template.resolve(content: content, labels: labels)
                if text.isEmpty { continue }
                elements += lines(text, style: style).map { .line($0) }
            case let .bigNumber(style, template):
                let text = template.resolve(content: content, labels: labels)
                if text.isEmpty { continue }
                elements += lines(text, style: TextStyle(sizeDots: style.sizeDots, weight: style.weight, alignment: style.alignment, wraps: false))
                    .map { .line($0) }
            case let .qr(qr):
                guard let (symbol, modules) = try qr.symbol(for: content, widthDots: widthDots, blockIndex: index) else { continue }
                // GS ( k takes module sizes up to 16.
                let moduleDots = min(16, modules)
                if support.nativeQR {
                    let data = Array(content.value(of: qr.field).utf8)
                    elements.append(.qrCode(data: data, moduleDots: UInt8(moduleDots), justification: qr.alignment.justification))
                } else {
                    // A picture costs bytes per dot: 4-dot modules (0.5 mm) read well and keep it small.
                    elements.append(.image(symbol.bitmap(moduleDots: min(moduleDots, Self.pictureQRModuleDots)), qr.alignment.justification))
                }
            case let .rule(rule):
                let count = support.charactersPerLine(widthDots: widthDots, scale: 1)
                let text = rule.dashed ? String(repeating: "- ", count: count / 2) : String(repeating: "─", count: count)
                elements.append(.line(TextLine(text, justification: .center)))
            case let .spacer(height):
                elements.append(.feed(dots: height))
            case .ruler:
                let one = TicketLayout(name: "ruler", margins: .init(top: 0, bottom: 0, left: 0, right: 0), blocks: [.ruler])
                let content = TicketContent(language: .en, centreName: "", serviceName: "", ticketNumber: "", peopleAhead: 0,
                                            expectedWaitMinutes: 0, issueDate: "", issueTime: "", statusURL: "")
                elements.append(.image(try TicketRenderer(widthDots: widthDots).render(one, content: content).bitmap, .left))
            case let .logo(alignment):
                guard let logo = content.logo, logo.heightDots > 0 else { continue }
                guard logo.widthDots <= widthDots else {
                    throw .logoTooWide(blockIndex: index, widthDots: logo.widthDots, availableDots: widthDots)
                }
                elements.append(.image(logo, alignment.justification))
            case .conditional:
                continue
            }
        }
        return TextTicket(elements: elements)
    }

    /// The `GS !` factor for a block's em size: one step per 24 dots, within the printer's limit.
    public func scale(forSizeDots size: Double) -> Int {
        max(1, min(support.maxCharacterScale, Int((size / Double(support.fontHeightDots)).rounded())))
    }

    /// A block's text as lines: wrapped at words, or (for `wrap: false`) made smaller until it
    /// fits on one line, and wrapped only if even the smallest size does not fit.
    func lines(_ text: String, style: TextStyle) -> [TextLine] {
        // Word joiners only keep pango from breaking; the printer has no such character.
        let text = text.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\u{2060}", with: "")
        let length = text.unicodeScalars.count
        var scale = scale(forSizeDots: style.sizeDots)
        if !style.wraps {
            while scale > 1, length > support.charactersPerLine(widthDots: widthDots, scale: scale) { scale -= 1 }
        }
        let perLine = support.charactersPerLine(widthDots: widthDots, scale: scale)
        return Self.wrap(text, perLine: perLine).map { part in
            var line = TextLine(part, widthScale: scale, heightScale: scale, bold: style.weight == .bold, inverse: style.inverse,
                                justification: style.alignment.justification)
            if style.inverse {
                // A band across the whole width, as in raster mode.
                let free = perLine - part.unicodeScalars.count
                line.text = String(repeating: " ", count: free / 2) + part + String(repeating: " ", count: free - free / 2)
                line.justification = .left
            }
            return line
        }
    }

    /// Breaks text into lines of at most `perLine` characters at spaces (never at a no-break
    /// space); a word longer than a line is cut.
    public static func wrap(_ text: String, perLine: Int) -> [String] {
        var lines: [String] = []
        var current: [Unicode.Scalar] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var scalars = Array(String(word).unicodeScalars)
            let needed = current.isEmpty ? scalars.count : current.count + 1 + scalars.count
            if needed <= perLine {
                if !current.isEmpty { current.append(" ") }
                current += scalars
                continue
            }
            if !current.isEmpty { lines.append(String(String.UnicodeScalarView(current))) }
            current = []
            while scalars.count > perLine {
                lines.append(String(String.UnicodeScalarView(scalars.prefix(perLine))))
                scalars.removeFirst(perLine)
            }
            current = scalars
        }
        if !current.isEmpty { lines.append(String(String.UnicodeScalarView(current))) }
        return lines
    }
}

extension TextStyle.Alignment {
    /// The ESC/POS justification.
    var justification: Justification {
        switch self {
        case .left: .left
        case .center: .center
        case .right: .right
        }
    }
}

extension QRSymbol {
    /// The symbol with its quiet zone as a picture, `moduleDots` per module.
    func bitmap(moduleDots: Int) -> MonoBitmap {
        let side = sizeWithQuietZone * moduleDots
        var bitmap = MonoBitmap(widthDots: side, heightDots: side)
        let offset = Self.quietZoneModules * moduleDots
        for row in 0..<size {
            for column in 0..<size where isDark(x: column, y: row) {
                for dy in 0..<moduleDots {
                    for dx in 0..<moduleDots { bitmap[offset + column * moduleDots + dx, offset + row * moduleDots + dy] = true }
                }
            }
        }
        return bitmap
    }
}
