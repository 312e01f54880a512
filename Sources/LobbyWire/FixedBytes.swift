/// A byte buffer with a fixed capacity and a variable count, stored inline (no heap).
///
/// Used for frame bodies, payloads and encoded frames so that the same code runs on the host
/// and in firmware without dynamic allocation.
public struct FixedBytes<let capacity: Int>: Sendable {
    /// The number of bytes currently stored.
    public private(set) var count: Int
    /// Inline storage; bytes at indices `count...` are unspecified.
    @usableFromInline var storage: InlineArray<capacity, UInt8>

    /// Creates an empty buffer.
    public init() {
        count = 0
        storage = InlineArray(repeating: 0)
    }

    /// Creates a buffer holding the given bytes; extra bytes beyond `capacity` are dropped.
    public init<Source: Sequence<UInt8>>(_ bytes: Source) {
        self.init()
        for byte in bytes where !append(byte) { break }
    }

    /// Whether no more bytes fit.
    public var isFull: Bool { count >= capacity }

    /// The number of bytes that still fit.
    public var freeCapacity: Int { capacity - count }

    /// Appends one byte; returns false (and changes nothing) when the buffer is full.
    @discardableResult
    public mutating func append(_ byte: UInt8) -> Bool {
        guard count < capacity else { return false }
        storage[count] = byte
        count += 1
        return true
    }

    /// Appends all bytes of a sequence; returns false if some did not fit.
    @discardableResult
    public mutating func append<Source: Sequence<UInt8>>(contentsOf bytes: Source) -> Bool {
        for byte in bytes where !append(byte) { return false }
        return true
    }

    /// Appends a 16-bit value, least significant byte first.
    @discardableResult
    public mutating func appendLittleEndian(_ value: UInt16) -> Bool {
        append(UInt8(truncatingIfNeeded: value)) && append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Appends a 32-bit value, least significant byte first.
    @discardableResult
    public mutating func appendLittleEndian(_ value: UInt32) -> Bool {
        appendLittleEndian(UInt16(truncatingIfNeeded: value))
            && appendLittleEndian(UInt16(truncatingIfNeeded: value >> 16))
    }

    /// Appends a 64-bit value, least significant byte first.
    @discardableResult
    public mutating func appendLittleEndian(_ value: UInt64) -> Bool {
        appendLittleEndian(UInt32(truncatingIfNeeded: value))
            && appendLittleEndian(UInt32(truncatingIfNeeded: value >> 32))
    }

    /// Removes every byte.
    public mutating func removeAll() { count = 0 }

    /// Removes bytes from the end so that `newCount` remain.
    public mutating func truncate(to newCount: Int) {
        if newCount >= 0 && newCount < count { count = newCount }
    }

    /// Overwrites the byte at `index` (must be below `count`); out-of-range writes are ignored.
    public mutating func set(_ byte: UInt8, at index: Int) {
        if index >= 0 && index < count { storage[index] = byte }
    }

    /// Reads a 16-bit little-endian value at `offset`, or nil past the end.
    public func littleEndianUInt16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= count else { return nil }
        return UInt16(storage[offset]) | UInt16(storage[offset + 1]) << 8
    }
}

extension FixedBytes: RandomAccessCollection {
    /// The first valid index, always 0.
    public var startIndex: Int { 0 }
    /// One past the last valid index.
    public var endIndex: Int { count }
    /// The byte at `index`; indices at or beyond `count` read as 0 instead of trapping.
    public subscript(index: Int) -> UInt8 {
        guard index >= 0 && index < count else { return 0 }
        return storage[index]
    }
}

extension FixedBytes: Equatable {
    /// Two buffers are equal when they hold the same bytes (capacity is part of the type).
    public static func == (lhs: FixedBytes, rhs: FixedBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var index = 0
        while index < lhs.count {
            if lhs.storage[index] != rhs.storage[index] { return false }
            index += 1
        }
        return true
    }
}
