import LobbyWire

/// Text and JSON output of the technician functions (pure; lobbyctl prints these).
///
/// Values have one form everywhere (Docs/Bus.md, "Text formats"): addresses `0x11`, serials 16
/// hex digits, firmware `1.2.3`, kinds `window-board`, message and key names as in Protocol.md.
public enum TechnicianFormat {
    /// `board show`: the frame buffer as text art (`#` lit, `.` dark), then the text read from it.
    public static func art(_ image: FrameBufferImage, address: DeviceAddress? = nil) -> String {
        var lines: [String] = []
        if let address { lines.append("board \(address), \(image.width)x\(image.height) px, as read back:") }
        lines += image.rows.map { String($0.map { $0 ? "#" : "." }) }
        let text = BoardTextReader().lines(of: image)
        if text.count == 1 {
            lines.append("reads: " + quoted(text[0]))
        } else {
            lines.append("reads:")
            for (index, line) in text.enumerated() { lines.append("  line \(index): " + quoted(line)) }
        }
        return lines.joined(separator: "\n")
    }

    /// `board show --json`: size, rows and the text read from each line.
    public static func json(_ image: FrameBufferImage, address: DeviceAddress? = nil) -> String {
        let rows = image.rows.map { "\"" + String($0.map { $0 ? "#" : "." }) + "\"" }.joined(separator: ",")
        let text = BoardTextReader().lines(of: image).map(BusMonitorFormat.quoted).joined(separator: ",")
        let prefix = address.map { "\"address\":\"\($0)\"," } ?? ""
        return "{\(prefix)\"width\":\(image.width),\"height\":\(image.height),\"rows\":[\(rows)],\"text\":[\(text)]}"
    }

    /// `board test`: whether the read-back matched, and what happens to the board's content.
    public static func text(_ check: PatternCheck, address: DeviceAddress, repaint: RepaintAfterTest) -> String {
        let pixels = check.width * check.height
        var text = "board \(address): test pattern \(check.pattern) read back: "
        if check.matches {
            text += "matches (all \(pixels) pixels)"
        } else {
            text += "DIFFERS in \(check.differingPixels) of \(pixels) pixels"
            if let first = check.firstDifference { text += ", first at x \(first.x), y \(first.y)" }
        }
        switch repaint {
        case .byDaemon: text += "\nlobbyd repaints the board's content now"
        case .atNextPoll: text += "\nthe board shows the pattern until a bus master repaints it (lobbyd does when it next polls the board)"
        }
        return text
    }

    /// `board test --json`.
    public static func json(_ check: PatternCheck, address: DeviceAddress, repaint: RepaintAfterTest) -> String {
        var fields = [
            "\"address\":\"\(address)\"", "\"pattern\":\"\(check.pattern)\"", "\"matches\":\(check.matches)",
            "\"pixels\":\(check.width * check.height)", "\"differingPixels\":\(check.differingPixels)",
        ]
        if let first = check.firstDifference { fields.append("\"firstDifference\":{\"x\":\(first.x),\"y\":\(first.y)}") }
        fields.append("\"repaint\":\"\(repaint.rawValue)\"")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `bus scan`: one line per device.
    public static func text(_ entries: [ScanEntry]) -> String {
        if entries.isEmpty { return "no devices answered" }
        return entries.map { entry in
            let identity = entry.identity
            return "\(entry.address)  \(identity.kind)  serial \(identity.serial)  firmware \(identity.firmware)  "
                + "\(identity.geometry.lines)x\(identity.geometry.columns)"
        }.joined(separator: "\n")
    }

    /// `bus scan --json`.
    public static func json(_ entries: [ScanEntry]) -> String {
        "[" + entries.map { entry in
            let identity = entry.identity
            return "{\"address\":\"\(entry.address)\",\"kind\":\"\(identity.kind)\",\"serial\":\"\(identity.serial)\","
                + "\"firmware\":\"\(identity.firmware)\",\"lines\":\(identity.geometry.lines),\"columns\":\(identity.geometry.columns),"
                + "\"protocolVersion\":\(identity.protocolVersion),\"capabilities\":\(identity.capabilities)}"
        }.joined(separator: ",") + "]"
    }

    /// `keypad watch`: one line per event (`event 7: vote 5 for ticket reference 16909060, 12 s ago`).
    public static func text(_ event: KeypadEvent) -> String { event.description }

    /// `keypad watch --json`: one object per event; `address` when known.
    public static func json(_ event: KeypadEvent, address: DeviceAddress? = nil) -> String {
        var fields = ["\"event\":\(event.id.rawValue)", "\"ageSeconds\":\(event.ageSeconds)"]
        if let address { fields.insert("\"address\":\"\(address)\"", at: 0) }
        switch event.kind {
        case .vote(let ticket, let score): fields += ["\"kind\":\"vote\"", "\"score\":\(score)", "\"ticketReference\":\(ticket.rawValue)"]
        case .operatorKey(let key): fields += ["\"kind\":\"operatorKey\"", "\"key\":\"\(key)\""]
        case .keyPressed(let index):
            fields += ["\"kind\":\"keyPressed\"", "\"index\":\(index)", "\"key\":\"\(KeypadEvent.keyName(index))\""]
        case .voteTimedOut(let ticket): fields += ["\"kind\":\"voteTimedOut\"", "\"ticketReference\":\(ticket.rawValue)"]
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func quoted(_ text: String) -> String { BusMonitorFormat.quoted(text) }
}

/// Who restores a board's content after a test pattern (the board sets `needsRepaint`).
public enum RepaintAfterTest: String, Sendable, Equatable {
    /// The test ran through lobbyd, which repaints every device right after it.
    case byDaemon = "lobbyd"
    /// The test ran directly on the port; whichever master polls the board next repaints it.
    case atNextPoll = "next-poll"
}
