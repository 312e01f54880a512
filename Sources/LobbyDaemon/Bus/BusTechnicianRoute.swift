import Foundation
import Hummingbird
import LobbyBus
import LobbyWire

/// `POST /api/v1/buses/technician`: runs a technician operation on a bus the daemon owns,
/// between its transactions (so `lobbyctl bus/board …` work while lobbyd runs).
enum BusTechnicianRoute {
    static func handle(_ req: Request, buses: BusBridge?, maxBody: Int) async throws -> Response {
        let body = try await JSONBody.read(req, limit: maxBody, allowed: ["bus", "op", "address", "pattern", "seconds", "serial"])
        guard let buses, !buses.buses.isEmpty else { throw APIError(.notFound, "no-bus", "this lobbyd drives no serial bus (devices.buses)") }
        let name = try body.string("bus")
        guard let bus = name.map({ n in buses.buses.first { $0.configuration.name == n } }) ?? (buses.buses.count == 1 ? buses.buses.first : nil) else {
            let names = buses.buses.map(\.configuration.name).joined(separator: ", ")
            throw APIError(.notFound, "unknown-bus", name.map { "no bus named '\($0)'; the buses are \(names)" } ?? "give 'bus': one of \(names)")
        }
        let operation = try operation(body)
        let outcome: Result<TechnicianOutput, TechnicianError>? = await bus.service.exclusive { link in
            guard let link else { return (nil, false) }
            let technician = BusTechnician(link: link)
            do throws(TechnicianError) {
                return (.success(try operation.run(on: technician)), operation.changesDevices)
            } catch {
                return (.failure(error), operation.changesDevices)
            }
        }
        switch outcome {
        case nil:
            throw APIError(.conflict, "port-closed", "the port of bus '\(bus.configuration.name)' (\(bus.configuration.port)) is not open; see /healthz")
        case .failure(let error)?:
            throw APIError(.conflict, "device-error", error.description)
        case .success(let output)?:
            let result = (try? JSONSerialization.jsonObject(with: Data(output.json.utf8), options: [.fragmentsAllowed])) ?? NSNull()
            return JSON.response(["bus": bus.configuration.name, "text": output.text, "result": result, "succeeded": output.succeeded])
        }
    }

    private static func operation(_ body: JSONBody) throws -> TechnicianOperation {
        func address() throws -> DeviceAddress {
            let text = try body.requiredString("address")
            let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
            guard let value = UInt8(digits, radix: 16) else { throw APIError(.badRequest, "invalid-field", "'address' must be hex like 0x11, got '\(text)'") }
            return DeviceAddress(value)
        }
        switch try body.requiredString("op") {
        case "scan": return .scan
        case "show": return .show(try address())
        case "test":
            let name = try body.string("pattern") ?? "checkerboard"
            guard let pattern = TechnicianOperation.patterns[name] else {
                throw APIError(.badRequest, "invalid-field", "unknown pattern '\(name)'; one of \(TechnicianOperation.patterns.keys.sorted().joined(separator: ", "))")
            }
            return .test(try address(), pattern)
        case "identify":
            let seconds = try body.int("seconds") ?? 10
            guard (1...255).contains(seconds) else { throw APIError(.badRequest, "invalid-field", "'seconds' must be 1 to 255") }
            return .identify(try address(), seconds: UInt8(seconds))
        case "set-address":
            let text = try body.requiredString("serial")
            let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
            guard let serial = UInt64(digits, radix: 16) else { throw APIError(.badRequest, "invalid-field", "'serial' must be hexadecimal, got '\(text)'") }
            return .setAddress(serial: DeviceSerial(serial), address: try address())
        case let other:
            throw APIError(.badRequest, "invalid-field", "unknown op '\(other)'; one of scan, show, test, identify, set-address")
        }
    }
}
