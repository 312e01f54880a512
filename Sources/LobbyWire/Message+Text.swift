// The bus monitor's words for every message: its name (Protocol.md §6) and its content, e.g.
// `showText "A042 → 5" centre`. Host only (see DeviceIdentity+Text.swift).
#if !hasFeature(Embedded)

    extension Message: CustomStringConvertible {
        /// The message's name and content in one line.
        public var description: String {
            switch self {
            case .ack(let type): return "ack \(type)"
            case .nack(let type, let reason, let detail): return "nack \(type) \(reason)" + Self.nackDetail(reason, detail)
            case .poll(nil): return "poll"
            case .poll(let through?): return "poll, acknowledging events through \(through.rawValue)"
            case .status(let status): return "status \(status)"
            case .identifyRequest: return "identifyRequest"
            case .identifyReply(let identity): return "identifyReply \(identity)"
            case .setAddress(let serial, let address): return "setAddress serial \(serial) → \(address)"
            case .searchSerial(let bits, let prefix):
                guard bits > 0 else { return "searchSerial, any serial" }
                let binary = String(prefix.rawValue >> UInt64(64 - Int(bits)), radix: 2)
                return "searchSerial, serials starting with bits " + String(repeating: "0", count: Int(bits) - binary.count) + binary
            case .blinkIdentify(0): return "blinkIdentify stop"
            case .blinkIdentify(let seconds): return "blinkIdentify \(seconds) s"
            case .reboot: return "reboot"
            case .showText(let lines): return "showText \(lines)"
            case .clear: return "clear"
            case .brightness(let level): return "brightness \(level) of 255"
            case .testPattern(let pattern): return "testPattern \(pattern)"
            case .readFrameBuffer(let offset, let length): return "readFrameBuffer \(length) bytes at \(offset)"
            case .frameBufferChunk(let chunk):
                return "frameBufferChunk \(chunk.data.count) bytes at \(chunk.offset) of \(chunk.totalBytes) (\(chunk.width)x\(chunk.height) px)"
            case .voteStart(let ticket, let timeout): return "voteStart ticket reference \(ticket.rawValue), \(timeout) s"
            case .voteStop: return "voteStop"
            case .keypadText(let lines): return "keypadText \(lines)"
            case .indicators(let indicators): return "indicators \(indicators)"
            case .injectKey(let key, let hold): return "injectKey key \(key) (\(KeypadEvent.keyName(key))), held \(Int(hold) * 10) ms"
            }
        }

        private static func nackDetail(_ reason: NackReason, _ detail: UInt8) -> String {
            switch (reason, detail) {
            case (.unsupportedVersion, _): " (speaks up to version \(detail))"
            case (.outOfRange, 0): ""
            case (.outOfRange, _): " (line \(detail))"
            case (_, 0): ""
            default: " (detail \(detail))"
            }
        }
    }

    extension TextLines: CustomStringConvertible {
        /// `"A042 → 5" centre` for one entry on line 0, else `line 0 "…" blink; line 1 "…"`;
        /// `no lines` for an empty message. Control characters are escaped (`\u{7}`).
        public var description: String {
            guard count > 0 else { return "no lines" }
            var parts: [String] = []
            var index = 0
            while let entry = line(index) {
                var text = count == 1 && entry.line == 0 ? "" : "line \(entry.line) "
                text += Self.quoted(utf8(of: entry))
                let names: [(TextAttributes, String)] = [
                    (.blink, "blink"), (.invert, "invert"), (.scroll, "scroll"), (.alignCenter, "centre"), (.alignRight, "right"),
                ]
                for (attribute, name) in names where entry.attributes.contains(attribute) { text += " " + name }
                parts.append(text)
                index += 1
            }
            return parts.joined(separator: "; ")
        }

        /// UTF-8 in double quotes as a board would decode it: malformed bytes as U+FFFD,
        /// `"` and `\` escaped, control characters as `\u{…}`.
        static func quoted(_ bytes: FixedBytes<64>) -> String {
            var out = "\""
            UTF8Scalars.forEach(Array(bytes)) { value in
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if value < 0x20 || value == 0x7F || (value >= 0x80 && value < 0xA0) {
                        out += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
    }

    extension DeviceStatus: CustomStringConvertible {
        /// `needsRepaint, up 3600 s` plus pending events and the ones carried.
        public var description: String {
            var text = "\(flags), up \(uptimeSeconds) s"
            if pendingEvents > 0 || events.count > 0 { text += ", \(pendingEvents) pending" }
            var index = 0
            while index < events.count {
                text += index == 0 ? ": " : "; "
                text += events[index].description
                index += 1
            }
            return text
        }
    }

    extension KeypadEvent: CustomStringConvertible {
        /// `event 7: vote 5 for ticket reference 16909060, 12 s ago`.
        public var description: String {
            let what: String
            switch kind {
            case .vote(let ticket, let score): what = "vote \(score) for ticket reference \(ticket.rawValue)"
            case .operatorKey(let key): what = "operator key \(key)"
            case .keyPressed(let index): what = "key \(index) (\(Self.keyName(index))) pressed"
            case .voteTimedOut(let ticket): what = "vote for ticket reference \(ticket.rawValue) timed out"
            }
            return "event \(id.rawValue): \(what), \(ageSeconds) s ago"
        }

        /// What key index 0…15 is on a Lobby keypad (`vote 1` … `vote 5`, the operator keys, `spare 10`).
        public static func keyName(_ index: UInt8) -> String {
            if index < 5 { return "vote \(index + 1)" }
            if let key = OperatorKey(rawValue: index - 4) { return key.description }
            return "spare \(index)"
        }
    }

    extension Indicators: CustomStringConvertible {
        /// `green, blink 500 ms, 2 beeps of 100 ms`, or `off`.
        public var description: String {
            var lit: [String] = []
            if leds & 0x01 != 0 { lit.append("red") }
            if leds & 0x02 != 0 { lit.append("green") }
            var parts = [lit.isEmpty ? "off" : lit.joined(separator: "+")]
            if blinkCentiseconds > 0 { parts.append("blink \(Int(blinkCentiseconds) * 10) ms") }
            if beeps > 0 { parts.append("\(beeps) beep\(beeps == 1 ? "" : "s") of \(Int(beepCentiseconds) * 10) ms") }
            return parts.joined(separator: ", ")
        }
    }

    extension FrameRejection: CustomStringConvertible {
        /// The rejection code of Protocol.md §2.2 with what was found, e.g.
        /// `crc-mismatch (frame says 0x1234, bytes give 0x5678)`.
        public var description: String {
            switch self {
            case .truncatedBlock(let bytes): "\(code) (delimiter inside a COBS block after \(bytes) decoded bytes)"
            case .oversized: "\(code) (more than \(FrameLimits.maxBody) bytes without a delimiter)"
            case .tooShort(let bytes): "\(code) (\(bytes) bytes, a frame has at least 8)"
            case .lengthMismatch(let declared, let received): "\(code) (length byte \(declared), \(received) payload bytes)"
            case .crcMismatch(let received, let computed): "\(code) (frame says \(Self.hex(received)), bytes give \(Self.hex(computed)))"
            case .unsupportedVersion(let header): "\(code) (version \(header.version), \(header.type) to \(header.destination))"
            }
        }

        private static func hex(_ value: UInt16) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
        }
    }

#endif
