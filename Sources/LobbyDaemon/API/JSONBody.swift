import Foundation
import Hummingbird
import LobbyQueue

/// A request's JSON object with strict reading: unknown fields and wrong types are 400s that name the field.
struct JSONBody {
    private let object: [String: Any]

    /// An empty body (routes without one).
    static var empty: JSONBody { JSONBody(object: [:]) }

    /// Reads and parses the body, refusing more than `limit` bytes, non-objects and unknown fields.
    static func read(_ request: Request, limit: Int, allowed: Set<String>) async throws -> JSONBody {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch {
            throw APIError(.contentTooLarge, "body-too-large", "the request body exceeds \(limit) bytes")
        }
        if buffer.readableBytes == 0 { return JSONBody(object: [:]) }
        let data = Data(buffer.readableBytesView)
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error.localizedDescription)"
            throw APIError(.badRequest, "malformed-json", "the body is not valid JSON: \(detail)")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError(.badRequest, "malformed-json", "the body must be a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError(.badRequest, "unknown-field", "unknown field '\(unknown)'; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        return JSONBody(object: object)
    }

    func string(_ key: String) throws -> String? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let s = v as? String else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be a string") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else { throw APIError(.badRequest, "missing-field", "field '\(key)' is required") }
        return s
    }

    func int(_ key: String) throws -> Int? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let n = v as? NSNumber, String(cString: n.objCType) != "c", let i = Int(exactly: n.doubleValue) else {
            throw APIError(.badRequest, "invalid-field", "field '\(key)' must be a whole number")
        }
        return i
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let n = v as? NSNumber, String(cString: n.objCType) == "c" else {
            throw APIError(.badRequest, "invalid-field", "field '\(key)' must be true or false")
        }
        return n.boolValue
    }

    func object(_ key: String) throws -> [String: Any]? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let o = v as? [String: Any] else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be an object") }
        return o
    }

    func requiredInt(_ key: String) throws -> Int {
        guard let i = try int(key) else { throw APIError(.badRequest, "missing-field", "field '\(key)' is required") }
        return i
    }

    func position(_ key: String) throws -> LinePosition {
        guard let s = try string(key) else { return .back }
        guard let p = LinePosition(rawValue: s) else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be 'front' or 'back'") }
        return p
    }
}
