import LobbyQueue

/// The bytes of a day summary's group: unsigned LEB128 numbers (signed ones zig-zagged), strings
/// as length and UTF-8. Version 1; a reader refuses anything it does not understand.
enum SummaryCodec {
    static let version: UInt64 = 1

    struct Writer {
        var bytes: [UInt8] = []
        mutating func unsigned(_ v: UInt64) {
            var v = v
            while v >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            bytes.append(UInt8(v))
        }
        mutating func int(_ v: Int) { signed(Int64(v)) }
        mutating func signed(_ v: Int64) { unsigned(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }
        mutating func string(_ s: String) {
            let utf8 = Array(s.utf8)
            unsigned(UInt64(utf8.count))
            bytes += utf8
        }
        mutating func tally(_ t: Tally) {
            let sorted = t.counts.sorted { $0.key < $1.key }
            unsigned(UInt64(sorted.count))
            var previous: Int64 = 0
            for (value, n) in sorted {
                signed(value - previous)
                previous = value
                int(n)
            }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var at = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        mutating func unsigned() throws(SummaryDecodingError) -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard at < bytes.count, shift < 64 else { throw SummaryDecodingError(offset: at) }
                let b = bytes[at]
                at += 1
                v |= UInt64(b & 0x7f) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
        mutating func signed() throws(SummaryDecodingError) -> Int64 {
            let u = try unsigned()
            return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
        }
        mutating func int() throws(SummaryDecodingError) -> Int { Int(try signed()) }
        mutating func count() throws(SummaryDecodingError) -> Int {
            let n = try unsigned()
            guard n <= UInt64(bytes.count - at) else { throw SummaryDecodingError(offset: at) }
            return Int(n)
        }
        mutating func string() throws(SummaryDecodingError) -> String {
            let n = try count()
            defer { at += n }
            return String(decoding: bytes[at..<at + n], as: UTF8.self)
        }
        mutating func tally() throws(SummaryDecodingError) -> Tally {
            var t = Tally()
            var value: Int64 = 0
            for _ in 0..<(try count()) {
                value += try signed()
                t.add(value, times: try int())
            }
            return t
        }
    }

    static func encode(_ a: Accumulator, into w: inout Writer) {
        for n in [a.issued, a.served, a.noShows, a.cancelled, a.expired, a.open, a.transferred, a.recalled, a.votedServed] { w.int(n) }
        for n in a.votes { w.int(n) }
        for f in [a.appointments, a.keptFromTickets] {
            for n in [f.keptEarly, f.keptLate, f.missed, f.cancelled] { w.int(n) }
        }
        w.tally(a.waits)
        w.tally(a.serviceTimes)
        w.unsigned(UInt64(a.mix.count))
        for (service, m) in a.mix.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            w.string(service.rawValue)
            for n in [m.votes, m.satisfied, m.served] { w.int(n) }
            w.signed(m.serviceSeconds)
        }
    }

    static func decode(from r: inout Reader) throws(SummaryDecodingError) -> Accumulator {
        var a = Accumulator()
        a.issued = try r.int()
        a.served = try r.int()
        a.noShows = try r.int()
        a.cancelled = try r.int()
        a.expired = try r.int()
        a.open = try r.int()
        a.transferred = try r.int()
        a.recalled = try r.int()
        a.votedServed = try r.int()
        for i in 0..<5 { a.votes[i] = try r.int() }
        for k in 0..<2 {
            var f = AppointmentFigures()
            f.keptEarly = try r.int()
            f.keptLate = try r.int()
            f.missed = try r.int()
            f.cancelled = try r.int()
            if k == 0 { a.appointments = f } else { a.keptFromTickets = f }
        }
        a.waits = try r.tally()
        a.serviceTimes = try r.tally()
        for _ in 0..<(try r.count()) {
            let service = ServiceID(try r.string())
            var m = Accumulator.ServiceMix()
            m.votes = try r.int()
            m.satisfied = try r.int()
            m.served = try r.int()
            m.serviceSeconds = try r.signed()
            a.mix[service] = m
        }
        return a
    }
}

/// Stored summary bytes that cannot be read (damaged, or written by a newer lobbyd).
public struct SummaryDecodingError: Error, CustomStringConvertible {
    /// Where reading stopped.
    public var offset: Int
    /// Says where the bytes stop making sense.
    public var description: String { "day summary cannot be read at byte \(offset)" }
}
