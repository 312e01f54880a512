/// Why the report store could not be opened, read or written.
public struct ReportStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sentence naming the file and the cause.
    public let description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
