import Foundation
import LobbyTouch

extension ConfigurationLoader {
    /// Reads `devices.kiosk`.
    static func readKiosk(_ n: ConfigNode) throws(ConfigFileError) -> KioskDeviceConfiguration {
        let m = try n.mapping(allowed: ["name", "display", "touchscreen", "idleTimeoutSeconds", "strings", "mrzReader", "cardReader"])
        var k = KioskDeviceConfiguration()
        if let name = m["name"] {
            k.name = try name.string()
            guard !k.name.isEmpty, k.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw name.error("expected a name of letters, digits and '-', got '\(k.name)'")
            }
        }
        if let d = m["display"] {
            let dm = try d.mapping(allowed: ["backend", "device", "connector", "rotation", "width", "height"])
            if let b = dm["backend"] {
                let text = try b.string()
                guard let backend = KioskDeviceConfiguration.DisplayBackend(rawValue: text) else {
                    throw b.error("unknown display backend '\(text)'; expected one of \(KioskDeviceConfiguration.DisplayBackend.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                k.display = backend
            }
            k.displayDevice = try dm["device"]?.string()
            k.connector = try dm["connector"]?.string()
            if let r = dm["rotation"] {
                let rotation = try r.int()
                guard [0, 90, 180, 270].contains(rotation) else { throw r.error("expected 0, 90, 180 or 270, got \(rotation)") }
                k.rotation = rotation
            }
            k.width = try dm["width"]?.int(in: 320...8000) ?? k.width
            k.height = try dm["height"]?.int(in: 320...8000) ?? k.height
        }
        if let t = m["touchscreen"] {
            let tm = try t.mapping(allowed: ["enabled", "device", "directory", "match", "calibration", "rotation", "grab"])
            k.touchscreen = try tm["enabled"]?.bool() ?? true
            if let r = tm["rotation"] {
                let rotation = try r.int()
                guard [0, 90, 180, 270].contains(rotation) else { throw r.error("expected 0, 90, 180 or 270, got \(rotation)") }
                k.touchRotation = rotation
            }
            k.touchDevice = try tm["device"]?.string()
            k.touchDirectory = try tm["directory"]?.string() ?? k.touchDirectory
            if let match = tm["match"] { k.touchMatch = try readTouchMatch(match) }
            if let c = tm["calibration"] {
                let text = try c.string()
                let values = text.split(separator: " ").compactMap { Double($0) }
                guard values.count == 6, text.split(separator: " ").count == 6 else {
                    throw c.error("expected six numbers \"a b c d e f\" (as LIBINPUT_CALIBRATION_MATRIX), got '\(text)'")
                }
                k.calibration = values
            }
            k.grabTouchscreen = try tm["grab"]?.bool() ?? true
        }
        k.cardReader = try m["cardReader"]?.bool() ?? false
        k.idleTimeoutSeconds = try m["idleTimeoutSeconds"]?.int(in: 10...3_600) ?? k.idleTimeoutSeconds
        k.stringsDirectory = try m["strings"]?.string()
        if let r = m["mrzReader"] {
            let rm = try r.mapping(allowed: ["device", "serial", "baud"])
            k.mrzReaderDevice = try rm["device"]?.string()
            k.mrzReaderSerial = try rm["serial"]?.string()
            k.mrzReaderBaud = try rm["baud"]?.int(in: 1200...921_600) ?? k.mrzReaderBaud
            if k.mrzReaderDevice != nil && k.mrzReaderSerial != nil {
                throw r.error("give either 'device' (keyboard-wedge reader) or 'serial' (serial reader), not both")
            }
        }
        return k
    }

    /// Reads `touchscreen.match`: a list of match lines (Docs/Touch-hardware.md), each checked
    /// here so a wrong line stops start-up naming its entry instead of being skipped later.
    static func readTouchMatch(_ node: ConfigNode) throws(ConfigFileError) -> DeviceMatchList {
        let items = try node.sequence()
        var lines: [String] = []
        for item in items {
            let line = try item.string()
            guard !line.contains("\n") else { throw item.error("one match line per entry, got several lines") }
            lines.append(line)
        }
        do {
            return try DeviceMatchList(parsing: lines.joined(separator: "\n"))
        } catch {
            let item = items.indices.contains(error.line - 1) ? items[error.line - 1] : node
            throw item.error(error.message.replacingLineReferences(count: items.count))
        }
    }
}

private extension String {
    /// Match-list messages count lines; in the configuration they are list entries:
    /// `already listed on line 2` becomes `already listed as entry 1` (0-based, as the error's field).
    func replacingLineReferences(count: Int) -> String {
        guard let range = range(of: "on line ", options: .backwards),
              let number = Int(self[range.upperBound...]), (1...count).contains(number) else { return self }
        return String(self[..<range.lowerBound]) + "as match[\(number - 1)]"
    }
}
