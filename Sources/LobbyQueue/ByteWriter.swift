/// Appends compact binary values: unsigned LEB128 varints, zigzag signed varints, length-prefixed UTF-8.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() { bytes.reserveCapacity(64) }

    /// Writes one byte.
    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Writes an unsigned varint.
    public mutating func uvarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Writes a signed varint (zigzag).
    public mutating func varint(_ value: Int64) {
        uvarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes a length-prefixed UTF-8 string.
    public mutating func string(_ s: String) {
        let utf8 = s.utf8
        uvarint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Writes a presence byte and then the value when present.
    public mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        if let value {
            byte(1)
            write(&self, value)
        } else {
            byte(0)
        }
    }
}

/// Reads what `ByteWriter` wrote; every read checks bounds and reports the offset of a problem.
public struct ByteReader: Sendable {
    /// Why bytes could not be read.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The offset at which reading failed.
        public var offset: Int
        /// What was wrong.
        public var reason: String
        /// `reason at byte offset`.
        public var description: String { "\(reason) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    /// The position of the next byte to read.
    public private(set) var offset = 0

    /// A reader over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte was consumed.
    public var isAtEnd: Bool { offset == bytes.count }

    /// Reads one byte.
    public mutating func byte() throws(Failure) -> UInt8 {
        guard offset < bytes.count else { throw Failure(offset: offset, reason: "unexpected end of data") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads an unsigned varint.
    public mutating func uvarint() throws(Failure) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw Failure(offset: offset - 1, reason: "varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw Failure(offset: offset - 1, reason: "varint longer than 10 bytes") }
        }
    }

    /// Reads a signed varint.
    public mutating func varint() throws(Failure) -> Int64 {
        let u = try uvarint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// Reads an `Int` stored as a signed varint.
    public mutating func int() throws(Failure) -> Int {
        let v = try varint()
        guard let i = Int(exactly: v) else { throw Failure(offset: offset, reason: "integer out of range") }
        return i
    }

    /// Reads a length-prefixed UTF-8 string.
    public mutating func string() throws(Failure) -> String {
        let start = offset
        let count = try uvarint()
        guard count <= UInt64(bytes.count - offset) else { throw Failure(offset: start, reason: "string length \(count) exceeds the data") }
        let end = offset + Int(count)
        defer { offset = end }
        guard let s = String(validating: bytes[offset..<end], as: UTF8.self) else {
            throw Failure(offset: start, reason: "string is not valid UTF-8")
        }
        return s
    }

    /// Reads a presence byte and then the value when present.
    public mutating func optional<T>(_ read: (inout ByteReader) throws(Failure) -> T) throws(Failure) -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        case let b: throw Failure(offset: offset - 1, reason: "presence byte \(b) is neither 0 nor 1")
        }
    }
}
