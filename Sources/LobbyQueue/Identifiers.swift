/// Identifier of a service offered at the centre (for example `"passport"`).
public struct ServiceID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The configured text of the identifier.
    public let rawValue: String
    /// Wraps a configured identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates the identifier from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The identifier as written in the configuration.
    public var description: String { rawValue }
    /// Orders identifiers by their text.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Identifier of an agency (a state body or company working in the centre).
public struct AgencyID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The configured text of the identifier.
    public let rawValue: String
    /// Wraps a configured identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates the identifier from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The identifier as written in the configuration.
    public var description: String { rawValue }
    /// Orders identifiers by their text.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The number of a service window (counter) as shown to citizens.
public struct WindowID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The window number.
    public let rawValue: Int
    /// Wraps a window number.
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    /// Creates the identifier from a literal.
    public init(integerLiteral value: Int) { self.rawValue = value }
    /// The window number as text.
    public var description: String { String(rawValue) }
    /// Orders windows by number.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Identifier of an operator (a clerk who signs in at a window).
public struct OperatorID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The operator's login name.
    public let rawValue: String
    /// Wraps an operator login name.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates the identifier from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The login name.
    public var description: String { rawValue }
    /// Orders operators by name.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Internal, never reused identifier of a ticket (the displayed number may repeat across days).
public struct TicketID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The serial of the ticket since the journal began.
    public let rawValue: UInt64
    /// Wraps a ticket serial.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    /// The serial as text.
    public var description: String { String(rawValue) }
    /// Orders tickets by serial (issue order).
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A client's identifier of one command, used to make retries idempotent.
public struct RequestID: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The identifier as sent by the client.
    public let rawValue: String
    /// Wraps a client request identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates the identifier from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The identifier text.
    public var description: String { rawValue }
}

/// Identifier of a priority category (for example `"disabled"`, `"aged65"`).
public struct PriorityCategoryID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The configured text of the identifier.
    public let rawValue: String
    /// Wraps a configured identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// Creates the identifier from a literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The identifier as written in the configuration.
    public var description: String { rawValue }
    /// Orders identifiers by their text.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A keyed hash of a citizen's personal number; the number itself is never stored.
public struct PersonKey: Hashable, Sendable, CustomStringConvertible {
    /// The hash, as lowercase hexadecimal.
    public let rawValue: String
    /// Wraps a keyed hash.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A shortened form that is safe to show in diagnostics.
    public var description: String { "person:" + rawValue.prefix(8) }
}
