/// Attributes of one text line (one byte on the wire).
public struct TextAttributes: OptionSet, Sendable, Equatable {
    /// The raw attribute byte.
    public let rawValue: UInt8
    /// Wraps a raw attribute byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The line blinks (about 1 Hz, half on, half off).
    public static let blink = TextAttributes(rawValue: 0x01)
    /// Pixels are inverted (lit background, dark text).
    public static let invert = TextAttributes(rawValue: 0x02)
    /// Text wider than the line scrolls right to left; shorter text stays put.
    public static let scroll = TextAttributes(rawValue: 0x04)
    /// Centre the text on the line (default: left aligned).
    public static let alignCenter = TextAttributes(rawValue: 0x08)
    /// Align the text to the right end of the line.
    public static let alignRight = TextAttributes(rawValue: 0x10)
    /// Bits a device understands; others must be zero (and centre and right exclude each other).
    public static let known: TextAttributes = [.blink, .invert, .scroll, .alignCenter, .alignRight]
}

/// One line inside a `TextLines` payload: where its UTF-8 bytes are.
public struct TextLine: Sendable, Equatable {
    /// The display line (0 = top).
    public var line: UInt8
    /// Attributes.
    public var attributes: TextAttributes
    /// Offset of the UTF-8 bytes in the payload.
    public var utf8Offset: Int
    /// Number of UTF-8 bytes.
    public var utf8Count: Int
}

/// A set of text lines: count u8, then per line: line u8, attributes u8, length u8, UTF-8.
///
/// Stored as its payload bytes; lines not mentioned keep their content on the device.
public struct TextLines: Sendable, Equatable {
    /// The most UTF-8 bytes of one line.
    public static let maxLineBytes = 64
    /// The encoded payload.
    public private(set) var payload: Payload
    /// The number of lines.
    public private(set) var count: Int

    /// Creates an empty set.
    public init() {
        payload = Payload()
        payload.append(0)
        count = 0
    }

    /// Adds a line; false if it does not fit (too long text or payload full).
    @discardableResult
    public mutating func append<UTF8: Collection<UInt8>>(
        line: UInt8, attributes: TextAttributes = [], utf8: UTF8
    ) -> Bool {
        let length = utf8.count
        guard length <= Self.maxLineBytes, payload.freeCapacity >= 3 + length, count < 255 else { return false }
        payload.append(line)
        payload.append(attributes.rawValue)
        payload.append(UInt8(length))
        payload.append(contentsOf: utf8)
        count += 1
        payload.set(UInt8(count), at: 0)
        return true
    }

    /// The display line of the first entry (in message order) whose line index is `lines` or
    /// more, i.e. beyond a display of `lines` lines; nil when every entry fits.
    public func firstLine(atOrBeyond lines: Int) -> UInt8? {
        var index = 0
        while let entry = line(index) {
            if Int(entry.line) >= lines { return entry.line }
            index += 1
        }
        return nil
    }

    /// Validates a received payload.
    @inline(never)
    public static func decode(_ payload: Payload, type: MessageType) throws(MessageError) -> TextLines {
        var reader = PayloadReader(payload, type: type)
        let count = Int(try reader.uint8())
        var index = 0
        while index < count {
            _ = try reader.uint8()
            let attributes = TextAttributes(rawValue: try reader.uint8())
            if !TextAttributes.known.contains(attributes) || attributes.contains([.alignCenter, .alignRight]) {
                throw reader.invalid(width: 1)
            }
            let length = Int(try reader.uint8())
            if length > maxLineBytes { throw reader.invalid(width: 1) }
            var skipped = FixedBytes<64>()
            try reader.bytes(length, into: &skipped)
            index += 1
        }
        try reader.finish()
        var lines = TextLines()
        lines.payload = payload
        lines.count = count
        return lines
    }

    /// The `index`-th line (0 ..< count), or nil.
    public func line(_ index: Int) -> TextLine? {
        guard index >= 0 && index < count else { return nil }
        var offset = 1
        var current = 0
        while offset + 3 <= payload.count {
            let length = Int(payload[offset + 2])
            if current == index {
                return TextLine(
                    line: payload[offset], attributes: TextAttributes(rawValue: payload[offset + 1]),
                    utf8Offset: offset + 3, utf8Count: length)
            }
            offset += 3 + length
            current += 1
        }
        return nil
    }

    /// The UTF-8 bytes of a line.
    public func utf8(of line: TextLine) -> FixedBytes<64> {
        var bytes = FixedBytes<64>()
        var index = 0
        while index < line.utf8Count {
            bytes.append(payload[line.utf8Offset + index])
            index += 1
        }
        return bytes
    }
}
