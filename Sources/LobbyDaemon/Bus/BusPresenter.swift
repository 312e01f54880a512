import LobbyBus
import LobbyConfiguration
import LobbyWire

/// JSON and Prometheus views of the buses' device reports.
enum BusPresenter {
    /// One bus as JSON: its port and every device's role, health, identity and board state.
    static func bus(_ report: (bus: BusPortConfiguration, devices: [DeviceReport], portOpen: Bool)) -> [String: Any] {
        [
            "name": report.bus.name, "port": report.bus.port, "baud": Int(report.bus.baud), "protocol": report.bus.protocolName.rawValue,
            "portOpen": report.portOpen, "devices": report.devices.map(device),
        ]
    }

    /// One device as JSON.
    static func device(_ d: DeviceReport) -> [String: Any] {
        var o: [String: Any] = [
            "address": d.address.description, "role": role(d.role), "state": d.health.state.rawValue,
            "transactions": d.health.transactions, "retries": d.health.retries, "timeouts": d.health.timeouts,
            "crcErrors": d.health.crcErrors, "protocolErrors": d.health.protocolErrors, "restarts": d.health.restarts,
            "addressConflictSuspected": d.health.addressConflictSuspected,
        ]
        switch d.role {
        case .windowBoard(let w), .keypad(let w, _): o["window"] = w.rawValue
        case .hallBoard: break
        }
        if let seen = d.health.lastSeen { o["lastSeenMicroseconds"] = Int(seen.microseconds) }
        if let id = d.identity {
            o["identity"] = ["kind": id.kind.description, "firmware": id.firmware.description, "serial": id.serial.description,
                             "lines": Int(id.geometry.lines), "columns": Int(id.geometry.columns),
                             "protocolVersion": Int(id.protocolVersion), "capabilities": Int(id.capabilities)] as [String: Any]
        }
        if d.role.isBoard {
            o["converged"] = d.isConverged
            o["queuedCalls"] = d.queuedCalls
            if let target = d.target { o["shows"] = target.lines.map(\.text) }
        } else {
            o["pendingEvents"] = d.pendingEvents
        }
        return o
    }

    /// `window-board`, `hall-board` or `keypad`.
    static func role(_ role: BusDeviceRole) -> String {
        switch role {
        case .windowBoard: "window-board"
        case .hallBoard: "hall-board"
        case .keypad: "keypad"
        }
    }

    /// Prometheus lines: device state and counters per bus and address.
    static func metrics(_ reports: [(bus: BusPortConfiguration, devices: [DeviceReport], portOpen: Bool)]) -> String {
        var lines: [String] = []
        func family(_ name: String, _ help: String, _ type: String, _ value: (DeviceReport) -> Int) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for r in reports {
                for d in r.devices {
                    lines.append("\(name){bus=\"\(r.bus.name)\",address=\"\(d.address)\",role=\"\(role(d.role))\"} \(value(d))")
                }
            }
        }
        family("lobby_bus_device_online", "1 when the device answers (online or degraded).", "gauge") {
            $0.health.state == .online || $0.health.state == .degraded ? 1 : 0
        }
        family("lobby_bus_device_retries_total", "Repeated attempts to reach the device.", "counter") { $0.health.retries }
        family("lobby_bus_device_timeouts_total", "Transactions the device never answered.", "counter") { $0.health.timeouts }
        family("lobby_bus_device_crc_errors_total", "Damaged frames while talking to the device.", "counter") { $0.health.crcErrors }
        family("lobby_bus_device_restarts_total", "Restarts of the device seen by the master.", "counter") { $0.health.restarts }
        lines.append("# HELP lobby_bus_port_open 1 when the bus's port is open.")
        lines.append("# TYPE lobby_bus_port_open gauge")
        for r in reports { lines.append("lobby_bus_port_open{bus=\"\(r.bus.name)\"} \(r.portOpen ? 1 : 0)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
