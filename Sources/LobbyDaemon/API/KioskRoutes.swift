import Foundation
import HTTPTypes
import Hummingbird
import LobbyKiosk

/// The kiosk routes for technicians: what the kiosk shows, as facts and as a picture, and a
/// remote tap (support from a distance; the same path as a finger on the touchscreen).
extension APIRoutes {
    func addKioskRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/api/v1/kiosk") { req, _ in
            _ = try self.auth.require(req, .technician)
            guard let kiosk = self.kiosk else { throw APIError(.notFound, "no-kiosk", "this lobbyd drives no kiosk (devices.kiosk)") }
            return JSON.response(await kiosk.status().object)
        }
        router.get("/api/v1/kiosk/screen.png") { req, _ in
            _ = try self.auth.require(req, .technician)
            guard let kiosk = self.kiosk else { throw APIError(.notFound, "no-kiosk", "this lobbyd drives no kiosk (devices.kiosk)") }
            let png = try await kiosk.screenshotPNG()
            var headers = HTTPFields()
            headers[.contentType] = "image/png"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
        }
        router.post("/api/v1/kiosk/tap") { req, _ in
            _ = try self.auth.require(req, .technician)
            guard let kiosk = self.kiosk else { throw APIError(.notFound, "no-kiosk", "this lobbyd drives no kiosk (devices.kiosk)") }
            let body = try await JSONBody.read(req, limit: self.maxBody, allowed: ["x", "y"])
            let x = try body.requiredInt("x"), y = try body.requiredInt("y")
            await kiosk.input(.tap(x: Double(x), y: Double(y)))
            return JSON.response(await kiosk.status().object)
        }
    }
}
