import LobbyQueue
import LobbyWire

/// One line a board should show.
public struct BoardLine: Sendable, Equatable {
    /// The text (UTF-8 on the wire, cut to 64 bytes).
    public var text: String
    /// Blink, invert, alignment.
    public var attributes: TextAttributes

    /// Creates a line.
    public init(_ text: String, attributes: TextAttributes = []) {
        self.text = text
        self.attributes = attributes
    }

    /// An empty line.
    public static let blank = BoardLine("")

    /// The text's UTF-8 bytes, at most 64, cut at a character boundary.
    public var wireBytes: [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            let encoded = Array(String(scalar).utf8)
            if bytes.count + encoded.count > TextLines.maxLineBytes { break }
            bytes += encoded
        }
        return bytes
    }
}

/// What a board should show: its lines top to bottom, and whether it holds a call.
public struct BoardContent: Sendable, Equatable {
    /// Lines from the top; missing lines are blank.
    public var lines: [BoardLine]
    /// A call must stay visible for the minimum display time; idle content may be replaced at once.
    public var holdsCall: Bool

    /// Creates content.
    public init(lines: [BoardLine], holdsCall: Bool) {
        self.lines = lines
        self.holdsCall = holdsCall
    }

    /// Nothing shown.
    public static let blank = BoardContent(lines: [], holdsCall: false)

    /// Line `index`, blank beyond the given lines.
    public func line(_ index: Int) -> BoardLine { index < lines.count ? lines[index] : .blank }
}

/// One entry of a hall board's list.
public struct CallEntry: Sendable, Equatable {
    /// The called ticket.
    public var ticket: TicketID
    /// Its displayed number.
    public var number: String
    /// The window.
    public var window: WindowID

    /// Creates an entry.
    public init(ticket: TicketID, number: String, window: WindowID) {
        self.ticket = ticket
        self.number = number
        self.window = window
    }
}

/// How calls become board lines (the repertoire of Protocol.md §11 has "→").
public enum BoardLayout {
    /// A window board: the number centred on the top line, blinking on a recall.
    public static func window(number: String, isRecall: Bool) -> BoardContent {
        var attributes: TextAttributes = [.alignCenter]
        if isRecall { attributes.insert(.blink) }
        return BoardContent(lines: [BoardLine(number, attributes: attributes)], holdsCall: true)
    }

    /// A hall board: newest call on top, `number` left and `→ window` right in `columns` characters.
    public static func hall(_ entries: [CallEntry], lines: Int, columns: Int) -> BoardContent {
        let shown = entries.prefix(max(lines, 1)).map { entry -> BoardLine in
            let right = "→" + String(entry.window.rawValue)
            let gap = max(1, columns - entry.number.count - right.count)
            return BoardLine(entry.number + String(repeating: " ", count: gap) + right)
        }
        return BoardContent(lines: Array(shown), holdsCall: !entries.isEmpty)
    }

    /// Packs the given lines into as few showText messages as fit the 200-byte payload.
    public static func messages(for lines: [(index: Int, line: BoardLine)]) -> [TextLines] {
        var messages: [TextLines] = []
        var current = TextLines()
        var used = 1
        for (index, line) in lines {
            let bytes = line.wireBytes
            if used + 3 + bytes.count > FrameLimits.maxPayload {
                messages.append(current)
                current = TextLines()
                used = 1
            }
            _ = current.append(line: UInt8(index), attributes: line.attributes, utf8: bytes)
            used += 3 + bytes.count
        }
        if current.count > 0 { messages.append(current) }
        return messages
    }
}
