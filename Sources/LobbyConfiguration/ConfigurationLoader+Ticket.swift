import LobbyQueue

/// The centre's own ticket lines (`devices.printers.ticket`) and the windows' location hints
/// (`windows[].zone`, `windows[].floor`), printed on tickets (Docs/Configuration.md).
extension ConfigurationLoader {
    /// Reads `devices.printers.ticket`.
    static func readTicketExtras(_ n: ConfigNode) throws(ConfigFileError) -> TicketExtras {
        let m = try n.mapping(allowed: ["logo", "hotline", "website", "note"])
        var extras = TicketExtras()
        if let logo = m["logo"] {
            let path = try logo.string()
            guard path.hasPrefix("/") else { throw logo.error("expected an absolute path to a PNG or PBM file, got '\(path)'") }
            extras.logoPath = path
        }
        for (key, limit) in [("hotline", 24), ("website", 40)] {
            guard let node = m[key] else { continue }
            let text = try node.string()
            guard !text.isEmpty, text.count <= limit else { throw node.error("expected 1 to \(limit) characters, got \(text.count)") }
            if key == "hotline" { extras.hotline = text } else { extras.website = text }
        }
        if let note = m["note"] {
            let text = try note.localized()
            for (language, value) in text.translations where value.count > 120 {
                throw note.error("the \(language.rawValue) note has \(value.count) characters; a ticket note has at most 120")
            }
            extras.note = text
        }
        return extras
    }

    /// Reads `zone` and `floor` of every window that has them (the windows were validated already).
    static func readWindowLocations(_ n: ConfigNode) throws(ConfigFileError) -> [WindowID: WindowLocation] {
        var out: [WindowID: WindowLocation] = [:]
        for item in try n.sequence() {
            let m = try item.mapping(allowed: ["number", "agency", "services", "zone", "floor"])
            guard m["zone"] != nil || m["floor"] != nil, let number = m["number"] else { continue }
            var location = WindowLocation()
            if let zone = m["zone"] { location.zone = try zone.localized() }
            if let floor = m["floor"] {
                let text = try floor.string()
                guard !text.isEmpty, text.count <= 8 else { throw floor.error("expected a short floor name such as 2 or -1, got '\(text)'") }
                location.floor = text
            }
            out[WindowID(try number.int(in: 1...9999))] = location
        }
        return out
    }
}
