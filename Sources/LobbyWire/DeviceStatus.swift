/// Status flags of the poll reply.
public struct StatusFlags: OptionSet, Sendable, Equatable {
    /// The raw flag byte.
    public let rawValue: UInt8
    /// Wraps a raw flag byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Powered on (or rebooted) and not painted since: the master must repaint.
    public static let needsRepaint = StatusFlags(rawValue: 0x01)
    /// Some text asked for glyphs the font lacks; they were shown as the fallback box.
    public static let missingGlyphs = StatusFlags(rawValue: 0x02)
    /// A keypad vote session is open.
    public static let voteSessionOpen = StatusFlags(rawValue: 0x04)
    /// A keypad refused input because its event buffer was full.
    public static let eventBufferFull = StatusFlags(rawValue: 0x08)
}

/// The poll reply: flags, uptime and (keypads) the oldest unacknowledged events.
public struct DeviceStatus: Sendable, Equatable {
    /// Status flags.
    public var flags: StatusFlags
    /// Seconds since power-on; a smaller value than last time means the device restarted.
    public var uptimeSeconds: UInt32
    /// Unacknowledged events held by the device, including those not in this reply.
    public var pendingEvents: UInt8
    /// The oldest pending events, oldest first.
    public var events: KeypadEventBatch

    /// Creates a status.
    public init(flags: StatusFlags, uptimeSeconds: UInt32, pendingEvents: UInt8 = 0, events: KeypadEventBatch = KeypadEventBatch()) {
        self.flags = flags
        self.uptimeSeconds = uptimeSeconds
        self.pendingEvents = pendingEvents
        self.events = events
    }
}
