/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR).
///
/// Check value over ASCII "123456789" is 0x29B1. Computed bit by bit: no table, so it costs
/// no flash on small parts; a 208-byte body takes well under a millisecond on a Cortex-M0.
public struct CRC16: Sendable, Equatable {
    /// The running register value; after all bytes it is the CRC.
    public private(set) var value: UInt16

    /// Starts a new computation with the initial value 0xFFFF.
    public init() { value = 0xFFFF }

    /// Feeds one byte.
    public mutating func update(_ byte: UInt8) {
        value ^= UInt16(byte) << 8
        var bit = 0
        while bit < 8 {
            if value & 0x8000 != 0 {
                value = (value << 1) ^ 0x1021
            } else {
                value = value << 1
            }
            bit += 1
        }
    }

    /// Feeds every byte of a sequence.
    public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        for byte in bytes { update(byte) }
    }

    /// The CRC of a whole sequence of bytes.
    public static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt16 {
        var crc = CRC16()
        crc.update(bytes)
        return crc.value
    }
}
