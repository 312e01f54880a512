import Foundation
import Hummingbird
import LobbyEscPos
import LobbyQueue
import NIOCore

/// A request's JSON object with strict reading: malformed JSON (trailing commas, a key given
/// twice), unknown fields and wrong types are 400s that name the field or the position.
struct JSONBody {
    private let object: [String: JSONValue]

    /// An empty body (routes without one).
    static var empty: JSONBody { JSONBody(object: [:]) }

    /// Reads and parses the body, refusing more than `limit` bytes (413), a body cut short
    /// (400 `body-incomplete`), non-objects and unknown fields.
    static func read(_ request: Request, limit: Int, allowed: Set<String>) async throws -> JSONBody {
        let declared = request.headers[.contentLength].flatMap { Int($0) }
        if let declared, declared > limit {
            throw APIError(.contentTooLarge, "body-too-large", "the request body has \(declared) bytes; at most \(limit) are accepted")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "body-too-large", "the request body exceeds \(limit) bytes")
        } catch {
            throw incomplete(received: nil, declared: declared)
        }
        if let declared, buffer.readableBytes < declared {
            throw incomplete(received: buffer.readableBytes, declared: declared)
        }
        if buffer.readableBytes == 0 { return JSONBody(object: [:]) }
        let parsed: JSONValue
        do {
            parsed = try StrictJSONParser.parse(Array(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "malformed-json", "the body is not valid JSON: \(error.description)")
        }
        guard case .object(let object) = parsed else {
            throw APIError(.badRequest, "malformed-json", "the body must be a JSON object, not \(parsed.typeName)")
        }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError(.badRequest, "unknown-field", "unknown field '\(unknown)'; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        return JSONBody(object: object)
    }

    /// The answer to a body that ended before its declared length.
    private static func incomplete(received: Int?, declared: Int?) -> APIError {
        let got = received.map { "only \($0) arrived" } ?? "the connection ended first"
        let expected = declared.map { "Content-Length announced \($0) bytes" } ?? "the body was cut short"
        return APIError(.badRequest, "body-incomplete", "the request body is incomplete: \(expected), \(got); send the whole body")
    }

    func string(_ key: String) throws -> String? {
        guard let v = object[key], v != .null else { return nil }
        guard case .string(let s) = v else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be a string, not \(v.typeName)") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else { throw APIError(.badRequest, "missing-field", "field '\(key)' is required") }
        return s
    }

    func int(_ key: String) throws -> Int? {
        guard let v = object[key], v != .null else { return nil }
        guard let i = v.integerValue else {
            throw APIError(.badRequest, "invalid-field", "field '\(key)' must be a whole number, not \(v.typeName)")
        }
        return i
    }

    func bool(_ key: String) throws -> Bool? {
        guard let v = object[key], v != .null else { return nil }
        guard case .bool(let b) = v else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be true or false, not \(v.typeName)") }
        return b
    }

    /// An object field, its members as strings, numbers, booleans, arrays, dictionaries or `NSNull`.
    func object(_ key: String) throws -> [String: Any]? {
        guard let v = object[key], v != .null else { return nil }
        guard case .object(let o) = v else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be an object, not \(v.typeName)") }
        return o.mapValues(Self.plain)
    }

    /// An instant written as ISO 8601 with a UTC offset; impossible dates and years outside
    /// `TimestampText.plausibleYears` are refused with the reason.
    func instant(_ key: String) throws -> Instant? {
        guard let text = try string(key) else { return nil }
        do {
            return try TimestampText.instant(text)
        } catch {
            throw APIError(.badRequest, "invalid-field", "field '\(key)': \(error.description)")
        }
    }

    private static func plain(_ v: JSONValue) -> Any {
        switch v {
        case .null: NSNull()
        case .bool(let b): b
        case .number(let n): n
        case .string(let s): s
        case .array(let a): a.map(plain)
        case .object(let o): o.mapValues(plain)
        }
    }

    func requiredInt(_ key: String) throws -> Int {
        guard let i = try int(key) else { throw APIError(.badRequest, "missing-field", "field '\(key)' is required") }
        return i
    }

    /// An object of whole numbers by name, such as a window's services and weights.
    func wholeNumbers(_ key: String) throws -> [String: Int]? {
        guard let v = object[key], v != .null else { return nil }
        guard case .object(let o) = v else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be an object, not \(v.typeName)") }
        var out: [String: Int] = [:]
        for (name, value) in o {
            guard let i = value.integerValue else {
                throw APIError(.badRequest, "invalid-field", "field '\(key).\(name.prefix(40))' must be a whole number, not \(value.typeName)")
            }
            out[name] = i
        }
        return out
    }

    func position(_ key: String) throws -> LinePosition {
        guard let s = try string(key) else { return .back }
        guard let p = LinePosition(rawValue: s) else { throw APIError(.badRequest, "invalid-field", "field '\(key)' must be 'front' or 'back'") }
        return p
    }
}
