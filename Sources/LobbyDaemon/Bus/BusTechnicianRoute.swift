import Foundation
import Hummingbird
import LobbyBus
import LobbyWire

/// `POST /api/v1/buses/technician`: runs a technician operation on a bus the daemon owns,
/// between its transactions (so `lobbyctl bus/board …` work while lobbyd runs).
enum BusTechnicianRoute {
    static func handle(_ req: Request, buses: BusBridge?, maxBody: Int) async throws -> Response {
        let body = try await JSONBody.read(req, limit: maxBody, allowed: ["bus", "op", "address", "pattern", "seconds", "serial", "from"])
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
                return (.success(try operation.run(on: technician, throughDaemon: true)), operation.changesDevices)
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
        func address(_ field: String = "address") throws -> DeviceAddress {
            let text = try body.requiredString(field)
            guard let address = DeviceAddress(text: text) else {
                throw APIError(.badRequest, "invalid-field", "'\(field)' must be a hex address like 0x11, got '\(text)'")
            }
            guard address.isAssignableDeviceAddress || address == .unassigned else {
                throw APIError(.badRequest, "invalid-field", "'\(field)' must be a device address, 0x10 to 0xEF or 0xFE (unassigned), got \(address)")
            }
            return address
        }
        switch try body.requiredString("op") {
        case "scan": return .scan
        case "show": return .show(try address())
        case "test":
            let name = try body.string("pattern") ?? TestPattern.checkerboard.description
            guard let pattern = TestPattern(name: name) else {
                throw APIError(.badRequest, "invalid-field", "unknown pattern '\(name)'; one of \(TestPattern.allCases.map(\.description).joined(separator: ", "))")
            }
            return .test(try address(), pattern)
        case "identify":
            let seconds = try body.int("seconds") ?? 10
            guard (1...255).contains(seconds) else { throw APIError(.badRequest, "invalid-field", "'seconds' must be 1 to 255") }
            return .identify(try address(), seconds: UInt8(seconds))
        case "set-address":
            let text = try body.requiredString("serial")
            guard let serial = DeviceSerial(text: text) else {
                throw APIError(.badRequest, "invalid-field", "'serial' must be 1 to 16 hex digits, got '\(text)'")
            }
            let from = try body.string("from") == nil ? nil : try address("from")
            return .setAddress(serial: serial, address: try address(), from: from)
        case let other:
            throw APIError(.badRequest, "invalid-field", "unknown op '\(other)'; one of scan, show, test, identify, set-address")
        }
    }
}
