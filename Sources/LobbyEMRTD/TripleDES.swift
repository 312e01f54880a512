/// Two-key triple DES (EDE: encrypt K1, decrypt K2, encrypt K1) in CBC mode, as ICAO 9303-11 uses it for BAC.
public struct TripleDES: Sendable {
    private let first: DES
    private let second: DES
    private let third: DES

    /// Creates the cipher from a 16-byte two-key bundle K1‖K2 (or 24 bytes K1‖K2‖K3).
    public init(key: [UInt8]) throws(EMRTDCryptoError) {
        guard key.count == 16 || key.count == 24 else { throw .keyLength(what: "3DES key", expected: [16, 24], actual: key.count) }
        first = try DES(key: Array(key[0..<8]))
        second = try DES(key: Array(key[8..<16]))
        third = key.count == 24 ? try DES(key: Array(key[16..<24])) : first
    }

    /// Encrypts one block.
    public func encrypt(block: UInt64) -> UInt64 { third.encrypt(block: second.decrypt(block: first.encrypt(block: block))) }

    /// Decrypts one block.
    public func decrypt(block: UInt64) -> UInt64 { first.decrypt(block: second.encrypt(block: third.decrypt(block: block))) }

    /// CBC encryption with an IV (zero by default, as BAC uses it); the input must be block aligned (pad first).
    public func encryptCBC(_ plain: [UInt8], iv: UInt64 = 0) throws(EMRTDCryptoError) -> [UInt8] {
        guard plain.count % 8 == 0 else { throw .notBlockAligned(what: "3DES plaintext", count: plain.count) }
        var chain = iv
        var out: [UInt8] = []
        out.reserveCapacity(plain.count)
        for offset in stride(from: 0, to: plain.count, by: 8) {
            chain = encrypt(block: DES.word(plain, at: offset) ^ chain)
            out += DES.bytes(chain)
        }
        return out
    }

    /// CBC decryption with an IV (zero by default); the input must be block aligned.
    public func decryptCBC(_ cipher: [UInt8], iv: UInt64 = 0) throws(EMRTDCryptoError) -> [UInt8] {
        guard cipher.count % 8 == 0 else { throw .notBlockAligned(what: "3DES ciphertext", count: cipher.count) }
        var chain = iv
        var out: [UInt8] = []
        out.reserveCapacity(cipher.count)
        for offset in stride(from: 0, to: cipher.count, by: 8) {
            let block = DES.word(cipher, at: offset)
            out += DES.bytes(decrypt(block: block) ^ chain)
            chain = block
        }
        return out
    }
}
