/// A JSON object of a data file being validated, with typed accessors whose errors name the
/// file and the field path.
public struct DataFileObject: Sendable {
    /// File name for error messages.
    public let file: String
    /// Path of this object inside the file (empty for the root).
    public let path: String
    /// The object's members.
    public let members: [String: JSONValue]

    /// Wraps the root of a file; fails if the bytes are not JSON or the root is not an object.
    public init(file: String, bytes: [UInt8]) throws(DataFileError) {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw DataFileError(file: file, field: "", message: "not valid JSON: \(error.message)")
        }
        try self.init(file: file, path: "", value: root)
    }

    /// Wraps a nested value that must be an object.
    public init(file: String, path: String, value: JSONValue) throws(DataFileError) {
        guard case let .object(members) = value else {
            throw DataFileError(file: file, field: path, message: "must be an object, found \(value.typeName)")
        }
        self.file = file
        self.path = path
        self.members = members
    }

    /// The full path of a member.
    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error about a member.
    public func error(_ key: String, _ message: String) -> DataFileError {
        DataFileError(file: file, field: fieldPath(key), message: message)
    }

    /// Fails on members not in `allowed` (catches misspelt field names).
    public func rejectUnknownFields(allowed: Set<String>) throws(DataFileError) {
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw error(unknown, "unknown field (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// A string member; `nil` if absent and not required.
    public func string(_ key: String, required: Bool = true) throws(DataFileError) -> String? {
        guard let value = members[key] else {
            if required { throw error(key, "is missing") }
            return nil
        }
        guard case let .string(text) = value else { throw error(key, "must be a string, found \(value.typeName)") }
        return text
    }

    /// A required string member.
    public func requiredString(_ key: String) throws(DataFileError) -> String {
        guard let text = try string(key, required: true) else { throw error(key, "is missing") }
        return text
    }

    /// A whole-number member within `range`; `nil` if absent and not required.
    public func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = true) throws(DataFileError) -> Int? {
        guard let value = members[key] else {
            if required { throw error(key, "is missing") }
            return nil
        }
        guard let number = value.integerValue else {
            throw error(key, "must be a whole number, found \(value.typeName)")
        }
        guard range.contains(number) else {
            throw error(key, "\(number) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// A boolean member; `nil` if absent.
    public func bool(_ key: String) throws(DataFileError) -> Bool? {
        guard let value = members[key] else { return nil }
        guard case let .bool(flag) = value else { throw error(key, "must be true or false, found \(value.typeName)") }
        return flag
    }

    /// A string member that must be one of `choices`; `nil` if absent and not required.
    public func choice(_ key: String, of choices: [String], required: Bool = true) throws(DataFileError) -> String? {
        guard let text = try string(key, required: required) else { return nil }
        guard choices.contains(text) else {
            throw error(key, "'\(text)' is not one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    /// An array member; `nil` if absent and not required.
    public func array(_ key: String, required: Bool = true) throws(DataFileError) -> [JSONValue]? {
        guard let value = members[key] else {
            if required { throw error(key, "is missing") }
            return nil
        }
        guard case let .array(items) = value else { throw error(key, "must be an array, found \(value.typeName)") }
        return items
    }

    /// An object member; `nil` if absent and not required.
    public func object(_ key: String, required: Bool = true) throws(DataFileError) -> DataFileObject? {
        guard let value = members[key] else {
            if required { throw error(key, "is missing") }
            return nil
        }
        return try DataFileObject(file: file, path: fieldPath(key), value: value)
    }
}
