/// A data file (printer profile, ticket template) that is not valid: names the file, the field
/// path (e.g. `blocks[3].size`) and what is wrong with it.
public struct DataFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// File name as given by the loader (e.g. `generic-80mm.json`).
    public var file: String
    /// Field path inside the file, or empty for the whole file.
    public var field: String
    /// What is wrong.
    public var message: String

    /// Creates the error.
    public init(file: String, field: String, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    /// `file: field 'path': message`.
    public var description: String {
        field.isEmpty ? "\(file): \(message)" : "\(file): field '\(field)': \(message)"
    }
}
