/// Reads the device from the `#` comment blocks evemu 1.0/1.1 write before (or instead of)
/// the machine lines:
///
///     # Input device name: "eGalax-Inc.-USB-TouchController Virtual Device"
///     # Input device ID: bus 0x03 vendor 0xeef product 0x72a1 version 0x210
///     # Supported events:
///     #   Event type 3 (EV_ABS)
///     #     Event code 0 (ABS_X)
///     #       Min        0
///     # Properties:
///     #   Property  type 1 (INPUT_PROP_DIRECT)
enum EvemuCommentDescription {
    /// The device the comments describe, or nil when they describe none.
    static func parse(_ comments: [(number: Int, text: Substring)]) throws(EvemuParseError) -> DeviceDescription? {
        var name: String?
        var identity: DeviceIdentity?
        var supported: [EventType: Set<UInt16>] = [:]
        var axes: [AbsoluteAxis: AbsoluteAxisInfo] = [:]
        var properties: Set<InputProperty> = []
        var currentType: EventType?
        var currentAxis: AbsoluteAxis?

        for (line, comment) in comments {
            let text = comment.drop(while: { $0 == "#" || $0 == " " || $0 == "\t" })
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if text.hasPrefix("Input device name:") {
                var value = text.dropFirst("Input device name:".count).drop(while: { $0 == " " })
                while value.last == " " { value = value.dropLast() }
                if value.count >= 2, value.first == "\"", value.last == "\"" {
                    value = value.dropFirst().dropLast()
                }
                name = String(value)
            } else if text.hasPrefix("Input device ID:") {
                identity = try parseIdentity(words.dropFirst(3), line: line)
            } else if words.count >= 3, words[0] == "Event", words[1] == "type" {
                let type = EventType(rawValue: try number(words[2], field: "event type", line: line))
                guard type <= EventType.maximum else {
                    throw EvemuParseError(line: line, problem: .maskBitOutOfRange(tag: "#", mask: "event type", bit: Int(type.rawValue),
                                                                                  limit: EvdevLimits.limitName(of: .synchronization)))
                }
                currentType = type
                currentAxis = nil
                supported[type, default: []] = supported[type, default: []]
            } else if words.count >= 3, words[0] == "Event", words[1] == "code" {
                guard let type = currentType else { continue }
                let code = try number(words[2], field: "event code", line: line)
                guard let highest = EvdevLimits.maximumCode(of: type), code <= highest else {
                    throw EvemuParseError(line: line, problem: .maskBitOutOfRange(tag: "#", mask: type.description, bit: Int(code),
                                                                                  limit: EvdevLimits.limitName(of: type)))
                }
                supported[type, default: []].insert(code)
                if type == .absolute {
                    let axis = AbsoluteAxis(rawValue: code)
                    currentAxis = axis
                    axes[axis] = AbsoluteAxisInfo(minimum: 0, maximum: 0)
                } else {
                    currentAxis = nil
                }
            } else if words.count == 2, let axis = currentAxis,
                      ["Value", "Min", "Max", "Fuzz", "Flat", "Resolution"].contains(words[0]) {
                guard let value = Int32(words[1]) else {
                    throw EvemuParseError(line: line, problem: .invalidNumber(tag: "#", field: String(words[0]), text: String(words[1])))
                }
                switch words[0] {
                case "Value": axes[axis]?.value = value
                case "Min": axes[axis]?.minimum = value
                case "Max": axes[axis]?.maximum = value
                case "Fuzz": axes[axis]?.fuzz = value
                case "Flat": axes[axis]?.flat = value
                default: axes[axis]?.resolution = value
                }
            } else if words.count >= 3, words[0] == "Property", words[1] == "type" {
                let property = try number(words[2], field: "property type", line: line)
                guard property <= EvdevLimits.maximumProperty else {
                    throw EvemuParseError(line: line, problem: .maskBitOutOfRange(
                        tag: "#", mask: "property", bit: Int(property), limit: EvdevLimits.propertyLimitName))
                }
                properties.insert(InputProperty(rawValue: property))
            } else if text.hasPrefix("Properties:") || text.hasPrefix("Supported events:") {
                currentType = nil
                currentAxis = nil
            }
        }
        guard let name, let identity else { return nil }
        return DeviceDescription(
            name: name, identity: identity, properties: properties,
            supportedEvents: supported.filter { !$0.value.isEmpty }, absoluteAxes: axes
        )
    }

    /// `bus 0x03 vendor 0xeef product 0x72a1 version 0x210` (or the same without `0x`, in hex).
    private static func parseIdentity(_ words: ArraySlice<Substring>, line: Int) throws(EvemuParseError) -> DeviceIdentity {
        var values: [String: UInt16] = [:]
        var iterator = words.makeIterator()
        while let key = iterator.next() {
            guard let text = iterator.next() else { break }
            var digits = text
            if digits.hasPrefix("0x") { digits = digits.dropFirst(2) }
            guard let value = UInt16(digits, radix: 16) else {
                throw EvemuParseError(line: line, problem: .invalidNumber(tag: "#", field: String(key), text: String(text)))
            }
            values[String(key)] = value
        }
        for key in ["bus", "vendor", "product", "version"] where values[key] == nil {
            throw EvemuParseError(line: line, problem: .incompleteDescription(missing: "'\(key)' in the 'Input device ID' comment"))
        }
        return DeviceIdentity(bus: values["bus"]!, vendor: values["vendor"]!, product: values["product"]!, version: values["version"]!)
    }

    private static func number(_ text: Substring, field: String, line: Int) throws(EvemuParseError) -> UInt16 {
        guard let value = UInt16(text) else {
            throw EvemuParseError(line: line, problem: .invalidNumber(tag: "#", field: field, text: String(text)))
        }
        return value
    }
}
