import LobbyCrypto

/// ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with DES and padding method 2: CBC-DES under K1 over all
/// blocks, then decrypt with K2 and encrypt with K1 the last block. 8-byte MAC.
///
/// The output transformation E_K1(D_K2(·)) applied to the last CBC step E_K1(D_n ⊕ H_n-1) is two-key triple
/// DES of D_n ⊕ H_n-1, so libcrypto computes it as single-DES CBC over all blocks but the last, then one
/// 3DES-EDE block.
public struct RetailMAC: Sendable {
    private let chain: DESCipher
    private let output: DESCipher

    /// Creates the MAC from a 16-byte key K1‖K2.
    public init(key: [UInt8]) throws(EMRTDCryptoError) {
        guard key.count == 16 else { throw .keyLength(what: "retail MAC key", expected: [16], actual: key.count) }
        chain = try EMRTDCryptoError.fromLibrary { () throws(CryptoError) in try DESCipher(key: Array(key[0..<8])) }
        output = try EMRTDCryptoError.fromLibrary { () throws(CryptoError) in try DESCipher(key: key) }
    }

    /// The 8-byte MAC of `message` (padding method 2 applied here).
    public func authenticate(_ message: [UInt8]) -> [UInt8] {
        let padded = ISO9797Padding.pad(message)
        let last = padded.count - 8
        var previous: UInt64 = 0
        for offset in stride(from: 0, to: last, by: 8) {
            previous = chain.encrypt(block: DES.word(padded, at: offset) ^ previous)
        }
        return DES.bytes(output.encrypt(block: DES.word(padded, at: last) ^ previous))
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
