import LobbyWire

/// Text and JSON output of the technician functions (pure; lobbyctl prints these).
public enum TechnicianFormat {
    /// `board show`: the frame buffer as text art, `#` lit, `.` dark.
    public static func art(_ image: FrameBufferImage) -> String {
        image.rows.map { String($0.map { $0 ? "#" : "." }) }.joined(separator: "\n")
    }

    /// `board show --json`.
    public static func json(_ image: FrameBufferImage) -> String {
        let rows = image.rows.map { "\"" + String($0.map { $0 ? "#" : "." }) + "\"" }.joined(separator: ",")
        return "{\"width\":\(image.width),\"height\":\(image.height),\"rows\":[\(rows)]}"
    }

    /// `bus scan`: one line per device.
    public static func text(_ entries: [ScanEntry]) -> String {
        if entries.isEmpty { return "no devices answered" }
        return entries.map { entry in
            let identity = entry.identity
            return "\(AddressText.hex(entry.address))  \(kindName(identity.kind))  serial \(serialText(identity.serial))  "
                + "firmware \(identity.firmware.major).\(identity.firmware.minor).\(identity.firmware.patch)  "
                + "\(identity.geometry.lines)x\(identity.geometry.columns)"
        }.joined(separator: "\n")
    }

    /// `bus scan --json`.
    public static func json(_ entries: [ScanEntry]) -> String {
        "[" + entries.map { entry in
            let identity = entry.identity
            return "{\"address\":\(entry.address.rawValue),\"kind\":\"\(kindName(identity.kind))\",\"serial\":\"\(serialText(identity.serial))\","
                + "\"firmware\":\"\(identity.firmware.major).\(identity.firmware.minor).\(identity.firmware.patch)\","
                + "\"lines\":\(identity.geometry.lines),\"columns\":\(identity.geometry.columns),"
                + "\"protocolVersion\":\(identity.protocolVersion),\"capabilities\":\(identity.capabilities)}"
        }.joined(separator: ",") + "]"
    }

    /// `keypad watch`: one line per event.
    public static func text(_ event: KeypadEvent) -> String {
        let what: String
        switch event.kind {
        case .vote(let ticket, let score): what = "vote \(score) for ticket reference \(ticket.rawValue)"
        case .operatorKey(let key): what = "operator key \(key)"
        case .keyPressed(let index): what = "key \(index) pressed"
        case .voteTimedOut(let ticket): what = "vote for ticket reference \(ticket.rawValue) timed out"
        }
        return "event \(event.id.rawValue): \(what), \(event.ageSeconds) s ago"
    }

    /// `keypad watch --json`: one object per event; `address` when known (through lobbyd).
    public static func json(_ event: KeypadEvent, address: DeviceAddress? = nil) -> String {
        var fields = ["\"event\":\(event.id.rawValue)", "\"ageSeconds\":\(event.ageSeconds)"]
        if let address { fields.insert("\"address\":\"\(AddressText.hex(address))\"", at: 0) }
        switch event.kind {
        case .vote(let ticket, let score): fields += ["\"kind\":\"vote\"", "\"score\":\(score)", "\"ticketReference\":\(ticket.rawValue)"]
        case .operatorKey(let key): fields += ["\"kind\":\"operatorKey\"", "\"key\":\"\(key)\""]
        case .keyPressed(let index): fields += ["\"kind\":\"keyPressed\"", "\"index\":\(index)"]
        case .voteTimedOut(let ticket): fields += ["\"kind\":\"voteTimedOut\"", "\"ticketReference\":\(ticket.rawValue)"]
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `bus monitor`: one line per frame.
    public static func text(_ traffic: BusTraffic) -> String {
        let time = String(format6(traffic.microseconds))
        let arrow = traffic.direction == .sent ? ">" : "<"
        guard let frame = traffic.frame else {
            return "\(time) \(arrow) damaged: \(traffic.rejection.map { String(describing: $0) } ?? "?")"
        }
        let header = frame.header
        let decoded = (try? Message.decode(type: header.type, payload: frame.payload)).map { String(describing: $0) } ?? "undecodable type \(header.type.rawValue)"
        return "\(time) \(arrow) \(AddressText.hex(header.source))→\(AddressText.hex(header.destination)) seq \(header.sequence.rawValue) \(decoded)"
    }

    /// `bus monitor --json`.
    public static func json(_ traffic: BusTraffic) -> String {
        guard let frame = traffic.frame else {
            return "{\"t\":\(traffic.microseconds),\"dir\":\"\(traffic.direction.rawValue)\",\"damaged\":\"\(traffic.rejection.map { String(describing: $0.code) } ?? "")\"}"
        }
        let payload = frame.payload.map { String($0, radix: 16) }.joined(separator: " ")
        return "{\"t\":\(traffic.microseconds),\"dir\":\"\(traffic.direction.rawValue)\",\"src\":\(frame.header.source.rawValue),"
            + "\"dst\":\(frame.header.destination.rawValue),\"seq\":\(frame.header.sequence.rawValue),\"type\":\(frame.header.type.rawValue),"
            + "\"payload\":\"\(payload)\"}"
    }

    /// Device kind names used in output.
    public static func kindName(_ kind: DeviceKind) -> String {
        switch kind {
        case .windowBoard: "window-board"
        case .hallBoard: "hall-board"
        case .keypad: "keypad"
        }
    }

    /// A serial as 16 hex digits.
    public static func serialText(_ serial: DeviceSerial) -> String {
        let digits = String(serial.rawValue, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func format6(_ microseconds: UInt64) -> String {
        let fraction = String(microseconds % 1_000_000)
        return "\(microseconds / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }
}
