/// A test's own failure with a message (a missing tool, a process that did not start).
public struct TestFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    /// A failure that says `description`.
    public init(_ description: String) { self.description = description }
}
