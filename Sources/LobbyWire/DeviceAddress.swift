/// A bus address (one byte) of the master, a device, or the broadcast address.
public struct DeviceAddress: Sendable, Equatable, Hashable {
    /// The raw address byte.
    public let rawValue: UInt8

    /// Wraps a raw address byte.
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    /// The daemon (bus master).
    public static let master = DeviceAddress(0x00)
    /// A service tool acting as master while the daemon is stopped.
    public static let serviceTool = DeviceAddress(0x01)
    /// The lowest address a device may be given.
    public static let firstDevice = DeviceAddress(0x10)
    /// The highest address a device may be given.
    public static let lastDevice = DeviceAddress(0xEF)
    /// The address of every device that has not been given one yet.
    public static let unassigned = DeviceAddress(0xFE)
    /// Every device; never answered.
    public static let broadcast = DeviceAddress(0xFF)

    /// Whether this is a master address (0x00-0x0F).
    public var isMaster: Bool { rawValue <= 0x0F }
    /// Whether a device may be assigned this address (0x10-0xEF).
    public var isAssignableDeviceAddress: Bool { rawValue >= 0x10 && rawValue <= 0xEF }
}

/// The per-request sequence number chosen by the master; a retry repeats it.
public struct SequenceNumber: Sendable, Equatable, Hashable {
    /// The raw byte.
    public let rawValue: UInt8
    /// Wraps a raw sequence byte.
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }
    /// The next sequence number (wrapping from 255 to 0).
    public var next: SequenceNumber { SequenceNumber(rawValue &+ 1) }
}

/// The 64-bit unique serial number of a device.
public struct DeviceSerial: Sendable, Equatable, Hashable {
    /// The raw 64-bit value (sent little-endian).
    public let rawValue: UInt64
    /// Wraps a raw serial.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// Whether the top `bits` bits of this serial equal those of `prefix`.
    public func matches(prefix: DeviceSerial, bits: UInt8) -> Bool {
        if bits == 0 { return true }
        if bits >= 64 { return rawValue == prefix.rawValue }
        let shift = UInt64(64 - Int(bits))
        return (rawValue >> shift) == (prefix.rawValue >> shift)
    }
}

/// A time stamp in device ticks (the firmware tick timer; host simulators pass their own).
public struct Ticks: Sendable, Equatable, Hashable {
    /// The raw tick count; wraps around.
    public let rawValue: UInt32
    /// Wraps a raw tick count.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// The number of ticks from `earlier` to `self` (modulo 2^32).
    public func ticks(since earlier: Ticks) -> UInt32 { rawValue &- earlier.rawValue }
    /// Whether `self` is at or after `deadline`, correct across one wrap-around.
    public func hasReached(_ deadline: Ticks) -> Bool { ticks(since: deadline) < 0x8000_0000 }
    /// This time plus a number of ticks.
    public func adding(_ ticks: UInt32) -> Ticks { Ticks(rawValue &+ ticks) }
}
