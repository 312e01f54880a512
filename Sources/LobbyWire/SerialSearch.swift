/// What one `searchSerial` query produced on the bus.
public enum SearchObservation: Sendable, Equatable {
    /// No answer before the deadline.
    case silence
    /// One clean identify reply.
    case device(DeviceSerial)
    /// Garbled answer (CRC errors, bytes without a valid frame): several devices answered.
    case collision
}

/// Finds the serials of unassigned devices by prefix search (Protocol.md §10).
///
/// Depth first over serial prefixes: a collision splits the prefix into its `0` and `1`
/// extensions. The master assigns each device an address as soon as it is found, so it no
/// longer answers later queries.
public struct SerialSearch: Sendable {
    private struct Prefix: Sendable {
        var bits: UInt8
        var value: UInt64
    }
    private var stack: InlineArray<66, Prefix>
    private var depth = 1
    private var current: Prefix?
    /// Queries sent so far.
    public private(set) var queries = 0
    /// Set when two devices share a serial (a collision at 64 bits).
    public private(set) var duplicateSerialPrefix: DeviceSerial?

    /// Starts a search of every unassigned device.
    public init() {
        stack = InlineArray(repeating: Prefix(bits: 0, value: 0))
    }

    /// The next query to send to `DeviceAddress.unassigned`, or nil when the search is done.
    public mutating func nextQuery() -> Message? {
        guard current == nil, depth > 0 else { return nil }
        depth -= 1
        let prefix = stack[depth]
        current = prefix
        queries += 1
        return .searchSerial(bits: prefix.bits, prefix: DeviceSerial(prefix.value))
    }

    /// Records what the last query produced; returns a newly found serial.
    public mutating func record(_ observation: SearchObservation) -> DeviceSerial? {
        guard let prefix = current else { return nil }
        current = nil
        switch observation {
        case .silence:
            return nil
        case .device(let serial):
            return serial
        case .collision:
            guard prefix.bits < 64 else {
                duplicateSerialPrefix = DeviceSerial(prefix.value)
                return nil
            }
            let bit = UInt64(1) << UInt64(63 - Int(prefix.bits))
            // Push the `1` branch first so the `0` branch is searched first.
            stack[depth] = Prefix(bits: prefix.bits + 1, value: prefix.value | bit)
            stack[depth + 1] = Prefix(bits: prefix.bits + 1, value: prefix.value)
            depth += 2
            return nil
        }
    }
}
