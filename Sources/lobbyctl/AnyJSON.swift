import Foundation

/// Any JSON value, decoded from what lobbyd or a formatter wrote, so that it can be carried
/// inside a Codable report (the `result` of an error object) unchanged.
enum AnyJSON: Codable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([AnyJSON])
    case object([String: AnyJSON])

    /// Parses JSON text; nil when it is not JSON.
    init?(text: String) {
        guard let value = try? JSONDecoder().decode(AnyJSON.self, from: Data(text.utf8)) else { return nil }
        self = value
    }

    /// The JSON form of a Codable value.
    init<T: Encodable>(encoding value: T) throws {
        self = try JSONDecoder().decode(AnyJSON.self, from: try JSONEncoder().encode(value))
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .integer(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([AnyJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: AnyJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .integer(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
