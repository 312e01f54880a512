import Foundation
import HTTPTypes
import Hummingbird
import LobbyBus
import LobbyWire

/// `GET /api/v1/buses/monitor?bus=NAME`: every frame on a bus lobbyd drives, decoded, as
/// Server-Sent Events (`frame` events whose data is `{"text": …, "frame": {…}}`).
enum BusMonitorStream {
    static func response(_ req: Request, buses: BusBridge?, lifetimes: StreamLifetimes) throws -> Response {
        guard let buses, !buses.buses.isEmpty else { throw APIError(.notFound, "no-bus", "this lobbyd drives no serial bus (devices.buses)") }
        let name = req.uri.queryParameters.get("bus")
        guard let bus = name.map({ n in buses.buses.first { $0.configuration.name == n } }) ?? (buses.buses.count == 1 ? buses.buses.first : nil) else {
            let names = buses.buses.map(\.configuration.name).joined(separator: ", ")
            throw APIError(.notFound, "unknown-bus", name.map { "no bus named '\($0)'; the buses are \(names)" } ?? "give ?bus=NAME: one of \(names)")
        }
        let frames = bus.service.monitor()
        return ServerSentEvents.response(frames, lifetimes: lifetimes, prologue: { [] }, encode: { frame in
            let text = BusMonitorFormat.text(frame)
            let textJSON = String(decoding: (try? JSONSerialization.data(withJSONObject: [text], options: [])) ?? Data("[\"\"]".utf8), as: UTF8.self)
            // `["…"]` → `"…"`: the text as a JSON string.
            let quoted = String(textJSON.dropFirst().dropLast())
            return "event: frame\ndata: {\"text\":\(quoted),\"frame\":\(BusMonitorFormat.json(frame))}\n\n"
        })
    }

    /// `GET /api/v1/buses/keypad-events?bus=NAME&address=0x31`: key and vote events of keypads
    /// (all, or one), as Server-Sent Events (`keypad` events, data as `keypad watch --json`).
    static func keypadResponse(_ req: Request, buses: BusBridge?, lifetimes: StreamLifetimes) throws -> Response {
        guard let buses, !buses.buses.isEmpty else { throw APIError(.notFound, "no-bus", "this lobbyd drives no serial bus (devices.buses)") }
        let busName: String? = req.uri.queryParameters.get("bus").map { String($0) }
        if let busName, !buses.buses.contains(where: { $0.configuration.name == busName }) {
            throw APIError(.notFound, "unknown-bus", "no bus named '\(busName)'; the buses are \(buses.buses.map(\.configuration.name).joined(separator: ", "))")
        }
        var parsedAddress: DeviceAddress?
        if let text = req.uri.queryParameters.get("address") {
            let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : String(text)
            guard let value = UInt8(digits, radix: 16) else { throw APIError(.badRequest, "invalid-parameter", "'address' must be hex like 0x31") }
            parsedAddress = DeviceAddress(value)
        }
        let address = parsedAddress
        // A watch that could never show an event says so at once instead of waiting forever.
        let keypads = buses.buses.filter { busName == nil || $0.configuration.name == busName }
            .flatMap { bus in
                bus.configuration.devices.compactMap { d -> (String, DeviceAddress)? in
                    if case .keypad = d.use { return (bus.configuration.name, DeviceAddress(d.address)) }
                    return nil
                }
            }
        guard !keypads.isEmpty else {
            throw APIError(.notFound, "no-keypads", "no keypad is configured on \(busName.map { "bus '\($0)'" } ?? "any bus") (devices.buses: a device with use 'keypad')")
        }
        if let address, !keypads.contains(where: { $0.1 == address }) {
            throw APIError(.notFound, "not-a-keypad", "no keypad has address \(address); the keypads are \(keypads.map { "\($0.0)/\($0.1)" }.joined(separator: ", "))")
        }
        let events = buses.keypadEvents.subscribe()
        return ServerSentEvents.response(events, lifetimes: lifetimes, prologue: { [] }, encode: { item in
            if let busName, item.bus != busName { return nil }
            if let address, item.address != address { return nil }
            let text = TechnicianFormat.text(item.event)
            let quoted = String(decoding: (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8), as: UTF8.self).dropFirst().dropLast()
            return "event: keypad\ndata: {\"bus\":\"\(item.bus)\",\"text\":\(quoted),\"event\":\(TechnicianFormat.json(item.event, address: item.address))}\n\n"
        })
    }
}
