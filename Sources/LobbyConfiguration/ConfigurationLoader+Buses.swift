import LobbyQueue

extension ConfigurationLoader {
    /// Reads `devices.buses`: a list of serial buses with their boards and keypads.
    static func readBuses(_ n: ConfigNode, windows: Set<WindowID>, services: Set<ServiceID>) throws(ConfigFileError) -> [BusPortConfiguration] {
        var out: [BusPortConfiguration] = []
        for item in try n.sequence() {
            let bus = try readBus(item, windows: windows, services: services)
            if out.contains(where: { $0.port == bus.port }) {
                throw item.error("port '\(bus.port)' is configured twice; one bus per port")
            }
            if out.contains(where: { $0.name == bus.name }) {
                throw item.error("bus name '\(bus.name)' is used twice; give each bus its own 'name'")
            }
            out.append(bus)
        }
        return out
    }

    private static func readBus(_ item: ConfigNode, windows: Set<WindowID>, services: Set<ServiceID>) throws(ConfigFileError) -> BusPortConfiguration {
        let m = try item.mapping(allowed: ["name", "port", "baud", "protocol", "rs485", "minimumCallDisplayMs", "voteTimeoutSeconds", "devices", "compatibility"])
        guard let portNode = m["port"] else { throw item.error("missing field 'port' (a device such as /dev/lobby-rs485-0, tcp:HOST:PORT or unix:PATH)") }
        let port = try portNode.string()
        guard port.hasPrefix("/") || port.hasPrefix("tcp:") || (port.hasPrefix("unix:/") && port.count > 6) else {
            throw portNode.error("expected a device path starting with '/', tcp:HOST:PORT or unix:/PATH, got '\(port)'")
        }
        let name = try m["name"]?.string() ?? String(port.split(separator: "/").last ?? Substring(port))
        var protocolName = BusProtocolName.lobby
        if let p = m["protocol"] {
            let text = try p.string()
            guard let parsed = BusProtocolName(rawValue: text) else {
                throw p.error("unknown protocol '\(text)'; expected one of \(BusProtocolName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            protocolName = parsed
        }
        let baud = try m["baud"]?.int(in: 1200...4_000_000) ?? protocolName.defaultBaud
        guard let devicesNode = m["devices"] else { throw item.error("missing field 'devices' (the boards and keypads on this bus)") }
        var devices: [BusDeviceEntry] = []
        for d in try devicesNode.sequence() {
            let entry = try readDevice(d, windows: windows, services: services, protocolName: protocolName)
            if devices.contains(where: { $0.address == entry.address }) {
                throw d.error("address \(hex(entry.address)) is used twice on this bus")
            }
            devices.append(entry)
        }
        guard !devices.isEmpty else { throw devicesNode.error("a bus needs at least one device") }
        var bus = BusPortConfiguration(
            name: name, port: port, baud: UInt32(baud), protocolName: protocolName, rs485: try m["rs485"]?.bool() ?? true,
            minimumCallDisplayMilliseconds: try m["minimumCallDisplayMs"]?.int(in: 0...600_000) ?? 5_000,
            voteTimeoutSeconds: try m["voteTimeoutSeconds"]?.int(in: 5...3_600) ?? 60, devices: devices)
        if let c = m["compatibility"] {
            guard protocolName != .lobby else { throw c.error("'compatibility' applies to candle and ff68 buses only") }
            bus.compatibility = try readCompatibility(c)
        }
        return bus
    }

    private static func readCompatibility(_ n: ConfigNode) throws(ConfigFileError) -> BusCompatibilitySettings {
        let m = try n.mapping(allowed: ["framePacingMs", "answerTimeoutMs", "boardRefreshSeconds", "adapterEcho", "evaluatorScores", "callerKeys"])
        var out = BusCompatibilitySettings()
        out.framePacingMilliseconds = try m["framePacingMs"]?.int(in: 0...5_000)
        out.answerTimeoutMilliseconds = try m["answerTimeoutMs"]?.int(in: 1...10_000)
        out.boardRefreshSeconds = try m["boardRefreshSeconds"]?.int(in: 1...3_600)
        out.adapterEcho = try m["adapterEcho"]?.bool()
        if let scores = m["evaluatorScores"] {
            let list = try scores.sequence().map { x throws(ConfigFileError) in try x.int(in: 1...5) }
            guard list.count == 4 else { throw scores.error("give four scores (1 to 5), one for each evaluator key 0 to 3") }
            out.evaluatorScores = list
        }
        if let keys = m["callerKeys"] {
            let names = ["call-next", "recall", "no-show", "finish", "transfer"]
            for (code, value) in try keys.freeMapping() {
                let digits = code.lowercased().hasPrefix("0x") ? String(code.dropFirst(2)) : code
                guard let number = Int(digits, radix: code.lowercased().hasPrefix("0x") ? 16 : 10), (0...255).contains(number) else {
                    throw value.error("a caller key is a function code 0 to 255 (or 0x00 to 0xFF), got '\(code)'")
                }
                let key = try value.string()
                guard names.contains(key) else { throw value.error("unknown operator key '\(key)'; expected one of \(names.joined(separator: ", "))") }
                out.callerKeys[number] = key
            }
        }
        return out
    }

    private static func readDevice(
        _ d: ConfigNode, windows: Set<WindowID>, services: Set<ServiceID>, protocolName: BusProtocolName
    ) throws(ConfigFileError) -> BusDeviceEntry {
        let m = try d.mapping(allowed: ["address", "role", "window", "transferTo"])
        let range: ClosedRange<Int> = protocolName == .lobby ? 0x10...0xEF : 0x01...0xFE
        guard let addressNode = m["address"] else { throw d.error("missing field 'address' (\(hex(UInt8(range.lowerBound))) to \(hex(UInt8(range.upperBound))))") }
        let address = try readAddress(addressNode, range: range, protocolName: protocolName)
        guard let roleNode = m["role"] else { throw d.error("missing field 'role' (window-board, hall-board or keypad)") }
        let role = try roleNode.string()
        func window() throws(ConfigFileError) -> WindowID {
            guard let w = m["window"] else { throw d.error("missing field 'window' (the window number this \(role) belongs to)") }
            let id = WindowID(try w.int(in: 1...9999))
            guard windows.contains(id) else { throw w.error("unknown window \(id.rawValue); define it under 'windows'") }
            return id
        }
        switch role {
        case "window-board":
            return BusDeviceEntry(address: address, use: .windowBoard(try window()))
        case "hall-board":
            if let w = m["window"] { throw w.error("a hall board shows every window; remove 'window'") }
            return BusDeviceEntry(address: address, use: .hallBoard)
        case "keypad":
            var target: ServiceID?
            if let t = m["transferTo"] {
                let id = ServiceID(try t.string())
                guard services.contains(id) else { throw t.error("unknown service '\(id)'") }
                target = id
            }
            return BusDeviceEntry(address: address, use: .keypad(try window(), transferTo: target))
        default:
            throw roleNode.error("unknown role '\(role)'; expected window-board, hall-board or keypad")
        }
    }

    /// An address as `0x2A`, `2A` (hex text) or an integer.
    private static func readAddress(_ n: ConfigNode, range: ClosedRange<Int>, protocolName: BusProtocolName) throws(ConfigFileError) -> UInt8 {
        let value: Int
        if let i = try? n.int() {
            value = i
        } else {
            let text = try n.string()
            let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
            guard let parsed = Int(digits, radix: 16) else { throw n.error("expected an address such as 0x20, got '\(text)'") }
            value = parsed
        }
        guard range.contains(value) else {
            if protocolName == .lobby {
                throw n.error("address \(hex(UInt8(truncatingIfNeeded: value))) is outside 0x10–0xEF (0x00–0x0F and 0xF0–0xFF are reserved)")
            }
            throw n.error("address \(hex(UInt8(truncatingIfNeeded: value))) is outside 0x01–0xFE")
        }
        return UInt8(value)
    }

    private static func hex(_ value: UInt8) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }
}
