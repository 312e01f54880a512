/// ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with DES and padding method 2: CBC-DES under K1 over all
/// blocks, then decrypt with K2 and encrypt with K1 the last block. 8-byte MAC.
public struct RetailMAC: Sendable {
    private let first: DES
    private let second: DES

    /// Creates the MAC from a 16-byte key K1‖K2.
    public init(key: [UInt8]) throws(EMRTDCryptoError) {
        guard key.count == 16 else { throw .keyLength(what: "retail MAC key", expected: [16], actual: key.count) }
        first = try DES(key: Array(key[0..<8]))
        second = try DES(key: Array(key[8..<16]))
    }

    /// The 8-byte MAC of `message` (padding method 2 applied here).
    public func authenticate(_ message: [UInt8]) -> [UInt8] {
        let padded = ISO9797Padding.pad(message)
        var chain: UInt64 = 0
        for offset in stride(from: 0, to: padded.count, by: 8) {
            chain = first.encrypt(block: DES.word(padded, at: offset) ^ chain)
        }
        return DES.bytes(first.encrypt(block: second.decrypt(block: chain)))
    }

    /// True when `mac` is the MAC of `message`; compares every byte (no early exit).
    public func verify(_ mac: [UInt8], of message: [UInt8]) -> Bool {
        let expected = authenticate(message)
        guard mac.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(mac, expected) { difference |= a ^ b }
        return difference == 0
    }
}
