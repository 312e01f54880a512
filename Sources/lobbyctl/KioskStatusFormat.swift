/// The text of `lobbyctl kiosk status` (and `kiosk tap`) from lobbyd's `GET /api/v1/kiosk` object:
///
///     kiosk entrance: screen language, language -, 1080x1920, display none, 3 frames
///       Azərbaycan dili  [chooseLanguage:az] at 60,520 960x150
///       (off) Take the ticket  [takeTicket] at 60,1500 960x180
///
/// Every value is read with its type; a missing one shows `?`, an absent language `-`.
enum KioskStatusFormat {
    static func text(_ status: [String: Any]) -> String {
        func text(_ key: String, in object: [String: Any]) -> String { object[key] as? String ?? "?" }
        func number(_ key: String, in object: [String: Any]) -> String { (object[key] as? Int).map(String.init) ?? "?" }
        var lines = ["kiosk \(text("name", in: status)): screen \(text("screen", in: status)), language \(status["language"] as? String ?? "-"), "
            + "\(number("width", in: status))x\(number("height", in: status)), display \(text("display", in: status)), "
            + "\(number("framesPresented", in: status)) frames"]
        for button in status["buttons"] as? [[String: Any]] ?? [] {
            let off = button["enabled"] as? Bool == false ? "(off) " : ""
            lines.append("  \(off)\(button["label"] as? String ?? "")  [\(text("action", in: button))] at "
                         + "\(number("x", in: button)),\(number("y", in: button)) \(number("width", in: button))x\(number("height", in: button))")
        }
        return lines.joined(separator: "\n")
    }
}
