import Foundation
import Hummingbird
import LobbyQueue

/// The appointment routes: the online booking system books and cancels; the kiosk checks in by
/// booking code or ID document (Docs/Appointments.md). Personal numbers are hashed on arrival.
extension APIRoutes {
    func addAppointmentRoutes(_ router: Router<BasicRequestContext>) {
        router.post("/api/v1/appointments") { req, _ in
            _ = try self.auth.require(req, .admin)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["bookingCode", "service", "at", "personalNumber", "requestId"])
            let code = try Self.bookingCode(try body.requiredString("bookingCode"))
            let at = try body.instant("at").orThrow(APIError(.badRequest, "missing-field", "field 'at' is required"))
            var personKey: PersonKey?
            if let number = try body.string("personalNumber") {
                guard let identity = self.identity else {
                    throw APIError(.badRequest, "documents-not-configured", "this centre hashes no personal numbers (set privacy.personKey in the configuration)")
                }
                personKey = identity.keyring.personKey(for: number.uppercased().filter { !$0.isWhitespace })
            }
            let booking = AppointmentBooking(code: code, service: ServiceID(try body.requiredString("service")), at: at, personKey: personKey)
            return try await self.run(.bookAppointment(booking), req, body, created: true)
        }
        router.delete("/api/v1/appointments/:code") { req, ctx in
            _ = try self.auth.require(req, .admin)
            let code = try Self.bookingCode(ctx.parameters.get("code") ?? "")
            return try await self.run(.cancelAppointment(code: code), req, JSONBody.empty)
        }
        router.post("/api/v1/appointments/check-in") { req, _ in
            let requestedAt = ContinuousClock.now
            _ = try self.auth.require(req, .kiosk, .technician)
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["bookingCode", "document", "language", "print", "requestId"])
            let language = try Language(rawValue: body.string("language") ?? "az")
                .orThrow(APIError(.badRequest, "invalid-field", "field 'language' must be az, ru or en"))
            let lookup: AppointmentLookup
            if let text = try body.string("bookingCode") {
                lookup = .bookingCode(try Self.bookingCode(text))
            } else if let document = try body.object("document") {
                guard let identity = self.identity else {
                    throw APIError(.badRequest, "documents-not-configured", "this centre reads no ID documents (set privacy.personKey in the configuration)")
                }
                guard document.keys.allSatisfy({ $0 == "mrz" }), let mrz = document["mrz"] as? String else {
                    throw APIError(.badRequest, "invalid-field", "field 'document' must be {\"mrz\": \"…\"}")
                }
                lookup = .person(try identity.facts(mrz: mrz, now: QueueService.systemClock()).personKey)
            } else {
                throw APIError(.badRequest, "missing-field", "give 'bookingCode' or 'document'")
            }
            return try await self.hand(.checkIn(AppointmentCheckIn(lookup, language: language)), req, body, requestedAt: requestedAt)
        }
    }

    static func bookingCode(_ text: String) throws -> BookingCode {
        do {
            return try BookingCode(parsing: text)
        } catch {
            throw APIError(.badRequest, "invalid-booking-code", error.description)
        }
    }
}

extension Optional {
    /// The value, or `error` thrown.
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
