import LobbyCrypto

/// The DES block cipher (FIPS 46-3) on 8-byte blocks, from libcrypto: the building block of BAC's retail MAC.
///
/// Kept for ICAO 9303 Basic Access Control only; DES is not a cipher for new designs.
public struct DES: Sendable {
    private let cipher: DESCipher

    /// Creates the cipher from an 8-byte key (parity bits are ignored).
    public init(key: [UInt8]) throws(EMRTDCryptoError) {
        guard key.count == 8 else { throw .keyLength(what: "DES key", expected: [8], actual: key.count) }
        cipher = try EMRTDCryptoError.fromLibrary { () throws(CryptoError) in try DESCipher(key: key) }
    }

    /// Encrypts one 8-byte block.
    public func encrypt(block: UInt64) -> UInt64 { cipher.encrypt(block: block) }

    /// Decrypts one 8-byte block.
    public func decrypt(block: UInt64) -> UInt64 { cipher.decrypt(block: block) }

    /// Encrypts 8 bytes.
    public func encrypt(_ block: [UInt8]) -> [UInt8] { Self.bytes(encrypt(block: Self.word(block, at: 0))) }

    /// Decrypts 8 bytes.
    public func decrypt(_ block: [UInt8]) -> [UInt8] { Self.bytes(decrypt(block: Self.word(block, at: 0))) }

    /// The big-endian 64-bit word of `bytes[offset..<offset+8]`.
    static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 { DESCipher.word(Array(bytes[offset..<(offset + 8)])) }

    /// The 8 big-endian bytes of a word.
    static func bytes(_ word: UInt64) -> [UInt8] { DESCipher.bytes(word) }
}
