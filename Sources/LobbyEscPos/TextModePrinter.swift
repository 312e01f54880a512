/// Plays decoded ESC/POS commands the way a text-mode printer would and says what is printed:
/// each text line with its characters (through the selected code page, or the downloaded glyph
/// while `ESC % 1` is on), sizes and styles, the pictures, the printer's own QR codes, and how
/// much paper it all takes. Used by tests to compare what both modes print, by `lobbyctl` to
/// preview text mode, and by the benchmark for print time.
public struct TextModePrinter: Sendable {
    /// One character on paper.
    public enum Glyph: Equatable, Sendable {
        /// A resident character of the selected code page (nil: a byte the table does not define).
        case resident(Unicode.Scalar?)
        /// A downloaded character: its code and glyph.
        case downloaded(code: UInt8, glyph: MonoBitmap)
    }

    /// One printed line.
    public struct Line: Equatable, Sendable {
        /// The characters.
        public var glyphs: [Glyph] = []
        /// Width and height factors of each character (`GS !` when it was received).
        public var scales: [(width: Int, height: Int)] = []
        /// Whether each character is emphasized.
        public var bold: [Bool] = []
        /// Whether each character is white on black.
        public var inverse: [Bool] = []
        /// The alignment in effect at the start of the line.
        public var justification: Justification = .left

        /// The text, downloaded glyphs read by `recognise` (U+FFFD when it does not know one).
        public func text(recognise: (MonoBitmap) -> Unicode.Scalar? = { _ in nil }) -> String {
            var out = String.UnicodeScalarView()
            for glyph in glyphs {
                switch glyph {
                case let .resident(scalar): out.append(scalar ?? "\u{FFFD}")
                case let .downloaded(_, bitmap): out.append(recognise(bitmap) ?? "\u{FFFD}")
                }
            }
            return String(out)
        }

        /// The tallest height factor in the line (1 for an empty line).
        public var heightScale: Int { scales.map(\.height).max() ?? 1 }

        /// Equal when glyphs, styles and alignment are equal.
        public static func == (a: Line, b: Line) -> Bool {
            a.glyphs == b.glyphs && a.bold == b.bold && a.inverse == b.inverse && a.justification == b.justification
                && a.scales.elementsEqual(b.scales) { $0.width == $1.width && $0.height == $1.height }
        }
    }

    /// One thing on paper, top to bottom.
    public enum Element: Equatable, Sendable {
        /// A text line and the paper it took, in dots.
        case line(Line, heightDots: Int)
        /// A picture (joined raster or column bands).
        case image(MonoBitmap, Justification)
        /// A QR code the printer drew: data, module size.
        case qrCode(data: [UInt8], moduleDots: Int)
        /// Paper fed without printing, in dots.
        case feed(dots: Int)
        /// The cut.
        case cut(CutCommand)
    }

    /// What a ticket printed.
    public struct Printout: Equatable, Sendable {
        /// Everything, in order.
        public var elements: [Element]
        /// The code pages selected (`ESC t n`), in order.
        public var codePagesSelected: [UInt8]
        /// The downloaded characters at the end, by code.
        public var downloaded: [UInt8: MonoBitmap]

        /// The text lines, in order.
        public var lines: [Line] {
            elements.compactMap { if case let .line(line, _) = $0 { line } else { nil } }
        }

        /// Paper used up to the cut, in dots (QR codes counted with the module size and a
        /// version read from the data length).
        public var lengthDots: Int {
            elements.reduce(0) { total, element in
                switch element {
                case let .line(_, height): total + height
                case let .image(bitmap, _): total + bitmap.heightDots
                case let .qrCode(data, module): total + QRCapacity.modules(forByteCount: data.count) * module
                case let .feed(dots): total + dots
                case .cut: total
                }
            }
        }
    }

    /// The printer's text-mode facts (code page numbers, font size, default line spacing).
    public let support: TextModeSupport
    /// Line spacing after `ESC 2` and at power-on, in dots.
    public let defaultLineSpacingDots: Int

    /// A printer with these facts.
    public init(support: TextModeSupport, defaultLineSpacingDots: Int = 30) {
        self.support = support
        self.defaultLineSpacingDots = defaultLineSpacingDots
    }

    /// What the commands print.
    public func print(_ decoded: DecodedEscPos) -> Printout {
        var elements: [Element] = []
        var selected: [UInt8] = []
        var table = CodePage.pc437
        var downloaded: [UInt8: MonoBitmap] = [:]
        var userSet = false, bold = false, inverse = false
        var scale = (width: 1, height: 1)
        var justification = Justification.left
        var spacing = defaultLineSpacingDots
        var line = Line()
        var imageIndex = 0
        let images = decoded.images

        func endLine() {
            let height = max(spacing, support.fontHeightDots * line.heightScale)
            elements.append(.line(line, heightDots: height))
            line = Line()
        }
        for entry in decoded.commands {
            switch entry.command {
            case .initialize:
                table = .pc437
                downloaded = [:]
                (userSet, bold, inverse, scale, justification, spacing) = (false, false, false, (1, 1), .left, defaultLineSpacingDots)
            case let .selectCodePage(number):
                selected.append(number)
                table = support.table(number: number) ?? .pc437
            case let .userDefinedCharacterSet(on): userSet = on
            case let .defineCharacters(definition):
                for (offset, glyph) in definition.glyphs.enumerated() { downloaded[definition.firstCode + UInt8(offset)] = glyph }
            case let .cancelUserDefinedCharacter(code): downloaded[code] = nil
            case let .characterSize(width, height): scale = (Int(width), Int(height))
            case let .emphasis(on): bold = on
            case let .reverse(on): inverse = on
            case let .printMode(bits):
                bold = bits & 0x08 != 0
                scale = (bits & 0x20 != 0 ? 2 : 1, bits & 0x10 != 0 ? 2 : 1)
            case let .justification(value): if line.glyphs.isEmpty { justification = value }
            case let .lineSpacing(units): spacing = Int(units)
            case .defaultLineSpacing: spacing = defaultLineSpacingDots
            case let .text(bytes):
                if line.glyphs.isEmpty { line.justification = justification }
                for byte in bytes {
                    if userSet, let glyph = downloaded[byte] {
                        line.glyphs.append(.downloaded(code: byte, glyph: glyph))
                    } else {
                        line.glyphs.append(.resident(table.scalar(for: byte)))
                    }
                    line.scales.append(scale)
                    line.bold.append(bold)
                    line.inverse.append(inverse)
                }
            case .lineFeed:
                endLine()
            case let .feedLines(count):
                if !line.glyphs.isEmpty { endLine() }
                elements.append(.feed(dots: Int(count) * spacing))
            case let .feedDots(dots):
                if !line.glyphs.isEmpty { endLine() }
                elements.append(.feed(dots: Int(dots)))
            case .rasterImage, .columnImage:
                // Bands were joined by DecodedEscPos.images; emit each picture once, at its first band.
                if imageIndex < images.count, images[imageIndex].byteOffset == entry.byteOffset {
                    elements.append(.image(images[imageIndex].bitmap, justification))
                    imageIndex += 1
                }
            case let .twoDimensionalCode(code):
                if code.symbol == 0x31, code.function == 0x51, let data = storedQR(before: entry.byteOffset, in: decoded) {
                    elements.append(.qrCode(data: data, moduleDots: moduleSize(before: entry.byteOffset, in: decoded)))
                }
            case let .cut(cut):
                if !line.glyphs.isEmpty { endLine() }
                elements.append(.cut(cut))
            default:
                break
            }
        }
        if !line.glyphs.isEmpty { endLine() }
        return Printout(elements: elements, codePagesSelected: selected, downloaded: downloaded)
    }

    private func storedQR(before offset: Int, in decoded: DecodedEscPos) -> [UInt8]? {
        decoded.commands.last { entry in
            guard entry.byteOffset < offset, case let .twoDimensionalCode(code) = entry.command else { return false }
            return code.storedQRData != nil
        }.flatMap { entry in
            if case let .twoDimensionalCode(code) = entry.command { return code.storedQRData }
            return nil
        }
    }

    private func moduleSize(before offset: Int, in decoded: DecodedEscPos) -> Int {
        for entry in decoded.commands.reversed() where entry.byteOffset < offset {
            if case let .twoDimensionalCode(code) = entry.command, code.symbol == 0x31, code.function == 0x43, let size = code.parameters.first {
                return Int(size)
            }
        }
        return 3
    }
}

/// QR symbol sizes for byte-mode data at error correction M (the level Lobby asks for).
public enum QRCapacity {
    /// Bytes each version 1-40 holds at level M.
    static let bytesAtLevelM = [
        14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
        711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
    ]

    /// The smallest version that holds `count` bytes (nil above version 40).
    public static func version(forByteCount count: Int) -> Int? {
        bytesAtLevelM.firstIndex { $0 >= count }.map { $0 + 1 }
    }

    /// Modules per side including the 4-module quiet zone on both sides.
    public static func modules(forByteCount count: Int) -> Int {
        17 + 4 * (version(forByteCount: count) ?? 40) + 8
    }
}
