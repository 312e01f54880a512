/// When a citizen with an appointment may check in at the kiosk, relative to the appointment time.
public struct CheckInWindow: Sendable, Hashable {
    /// How long before the appointment time check-in opens, in seconds.
    public var opensBeforeSeconds: Int64
    /// How long after the appointment time check-in is still accepted, in seconds.
    public var closesAfterSeconds: Int64

    /// Creates a window.
    public init(opensBeforeSeconds: Int64, closesAfterSeconds: Int64) {
        self.opensBeforeSeconds = opensBeforeSeconds
        self.closesAfterSeconds = closesAfterSeconds
    }

    /// The default: from 60 minutes before to 15 minutes after the appointment time.
    public static let standard = CheckInWindow(opensBeforeSeconds: 3600, closesAfterSeconds: 900)

    /// The longest either side may be (one day).
    public static let maximumSeconds: Int64 = 86_400

    /// The first instant check-in is accepted for an appointment at `at`.
    public func opens(for at: Instant) -> Instant { at.adding(seconds: -opensBeforeSeconds) }
    /// The last instant check-in is accepted for an appointment at `at`.
    public func closes(for at: Instant) -> Instant { at.adding(seconds: closesAfterSeconds) }

    /// Checks the bounds; `field` names the configuration entry for the error.
    public func validate(field: String) throws(ConfigurationError) {
        for (name, value) in [("opensBeforeSeconds", opensBeforeSeconds), ("closesAfterSeconds", closesAfterSeconds)]
        where value < 0 || value > Self.maximumSeconds {
            throw ConfigurationError(field: field + "." + name, message: "must be 0 to \(Self.maximumSeconds) seconds, got \(value)")
        }
    }
}
