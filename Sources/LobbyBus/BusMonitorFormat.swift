import LobbyQueue
/// Text lines and JSON objects of the bus monitor (pure; `lobbyctl bus monitor` and the daemon print these).
public enum BusMonitorFormat {
    /// One line: `2026-03-02T09:15:04.120Z /dev/ttyUSB0 candle-qsystem > 0x25 text "A123" steady | 01 25 20 41 31 32 33 07`.
    public static func text(_ frame: MonitoredFrame) -> String {
        let arrow = switch frame.direction {
        case .sent: ">"
        case .received: "<"
        case .observed: "="
        }
        let address = frame.address.map { FrameDescriber.hex($0) } ?? "----"
        let marker = frame.isDecoded ? "" : "! "
        return "\(timestamp(frame.wallClock.milliseconds)) \(frame.bus) \(frame.busProtocol.rawValue) \(arrow) \(address) \(marker)\(frame.summary) | \(hex(frame.raw))"
    }

    /// One JSON object on one line (keys: time, ms, us, bus, protocol, dir, address, decoded, message, hex).
    public static func json(_ frame: MonitoredFrame) -> String {
        let address = frame.address.map { String($0) } ?? "null"
        return "{\"time\":\"\(timestamp(frame.wallClock.milliseconds))\",\"ms\":\(frame.wallClock.milliseconds),\"us\":\(frame.microseconds),"
            + "\"bus\":\(quoted(frame.bus)),\"protocol\":\"\(frame.busProtocol.rawValue)\",\"dir\":\"\(frame.direction.rawValue)\","
            + "\"address\":\(address),\"decoded\":\(frame.isDecoded),\"message\":\(quoted(frame.summary)),\"hex\":\"\(hex(frame.raw))\"}"
    }

    /// Bytes as upper-case hex pairs separated by spaces.
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count < 2 ? "0" + digits : digits
        }.joined(separator: " ")
    }

    /// UTC time `YYYY-MM-DDTHH:MM:SS.mmmZ` of milliseconds since the epoch.
    public static func timestamp(_ milliseconds: Int64) -> String {
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let inDay = milliseconds - days * 86_400_000
        let date = LocalDate(daysSinceEpoch: Int(days))
        let (year, month, day) = (date.year, Int64(date.month), Int64(date.day))
        return "\(year)-\(pad(month, 2))-\(pad(day, 2))T\(pad(inDay / 3_600_000, 2)):\(pad(inDay / 60_000 % 60, 2)):"
            + "\(pad(inDay / 1000 % 60, 2)).\(pad(inDay % 1000, 3))Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let digits = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
