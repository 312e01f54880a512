import LobbyCCID
import LobbyMRZ

/// `lobbyctl card list`: one block (text) or one JSON line per CCID reader.
public enum CardList {
    /// The whole output, ending with a newline (a sentence when there are no readers).
    public static func render(_ readers: [CardReaderSnapshot], style: CardOutputStyle) -> String {
        if readers.isEmpty { return style.json ? "" : "no CCID card readers found\n" }
        return readers.sorted { $0.device < $1.device }.map { style.json ? JSONLine.render(json($0)) + "\n" : text($0) }.joined()
    }

    /// A reader as a text block.
    public static func text(_ reader: CardReaderSnapshot) -> String {
        var out = "\(reader.device.location)  \(reader.device.vendorProduct)  \(reader.device.displayName)\n"
        if let layout = reader.layout {
            let descriptor = layout.descriptor
            let interrupt = layout.interruptIn.map { "0x" + HexText.byte($0) } ?? "none (polled)"
            out += "  interface \(layout.interfaceNumber), \(levelName(descriptor.exchangeLevel)), protocols \(protocolNames(descriptor)), "
                + "\(descriptor.slotCount) slot\(descriptor.slotCount == 1 ? "" : "s"), max message \(descriptor.maximumMessageLength) bytes\n"
            out += "  endpoints bulk-out 0x\(HexText.byte(layout.bulkOut)) bulk-in 0x\(HexText.byte(layout.bulkIn)) interrupt \(interrupt)\n"
        }
        for (index, presence) in reader.slots.enumerated() {
            out += "  slot \(index): \(presenceName(presence))\n"
        }
        if let problem = reader.problem { out += "  problem: \(problem)\n" }
        return out
    }

    /// A reader as a JSON object.
    public static func json(_ reader: CardReaderSnapshot) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("location", .string(reader.device.location)),
            ("vendorProduct", .string(reader.device.vendorProduct)),
            ("name", .string(reader.device.displayName)),
        ]
        if let layout = reader.layout {
            members += [
                ("interface", .integer(Int(layout.interfaceNumber))),
                ("level", .string(layout.descriptor.exchangeLevel.rawValue)),
                ("protocols", .array(layout.descriptor.protocols.map { .string("T=\($0.rawValue)") })),
                ("slotCount", .integer(layout.descriptor.slotCount)),
                ("maxMessageLength", .integer(Int(layout.descriptor.maximumMessageLength))),
                ("interruptEndpoint", .bool(layout.interruptIn != nil)),
            ]
        } else {
            members.append(("level", .null))
        }
        members.append(("slots", .array(reader.slots.enumerated().map { index, presence in
            .object([("slot", .integer(index)), ("card", .string(presence.rawValue))])
        })))
        members.append(("problem", .optional(reader.problem)))
        return .object(members)
    }

    /// `TPDU level`, `short APDU level`, …
    public static func levelName(_ level: CCIDExchangeLevel) -> String {
        switch level {
        case .character: return "character level"
        case .tpdu: return "TPDU level"
        case .shortAPDU: return "short APDU level"
        case .extendedAPDU: return "extended APDU level"
        }
    }

    /// `T=0 T=1`, or `none`.
    public static func protocolNames(_ descriptor: CCIDClassDescriptor) -> String {
        descriptor.protocols.isEmpty ? "none" : descriptor.protocols.map { "T=\($0.rawValue)" }.joined(separator: " ")
    }

    /// `card present, powered`, `card present`, `empty`.
    public static func presenceName(_ presence: ICCPresence) -> String {
        switch presence {
        case .presentActive: return "card present, powered"
        case .presentInactive: return "card present"
        case .absent: return "empty"
        }
    }
}
