/// A problem in the configuration file: which file, line and field, and what is expected.
public struct ConfigFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration file.
    public var file: String
    /// 1-based line of the offending value (0 when unknown).
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The field as a path, e.g. `services[3].prefix`.
    public var field: String
    /// What is wrong and what is expected.
    public var message: String

    /// Creates an error; line and column 0 mean "the file as a whole".
    public init(file: String, line: Int, column: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `file:line:column: field: message`, the form editors and people both read.
    public var description: String {
        let position = line > 0 ? "\(file):\(line):\(column)" : file
        return field.isEmpty ? "\(position): \(message)" : "\(position): \(field): \(message)"
    }
}
