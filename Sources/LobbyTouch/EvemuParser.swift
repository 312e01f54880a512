/// Reads evemu recordings (format 1.0–1.3) from their text; no I/O.
///
/// Accepted lines: `#` comments (a first `# EVEMU x.y` gives the version; evemu 1.0/1.1
/// comment blocks describe the device when the machine lines are missing), `N:` name,
/// `I:` bus vendor product version (hex), `P:` 8 property bytes, `B:` type + 8 bytes (every
/// mask bounded by what a kernel can report, `EvdevLimits`: a longer mask or a bit beyond
/// `KEY_MAX`, `ABS_MAX`, `INPUT_PROP_MAX`… is an error naming the line), `A:` code min max fuzz flat [resolution], `L:`/`S:` LED and switch states (checked,
/// not kept), `E:` sec.usec type code value (value decimal, may be zero-padded or negative;
/// anything after the value, such as evemu's `# EV_ABS / …` remark, is ignored).
public enum EvemuParser {
    /// Parses one evemu text (description, events, or both).
    public static func parse(_ text: String) throws(EvemuParseError) -> EvemuRecording {
        var state = ParseState()
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            try state.consume(line: rawLine, number: lineNumber)
        }
        return try state.finish()
    }

    /// Parses a description file and a separate events file (as the Nexus 4 recording ships).
    public static func parse(description: String, events: String) throws(EvemuParseError) -> EvemuRecording {
        let device = try parse(description)
        let recording = try parse(events)
        return device.device == nil ? recording : recording.withDevice(from: device)
    }
}

/// The parser's running state over the lines of one text.
private struct ParseState {
    var version: EvemuFormatVersion?
    var name: String?
    var nameLine = 0
    var identity: DeviceIdentity?
    var identityLine = 0
    var propertyBytes: [UInt8] = []
    var maskBytes: [UInt16: [UInt8]] = [:]
    var axes: [AbsoluteAxis: AbsoluteAxisInfo] = [:]
    var sawDescriptionLine = false
    /// The first `N:`/`I:`/`P:`/`B:`/`A:`/`L:`/`S:` line, named when the description is incomplete.
    var firstDescriptionLine = 0
    var headerComments: [(number: Int, text: Substring)] = []
    var events: [InputEvent] = []

    mutating func consume(line rawLine: Substring, number: Int) throws(EvemuParseError) {
        var line = rawLine
        if line.last == "\r" { line = line.dropLast() }
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.isEmpty { return }
        if trimmed.first == "#" {
            if events.isEmpty {
                if version == nil, headerComments.isEmpty, !sawDescriptionLine {
                    version = Self.version(fromComment: trimmed)
                }
                headerComments.append((number, trimmed))
            }
            return
        }
        guard let colon = trimmed.firstIndex(of: ":"), trimmed.distance(from: trimmed.startIndex, to: colon) == 1 else {
            throw EvemuParseError(line: number, problem: .unknownLineType(String(trimmed.prefix(8))))
        }
        let tag = String(trimmed[...colon])
        let body = trimmed[trimmed.index(after: colon)...]
        switch tag {
        case "E:":
            events.append(try Self.event(body, line: number))
        case "N:", "I:", "P:", "B:", "A:", "L:", "S:":
            guard events.isEmpty else {
                throw EvemuParseError(line: number, problem: .descriptionAfterEvents(tag: tag))
            }
            if !sawDescriptionLine { firstDescriptionLine = number }
            sawDescriptionLine = true
            try description(tag: tag, body: body, line: number)
        default:
            throw EvemuParseError(line: number, problem: .unknownLineType(tag))
        }
    }

    mutating func description(tag: String, body: Substring, line: Int) throws(EvemuParseError) {
        let fields = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
        switch tag {
        case "N:":
            guard name == nil else { throw EvemuParseError(line: line, problem: .duplicateDeviceName) }
            var text = body.drop(while: { $0 == " " || $0 == "\t" })
            while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
            name = String(text)
            nameLine = line
        case "I:":
            guard fields.count == 4 else {
                throw EvemuParseError(line: line, problem: .wrongFieldCount(tag: tag, expected: "4 hex numbers (bus vendor product version)", found: fields.count))
            }
            let names = ["bus", "vendor", "product", "version"]
            var values: [UInt16] = []
            for (field, text) in zip(names, fields) {
                values.append(try Self.hex16(text, tag: tag, field: field, line: line))
            }
            identity = DeviceIdentity(bus: values[0], vendor: values[1], product: values[2], version: values[3])
            identityLine = line
        case "P:":
            guard fields.count == 8 else {
                throw EvemuParseError(line: line, problem: .wrongFieldCount(tag: tag, expected: "8 hex bytes", found: fields.count))
            }
            var bytes: [UInt8] = []
            for (index, text) in fields.enumerated() {
                bytes.append(try Self.hexByte(text, tag: tag, field: "byte \(index + 1)", line: line))
            }
            try Self.checkMaskLine(bytes, after: propertyBytes.count, highest: EvdevLimits.maximumProperty, tag: tag, mask: "property",
                                   limit: EvdevLimits.propertyLimitName, line: line)
            propertyBytes += bytes
        case "B:":
            guard fields.count == 9 else {
                throw EvemuParseError(line: line, problem: .wrongFieldCount(tag: tag, expected: "an event type and 8 hex bytes", found: fields.count))
            }
            let type = try Self.hexByte(fields[0], tag: tag, field: "event type", line: line)
            guard UInt16(type) <= EventType.maximum.rawValue else {
                throw EvemuParseError(line: line, problem: .numberOutOfRange(tag: tag, field: "event type", text: String(fields[0])))
            }
            var bytes: [UInt8] = []
            for (index, text) in fields.dropFirst().enumerated() {
                bytes.append(try Self.hexByte(text, tag: tag, field: "byte \(index + 1)", line: line))
            }
            let eventType = EventType(rawValue: UInt16(type))
            let previous = maskBytes[eventType.rawValue, default: []]
            try Self.checkMaskLine(bytes, after: previous.count, highest: EvdevLimits.maximumCode(of: eventType), tag: tag,
                                   mask: eventType.description, limit: EvdevLimits.limitName(of: eventType), line: line)
            maskBytes[eventType.rawValue] = previous + bytes
        case "A:":
            guard fields.count == 5 || fields.count == 6 else {
                throw EvemuParseError(line: line, problem: .wrongFieldCount(tag: tag, expected: "an axis code and 4 or 5 numbers (min max fuzz flat [resolution])", found: fields.count))
            }
            let code = try Self.hexByte(fields[0], tag: tag, field: "axis code", line: line)
            guard UInt16(code) <= AbsoluteAxis.maximum.rawValue else {
                throw EvemuParseError(line: line, problem: .numberOutOfRange(tag: tag, field: "axis code", text: String(fields[0])))
            }
            let names = ["min", "max", "fuzz", "flat", "resolution"]
            var values: [Int32] = []
            for (field, text) in zip(names, fields.dropFirst()) {
                values.append(try Self.decimal32(text, tag: tag, field: field, line: line))
            }
            axes[AbsoluteAxis(rawValue: UInt16(code))] = AbsoluteAxisInfo(
                minimum: values[0], maximum: values[1], fuzz: values[2], flat: values[3],
                resolution: values.count > 4 ? values[4] : 0
            )
        default: // "L:" and "S:": current LED and switch states, not needed by a touchscreen.
            guard fields.count == 2 else {
                throw EvemuParseError(line: line, problem: .wrongFieldCount(tag: tag, expected: "a code and a value", found: fields.count))
            }
            _ = try Self.hexByte(fields[0], tag: tag, field: "code", line: line)
            _ = try Self.decimal32(fields[1], tag: tag, field: "value", line: line)
        }
    }

    func finish() throws(EvemuParseError) -> EvemuRecording {
        if sawDescriptionLine {
            // Named: the line of the part that is there (I: or N:), else the description's first line.
            guard let name else {
                throw EvemuParseError(line: identity == nil ? firstDescriptionLine : identityLine, problem: .incompleteDescription(missing: "N:"))
            }
            guard let identity else { throw EvemuParseError(line: nameLine, problem: .incompleteDescription(missing: "I:")) }
            let device = DeviceDescription(
                name: name,
                identity: identity,
                properties: Set(Self.bits(propertyBytes).map(InputProperty.init(rawValue:))),
                supportedEvents: Dictionary(uniqueKeysWithValues: maskBytes.map { (EventType(rawValue: $0.key), Set(Self.bits($0.value))) })
                    .filter { !$0.value.isEmpty },
                absoluteAxes: axes
            )
            return EvemuRecording(formatVersion: version, device: device, deviceSource: .descriptionLines, events: events)
        }
        if let device = try EvemuCommentDescription.parse(headerComments) {
            return EvemuRecording(formatVersion: version, device: device, deviceSource: .commentBlocks, events: events)
        }
        guard !events.isEmpty else { throw EvemuParseError(line: 1, problem: .empty) }
        return EvemuRecording(formatVersion: version, device: nil, deviceSource: .none, events: events)
    }

    // MARK: - Fields

    static func version(fromComment comment: Substring) -> EvemuFormatVersion? {
        let words = comment.dropFirst().split(separator: " ")
        guard words.count == 2, words[0] == "EVEMU" else { return nil }
        let parts = words[1].split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return EvemuFormatVersion(major: major, minor: minor)
    }

    static func event(_ body: Substring, line: Int) throws(EvemuParseError) -> InputEvent {
        let content = body.prefix(while: { $0 != "#" })
        let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 4 else {
            throw EvemuParseError(line: line, problem: .wrongFieldCount(tag: "E:", expected: "4 fields (sec.usec type code value)", found: fields.count))
        }
        let time = try timestamp(fields[0], line: line)
        let type = try hex16(fields[1], tag: "E:", field: "type", line: line)
        let code = try hex16(fields[2], tag: "E:", field: "code", line: line)
        let value = try decimal32(fields[3], tag: "E:", field: "value", line: line)
        return InputEvent(time: time, type: EventType(rawValue: type), code: code, value: value)
    }

    /// `sec.usec`; the fraction is decimal (evemu writes 6 digits; fewer are padded on the right).
    static func timestamp(_ text: Substring, line: Int) throws(EvemuParseError) -> EventTime {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit) else {
            throw EvemuParseError(line: line, problem: .invalidNumber(tag: "E:", field: "time", text: String(text)))
        }
        guard parts[0].count <= 12, parts[1].count <= 6, let seconds = Int64(parts[0]),
              let fraction = Int64(parts[1] + String(repeating: "0", count: 6 - parts[1].count)) else {
            throw EvemuParseError(line: line, problem: .numberOutOfRange(tag: "E:", field: "time", text: String(text)))
        }
        return EventTime(seconds: seconds, microseconds: fraction)
    }

    static func hex16(_ text: Substring, tag: String, field: String, line: Int) throws(EvemuParseError) -> UInt16 {
        var digits = text
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIHexDigit) else {
            throw EvemuParseError(line: line, problem: .invalidNumber(tag: tag, field: field, text: String(text)))
        }
        guard let value = UInt16(digits, radix: 16) else {
            throw EvemuParseError(line: line, problem: .numberOutOfRange(tag: tag, field: field, text: String(text)))
        }
        return value
    }

    static func hexByte(_ text: Substring, tag: String, field: String, line: Int) throws(EvemuParseError) -> UInt8 {
        let value = try hex16(text, tag: tag, field: field, line: line)
        guard value <= 0xff else {
            throw EvemuParseError(line: line, problem: .numberOutOfRange(tag: tag, field: field, text: String(text)))
        }
        return UInt8(value)
    }

    static func decimal32(_ text: Substring, tag: String, field: String, line: Int) throws(EvemuParseError) -> Int32 {
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else {
            throw EvemuParseError(line: line, problem: .invalidNumber(tag: tag, field: field, text: String(text)))
        }
        guard let value = Int32(text) else {
            throw EvemuParseError(line: line, problem: .numberOutOfRange(tag: tag, field: field, text: String(text)))
        }
        return value
    }

    /// Checks one 8-byte mask line that follows `earlierBytes` bytes of the same mask: a kernel's
    /// largest mask (codes up to `highest`, none when nil) bounds both the number of lines and
    /// the bits that may be set, so a longer or wider mask is an error naming this line.
    static func checkMaskLine(_ bytes: [UInt8], after earlierBytes: Int, highest: UInt16?, tag: String, mask: String,
                              limit: String?, line: Int) throws(EvemuParseError) {
        let maximumLines = EvdevLimits.maximumMaskLines(highestCode: highest)
        let ordinal = earlierBytes / EvdevLimits.bytesPerMaskLine + 1
        guard ordinal <= maximumLines else {
            throw EvemuParseError(line: line, problem: .maskTooLong(tag: tag, mask: mask, ordinal: ordinal, maximumLines: maximumLines,
                                                                    limit: limit ?? "no codes"))
        }
        for (index, byte) in bytes.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (1 << bit) != 0 {
                let code = (earlierBytes + index) * 8 + bit
                if let highest, code <= Int(highest) { continue }
                throw EvemuParseError(line: line, problem: .maskBitOutOfRange(tag: tag, mask: mask, bit: code, limit: limit))
            }
        }
    }

    /// The indices of the set bits of a little-endian byte mask (bounded by `checkMaskLine`).
    static func bits(_ bytes: [UInt8]) -> [UInt16] {
        var result: [UInt16] = []
        for (index, byte) in bytes.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (1 << bit) != 0 {
                result.append(UInt16(index * 8 + bit))
            }
        }
        return result
    }
}

extension Character {
    /// Whether this is one of `0`…`9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// Whether this is one of `0`…`9`, `a`…`f`, `A`…`F`.
    var isASCIIHexDigit: Bool { isASCIIDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self) }
}
