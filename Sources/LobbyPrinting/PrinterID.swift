/// The name of one printer queue (a CUPS destination), e.g. `kiosk1-left`.
public struct PrinterID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The queue name as CUPS knows it.
    public let name: String

    /// Wraps a queue name.
    public init(_ name: String) { self.name = name }

    /// Allows `"kiosk1-left"` where a `PrinterID` is expected.
    public init(stringLiteral value: String) { self.name = value }

    /// The queue name.
    public var description: String { name }

    /// Orders by name.
    public static func < (lhs: PrinterID, rhs: PrinterID) -> Bool { lhs.name < rhs.name }
}

/// The number CUPS gave a job (`job-id`), unique within one CUPS server.
public struct PrintJobID: Hashable, Sendable, CustomStringConvertible {
    /// The IPP `job-id`.
    public let value: Int32

    /// Wraps a job id.
    public init(_ value: Int32) { self.value = value }

    /// `job 42`.
    public var description: String { "job \(value)" }
}
