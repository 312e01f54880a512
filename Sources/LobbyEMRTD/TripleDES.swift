import LobbyCrypto

/// Two-key triple DES (EDE: encrypt K1, decrypt K2, encrypt K1) in CBC mode, as ICAO 9303-11 uses it for BAC;
/// libcrypto does the work.
public struct TripleDES: Sendable {
    private let cipher: DESCipher

    /// Creates the cipher from a 16-byte two-key bundle K1‖K2 (or 24 bytes K1‖K2‖K3).
    public init(key: [UInt8]) throws(EMRTDCryptoError) {
        guard key.count == 16 || key.count == 24 else { throw .keyLength(what: "3DES key", expected: [16, 24], actual: key.count) }
        cipher = try EMRTDCryptoError.fromLibrary { () throws(CryptoError) in try DESCipher(key: key) }
    }

    /// Encrypts one block.
    public func encrypt(block: UInt64) -> UInt64 { cipher.encrypt(block: block) }

    /// Decrypts one block.
    public func decrypt(block: UInt64) -> UInt64 { cipher.decrypt(block: block) }

    /// CBC encryption with an IV (zero by default, as BAC uses it); the input must be block aligned (pad first).
    public func encryptCBC(_ plain: [UInt8], iv: UInt64 = 0) throws(EMRTDCryptoError) -> [UInt8] {
        guard plain.count % 8 == 0 else { throw .notBlockAligned(what: "3DES plaintext", count: plain.count) }
        return try EMRTDCryptoError.fromLibrary { () throws(CryptoError) in try cipher.encrypt(plain, mode: .cbc(iv: DES.bytes(iv))) }
    }

    /// CBC decryption with an IV (zero by default); the input must be block aligned.
    public func decryptCBC(_ cipherText: [UInt8], iv: UInt64 = 0) throws(EMRTDCryptoError) -> [UInt8] {
        guard cipherText.count % 8 == 0 else { throw .notBlockAligned(what: "3DES ciphertext", count: cipherText.count) }
        return try EMRTDCryptoError.fromLibrary { () throws(CryptoError) in try cipher.decrypt(cipherText, mode: .cbc(iv: DES.bytes(iv))) }
    }
}
