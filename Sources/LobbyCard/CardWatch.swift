import LobbyCCID
import LobbyMRZ

/// `lobbyctl card watch`: one text or JSON line per event; personal MRZ fields masked unless `reveal`.
public enum CardWatch {
    /// The line for an event, without the newline.
    public static func line(_ event: CardEvent, style: CardOutputStyle) -> String {
        style.json ? JSONLine.render(json(event, reveal: style.reveal)) : text(event, reveal: style.reveal)
    }

    /// The text line.
    public static func text(_ event: CardEvent, reveal: Bool) -> String {
        switch event {
        case .readerAdded(let reader):
            return "reader added \(reader.id) \(reader.device.vendorProduct) \"\(reader.device.displayName)\" "
                + "\(reader.layout.descriptor.exchangeLevel.rawValue) \(CardList.protocolNames(reader.layout.descriptor))"
        case .readerRemoved(let reader):
            return "reader removed \(reader.id)"
        case let .readerUnusable(device, problem):
            return "reader unusable \(device.location) \(device.vendorProduct): \(problem)"
        case let .cardInserted(reader, slot):
            return "card inserted \(reader.id) slot \(slot)"
        case let .cardRemoved(reader, slot):
            return "card removed \(reader.id) slot \(slot)"
        case let .cardFailed(reader, slot, error):
            return "card failed \(reader.id) slot \(slot) \(error.kind): \(error)"
        case let .cardIdentified(reader, slot, identity, milliseconds):
            var out = "card identified \(reader.id) slot \(slot) ATR \(HexText.bytes(identity.answerToReset)) via \(identity.exchange)"
            if identity.protocolNotAdvertised { out += " (protocol not listed by the reader)" }
            out += " in " + formatMilliseconds(milliseconds) + " ms"
            for reading in identity.readings {
                out += "; " + readingText(reading, reveal: reveal)
            }
            return out
        }
    }

    /// `emrtd: TD1 ID AZE valid, documentNumber AA*******, …` or `emrtd: access control required (BAC/PACE)`.
    public static func readingText(_ reading: CardApplicationReading, reveal: Bool) -> String {
        let head = reading.application + (reading.access == .basicAccessControl ? " (BAC): " : ": ")
        switch reading.outcome {
        case .machineReadableZone(let document):
            var parts: [String] = []
            for (key, value) in MRZDisclosure.fields(of: document, reveal: reveal) {
                switch (key, value) {
                case ("format", _), ("documentCode", _), ("issuingState", _):
                    if case .string(let text) = value { parts.append(text) }
                case ("valid", .bool(let valid)):
                    parts.append(valid ? "valid" : "INVALID")
                case (_, .string(let text)):
                    parts.append("\(key) \(text)")
                case (_, .array(let items)) where !items.isEmpty:
                    parts.append("\(key) " + items.map { if case .string(let text) = $0 { return text } else { return "?" } }.joined(separator: " | "))
                default:
                    break
                }
            }
            return head + parts.joined(separator: " ")
        case .accessControlRequired: return head + "access control required (BAC/PACE), MRZ not readable in plain mode"
        case .basicAccessControlFailed(let problem): return head + "BAC failed: \(problem)"
        case .secureMessagingFailed(let problem): return head + "secure messaging failed: \(problem)"
        case .notPresent: return head + "not on this card"
        case .refused(let status): return head + "refused: \(status)"
        case .malformed(let problem): return head + "malformed: \(problem)"
        }
    }

    /// The JSON object.
    public static func json(_ event: CardEvent, reveal: Bool) -> JSONValue {
        switch event {
        case .readerAdded(let reader):
            return .object([("event", .string("readerAdded"))] + readerMembers(reader)
                           + [("level", .string(reader.layout.descriptor.exchangeLevel.rawValue))])
        case .readerRemoved(let reader):
            return .object([("event", .string("readerRemoved"))] + readerMembers(reader))
        case let .readerUnusable(device, problem):
            return .object([("event", .string("readerUnusable")), ("reader", .string(device.location)),
                            ("vendorProduct", .string(device.vendorProduct)), ("problem", .string(problem))])
        case let .cardInserted(reader, slot):
            return .object([("event", .string("cardInserted")), ("reader", .string(reader.id)), ("slot", .integer(slot))])
        case let .cardRemoved(reader, slot):
            return .object([("event", .string("cardRemoved")), ("reader", .string(reader.id)), ("slot", .integer(slot))])
        case let .cardFailed(reader, slot, error):
            return .object([("event", .string("cardFailed")), ("reader", .string(reader.id)), ("slot", .integer(slot)),
                            ("error", .string(error.kind)), ("message", .string(error.description))])
        case let .cardIdentified(reader, slot, identity, milliseconds):
            return .object([
                ("event", .string("cardIdentified")), ("reader", .string(reader.id)), ("slot", .integer(slot)),
                ("atr", .string(HexText.bytes(identity.answerToReset, separator: ""))),
                ("exchange", .string(identity.exchange.description)),
                ("protocolNotAdvertised", .bool(identity.protocolNotAdvertised)),
                ("milliseconds", .integer(Int(milliseconds.rounded()))),
                ("readings", .array(identity.readings.map { readingJSON($0, reveal: reveal) })),
            ])
        }
    }

    /// A reading as a JSON object.
    public static func readingJSON(_ reading: CardApplicationReading, reveal: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [("application", .string(reading.application))]
        switch reading.outcome {
        case .machineReadableZone(let document):
            members += [("outcome", .string("mrz")), ("mrz", .object(MRZDisclosure.fields(of: document, reveal: reveal)))]
        case .accessControlRequired: members.append(("outcome", .string("accessControlRequired")))
        case .basicAccessControlFailed(let problem): members += [("outcome", .string("basicAccessControlFailed")), ("problem", .string(problem))]
        case .secureMessagingFailed(let problem): members += [("outcome", .string("secureMessagingFailed")), ("problem", .string(problem))]
        case .notPresent: members.append(("outcome", .string("notPresent")))
        case .refused(let status):
            members += [("outcome", .string("refused")), ("status", .string(HexText.byte(status.sw1) + HexText.byte(status.sw2)))]
        case .malformed(let problem): members += [("outcome", .string("malformed")), ("problem", .string(problem))]
        }
        if let access = reading.access { members.append(("access", .string(access.rawValue))) }
        return .object(members)
    }

    private static func readerMembers(_ reader: CardReaderInfo) -> [(String, JSONValue)] {
        [("reader", .string(reader.id)), ("vendorProduct", .string(reader.device.vendorProduct)), ("name", .string(reader.device.displayName))]
    }

    /// One decimal place without Foundation (`12.3`).
    public static func formatMilliseconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "0.0" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
