// Text forms of the protocol's values for people and scripts (host only: the firmware keeps
// strings out of its flash). Every value a technician reads has one designed form, used by
// lobbyctl, the API, the logs and the bus monitor alike (Docs/Bus.md, "Text formats").
#if !hasFeature(Embedded)

    extension FirmwareVersion: CustomStringConvertible {
        /// `1.2.3`.
        public var description: String { "\(major).\(minor).\(patch)" }
    }

    extension DeviceSerial: CustomStringConvertible {
        /// 16 lower-case hex digits, e.g. `4c42000100000002` (as printed on the device's label).
        public var description: String {
            let digits = String(rawValue, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }

        /// Parses 1 to 16 hex digits, with or without `0x`; nil for anything else.
        public init?(text: String) {
            guard let value = hexValue(text, digits: 16) else { return nil }
            self.init(value)
        }
    }

    extension DeviceAddress: CustomStringConvertible {
        /// `0x11`.
        public var description: String {
            let digits = String(rawValue, radix: 16, uppercase: true)
            return "0x" + (digits.count < 2 ? "0" : "") + digits
        }

        /// Parses an address written in hex, with or without `0x` (`0x11`, `11`: a board's power-on
        /// screen shows `@11`); nil for anything else.
        public init?(text: String) {
            guard let value = hexValue(text, digits: 2) else { return nil }
            self.init(UInt8(value))
        }
    }

    /// The value of 1 to `digits` hex digits, with or without `0x`.
    private func hexValue(_ text: String, digits: Int) -> UInt64? {
        let hex = text.lowercased().hasPrefix("0x") ? text.dropFirst(2) : Substring(text)
        guard (1...digits).contains(hex.count) else { return nil }
        return UInt64(hex, radix: 16)
    }

    extension DeviceKind: CustomStringConvertible {
        /// `window-board`, `hall-board` or `keypad`.
        public var description: String {
            switch self {
            case .windowBoard: "window-board"
            case .hallBoard: "hall-board"
            case .keypad: "keypad"
            }
        }
    }

    extension DeviceIdentity: CustomStringConvertible {
        /// `hall-board 8x16, firmware 1.0.0, serial 4c42000100000002, protocol 1`, plus capabilities.
        public var description: String {
            var text = "\(kind) \(geometry.lines)x\(geometry.columns), firmware \(firmware), serial \(serial), protocol \(protocolVersion)"
            var names: [String] = []
            if capabilities & Self.capabilityTestHooks != 0 { names.append("test hooks") }
            if capabilities & Self.capabilityBeeper != 0 { names.append("beeper") }
            if !names.isEmpty { text += ", " + names.joined(separator: ", ") }
            return text
        }
    }

    extension MessageType: CustomStringConvertible {
        /// The message's name in Protocol.md §6 (`showText`), or `type 0x5A` for types it does not define.
        public var description: String {
            switch rawValue {
            case 0x01: "ack"
            case 0x02: "nack"
            case 0x10: "poll"
            case 0x11: "status"
            case 0x20: "identifyRequest"
            case 0x21: "identifyReply"
            case 0x22: "setAddress"
            case 0x23: "searchSerial"
            case 0x24: "blinkIdentify"
            case 0x25: "reboot"
            case 0x30: "showText"
            case 0x31: "clear"
            case 0x32: "brightness"
            case 0x33: "testPattern"
            case 0x34: "readFrameBuffer"
            case 0x35: "frameBufferChunk"
            case 0x40: "voteStart"
            case 0x41: "voteStop"
            case 0x42: "keypadText"
            case 0x43: "indicators"
            case 0x7E: "injectKey"
            default: "type " + DeviceAddress(rawValue).description
            }
        }
    }

    extension NackReason: CustomStringConvertible {
        /// The reason's name in Protocol.md §6.1 (`outOfRange`).
        public var description: String {
            switch self {
            case .unknownType: "unknownType"
            case .badPayload: "badPayload"
            case .unsupportedByDevice: "unsupportedByDevice"
            case .outOfRange: "outOfRange"
            case .unsupportedVersion: "unsupportedVersion"
            case .busy: "busy"
            }
        }
    }

    extension TestPattern: CustomStringConvertible, CaseIterable {
        /// Every pattern, in wire order.
        public static var allCases: [TestPattern] { [.allOn, .allOff, .checkerboard, .rows, .columns] }

        /// The pattern's name (`checkerboard`), as `lobbyctl board test --pattern` takes it.
        public var description: String {
            switch self {
            case .allOn: "allOn"
            case .allOff: "allOff"
            case .checkerboard: "checkerboard"
            case .rows: "rows"
            case .columns: "columns"
            }
        }

        /// The pattern with this name, or nil.
        public init?(name: String) {
            guard let pattern = Self.allCases.first(where: { $0.description == name }) else { return nil }
            self = pattern
        }
    }

    extension OperatorKey: CustomStringConvertible {
        /// The key's name in Protocol.md §6.3 (`callNext`).
        public var description: String {
            switch self {
            case .callNext: "callNext"
            case .recall: "recall"
            case .noShow: "noShow"
            case .finish: "finish"
            case .transfer: "transfer"
            }
        }
    }

    extension StatusFlags: CustomStringConvertible {
        /// Flag names joined by `+` (`needsRepaint+missingGlyphs`), or `none`.
        public var description: String {
            let names: [(StatusFlags, String)] = [
                (.needsRepaint, "needsRepaint"), (.missingGlyphs, "missingGlyphs"), (.voteSessionOpen, "voteSessionOpen"),
                (.eventBufferFull, "eventBufferFull"),
            ]
            var parts = names.filter { contains($0.0) }.map(\.1)
            let unknown = rawValue & ~0x0F
            if unknown != 0 { parts.append("bits " + DeviceAddress(unknown).description) }
            return parts.isEmpty ? "none" : parts.joined(separator: "+")
        }
    }

#endif
