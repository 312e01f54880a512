/// Static settings of a board, fixed at build time.
public struct BoardConfiguration: Sendable {
    /// Window or hall board.
    public var kind: DeviceKind
    /// Text lines.
    public var lines: UInt8
    /// Characters per line.
    public var columns: UInt8
    /// Unique serial.
    public var serial: DeviceSerial
    /// Firmware version reported on identify.
    public var firmware: FirmwareVersion
    /// Tick rate of the `now` values passed in.
    public var ticksPerSecond: UInt32

    /// Creates a configuration.
    public init(
        kind: DeviceKind, lines: UInt8, columns: UInt8, serial: DeviceSerial,
        firmware: FirmwareVersion, ticksPerSecond: UInt32
    ) {
        self.kind = kind
        self.lines = lines
        self.columns = columns
        self.serial = serial
        self.firmware = firmware
        self.ticksPerSecond = max(ticksPerSecond, 1)
    }
}

/// The logic of an LED board: bytes and ticks in, answer bytes out; no I/O.
///
/// Text is rendered into a 1-bit frame buffer with `Font`. The buffer holds the static
/// picture (scroll offset 0, blink phase "on"); `visiblePixel` adds blink and scroll.
public struct BoardCore<Font: BitmapFont>: Sendable where Font: Sendable {
    /// The most text lines a board keeps.
    public static var maxLines: Int { 8 }
    /// The link layer (address, de-duplication, counters).
    public private(set) var link: DeviceLink
    /// The rendered frame buffer.
    public private(set) var frameBuffer: PixelMatrix
    /// Brightness 0...255.
    public private(set) var brightness: UInt8 = 255
    /// Flags reported on poll.
    public private(set) var flags: StatusFlags = [.needsRepaint]
    /// Set after a reboot request was answered; the firmware restarts once the answer is sent.
    public private(set) var rebootRequested = false
    /// Until when the board flashes to be found by a technician.
    public private(set) var identifyBlinkUntil: Ticks?

    private var configuration: BoardConfiguration
    private let font: Font
    private var geometry: DisplayGeometry
    private var lineTexts: InlineArray<8, FixedBytes<64>>
    private var lineAttributes: InlineArray<8, TextAttributes>
    private var now = Ticks(0)

    /// Creates a board that shows its power-on screen.
    public init(configuration: BoardConfiguration, address: DeviceAddress, font: Font) {
        let geometry = Self.geometry(configuration, font)
        self.configuration = configuration
        self.font = font
        self.geometry = geometry
        link = DeviceLink(
            identity: Self.identity(configuration, geometry), address: address, ticksPerSecond: configuration.ticksPerSecond)
        frameBuffer = PixelMatrix(width: geometry.pixelWidth, height: geometry.pixelHeight)
        lineTexts = InlineArray(repeating: FixedBytes<64>())
        lineAttributes = InlineArray(repeating: [])
        showPowerOnScreen()
    }

    /// Powers the board on again, in place, as another board (`configuration`) at `address`:
    /// the state of a board just switched on, without building a second board on the stack.
    public mutating func restart(configuration: BoardConfiguration, address: DeviceAddress) {
        let geometry = Self.geometry(configuration, font)
        self.configuration = configuration
        self.geometry = geometry
        link.restart(identity: Self.identity(configuration, geometry), address: address, ticksPerSecond: configuration.ticksPerSecond)
        frameBuffer.reshape(width: geometry.pixelWidth, height: geometry.pixelHeight)
        var line = 0
        while line < Self.maxLines {
            lineTexts[line].removeAll()
            lineAttributes[line] = []
            line += 1
        }
        brightness = 255
        flags = [.needsRepaint]
        rebootRequested = false
        identifyBlinkUntil = nil
        now = Ticks(0)
        showPowerOnScreen()
    }

    private static func geometry(_ configuration: BoardConfiguration, _ font: Font) -> DisplayGeometry {
        DisplayGeometry(
            lines: UInt8(min(Int(configuration.lines), maxLines)), columns: configuration.columns,
            glyphWidth: UInt8(font.glyphWidth), glyphHeight: UInt8(font.glyphHeight))
    }

    private static func identity(_ configuration: BoardConfiguration, _ geometry: DisplayGeometry) -> DeviceIdentity {
        DeviceIdentity(kind: configuration.kind, firmware: configuration.firmware, serial: configuration.serial, geometry: geometry)
    }

    /// The geometry reported on identify.
    public var displayGeometry: DisplayGeometry { geometry }

    /// Power-on screen: "@" and the address in hex, centred on line 0.
    private mutating func showPowerOnScreen() {
        let digits: StaticString = "0123456789ABCDEF"
        var text = FixedBytes<64>()
        text.append(UInt8(ascii: "@"))
        let address = link.address.rawValue
        digits.withUTF8Buffer { buffer in
            text.append(buffer[Int(address >> 4)])
            text.append(buffer[Int(address & 0x0F)])
        }
        setLine(0, text: text, attributes: .alignCenter)
        flags.insert(.needsRepaint)
    }

    /// Feeds one received byte at time `now`; returns bytes to transmit, if any.
    public mutating func receive(_ byte: UInt8, now: Ticks) -> EncodedFrame? {
        self.now = now
        switch link.consume(byte, now: now) {
        case .none: return nil
        case .send(let frame): return frame
        case .handle:
            let reply = handle(link.request.message)
            return link.respond(with: reply)
        }
    }

    /// Drops a partial frame after an inter-byte gap.
    public mutating func receiveGap() { link.resetDecoder() }

    /// Advances time (blink phases, identify blinking).
    public mutating func tick(now: Ticks) {
        self.now = now
        if let until = identifyBlinkUntil, now.hasReached(until) { identifyBlinkUntil = nil }
    }

    private mutating func handle(_ message: Message) -> Message? {
        switch message {
        case .poll:
            return .status(DeviceStatus(flags: flags, uptimeSeconds: now.rawValue / configuration.ticksPerSecond))
        case .showText(let lines):
            if let beyond = lines.firstLine(atOrBeyond: Int(geometry.lines)) { return .nack(.showText, .outOfRange, detail: beyond) }
            var index = 0
            while let line = lines.line(index) {
                setLine(Int(line.line), text: lines.utf8(of: line), attributes: line.attributes)
                index += 1
            }
            flags.remove(.needsRepaint)
            return .ack(.showText)
        case .clear:
            var line = 0
            while line < Int(geometry.lines) {
                setLine(line, text: FixedBytes<64>(), attributes: [])
                line += 1
            }
            flags.remove([.needsRepaint, .missingGlyphs])
            return .ack(.clear)
        case .brightness(let level):
            brightness = level
            return .ack(.brightness)
        case .testPattern(let pattern):
            frameBuffer.fill(pattern)
            var line = 0
            while line < Self.maxLines {
                lineTexts[line].removeAll()
                lineAttributes[line] = []
                line += 1
            }
            // The board no longer shows what a master painted: any master polling it repaints (§12).
            flags.remove(.missingGlyphs)
            flags.insert(.needsRepaint)
            return .ack(.testPattern)
        case .readFrameBuffer(let offset, let length):
            let total = frameBuffer.byteCount
            guard Int(offset) < total else { return .nack(.readFrameBuffer, .outOfRange, detail: 0) }
            var data = FixedBytes<192>()
            var index = Int(offset)
            while index < min(total, Int(offset) + Int(length)) {
                data.append(frameBuffer.byte(at: index))
                index += 1
            }
            return .frameBufferChunk(
                FrameBufferChunk(
                    width: UInt16(frameBuffer.width), height: UInt16(frameBuffer.height), offset: offset,
                    totalBytes: UInt16(total), data: data))
        case .blinkIdentify(let seconds):
            identifyBlinkUntil = seconds == 0 ? nil : now.adding(UInt32(seconds) * configuration.ticksPerSecond)
            return .ack(.blinkIdentify)
        case .reboot:
            rebootRequested = true
            return .ack(.reboot)
        default:
            return .nack(message.type, .unsupportedByDevice, detail: 0)
        }
    }

    /// The stored UTF-8 text of a line.
    public func text(ofLine line: Int) -> FixedBytes<64> {
        line >= 0 && line < Self.maxLines ? lineTexts[line] : FixedBytes<64>()
    }

    /// The attributes of a line.
    public func attributes(ofLine line: Int) -> TextAttributes {
        line >= 0 && line < Self.maxLines ? lineAttributes[line] : []
    }

    /// Stores and renders one line.
    private mutating func setLine(_ line: Int, text: FixedBytes<64>, attributes: TextAttributes) {
        guard line >= 0 && line < Int(geometry.lines) else { return }
        lineTexts[line] = text
        lineAttributes[line] = attributes
        render(line: line)
    }

    private mutating func render(line: Int) {
        let top = line * font.glyphHeight
        frameBuffer.fillRows(top: top, rows: font.glyphHeight, lit: false)
        let text = lineTexts[line]
        let attributes = lineAttributes[line]
        let textWidth = UTF8Scalars.count(text) * font.glyphWidth
        var x = 0
        if textWidth < frameBuffer.width {
            if attributes.contains(.alignCenter) {
                x = (frameBuffer.width - textWidth) / 2
            } else if attributes.contains(.alignRight) {
                x = frameBuffer.width - textWidth
            }
        }
        var missing = false
        let font = self.font
        UTF8Scalars.forEach(text) { scalar in
            let glyph: Int
            if let found = font.glyphIndex(for: scalar) {
                glyph = found
            } else {
                glyph = font.fallbackGlyph
                missing = true
            }
            var row = 0
            while row < font.glyphHeight {
                let bits = font.row(row, ofGlyph: glyph)
                var column = 0
                while column < font.glyphWidth {
                    if bits & (0x80 >> UInt8(column)) != 0 { frameBuffer.setPixel(x: x + column, y: top + row, true) }
                    column += 1
                }
                row += 1
            }
            x += font.glyphWidth
        }
        if attributes.contains(.invert) { frameBuffer.invertRows(top: top, rows: font.glyphHeight) }
        if missing { flags.insert(.missingGlyphs) }
    }

    /// The pixel the LED panel shows now: the frame buffer with blink, scroll and identify.
    public func visiblePixel(x: Int, y: Int) -> Bool {
        let line = y / font.glyphHeight
        let attributes = line < Self.maxLines ? lineAttributes[line] : []
        let halfSecond = max(configuration.ticksPerSecond / 2, 1)
        let phaseOn = (now.rawValue / halfSecond) % 2 == 0
        if identifyBlinkUntil != nil { return phaseOn }
        if attributes.contains(.blink) && !phaseOn { return attributes.contains(.invert) }
        var sourceX = x
        if attributes.contains(.scroll) && line < Self.maxLines {
            let textWidth = UTF8Scalars.count(lineTexts[line]) * font.glyphWidth
            if textWidth > frameBuffer.width {
                let step = max(configuration.ticksPerSecond / 20, 1)
                let span = textWidth + frameBuffer.width
                sourceX = (x + Int((now.rawValue / step) % UInt32(span))) % span
                return scrolledPixel(line: line, x: sourceX - frameBuffer.width, y: y)
            }
        }
        return brightness != 0 && frameBuffer.pixel(x: sourceX, y: y)
    }

    /// A pixel of a scrolling line at text column `x` (negative = before the text).
    private func scrolledPixel(line: Int, x: Int, y: Int) -> Bool {
        guard x >= 0, brightness != 0 else { return lineAttributes[line].contains(.invert) && brightness != 0 }
        let index = x / font.glyphWidth
        var glyph = font.fallbackGlyph
        var current = 0
        UTF8Scalars.forEach(lineTexts[line]) { scalar in
            if current == index { glyph = font.glyphIndex(for: scalar) ?? font.fallbackGlyph }
            current += 1
        }
        if index >= current { return lineAttributes[line].contains(.invert) }
        let bits = font.row(y - line * font.glyphHeight, ofGlyph: glyph)
        let lit = bits & (0x80 >> UInt8(x % font.glyphWidth)) != 0
        return lit != lineAttributes[line].contains(.invert)
    }
}
