import CLibCrypto

/// DES and triple DES (EDE) on 8-byte blocks, ECB or CBC without padding, from libcrypto.
///
/// OpenSSL 3 keeps single DES (`DES-ECB`, `DES-CBC`) in its legacy provider only; a single DES key K
/// is therefore run as two-key EDE with K1 = K2 = K, which is the same permutation (E_K ∘ D_K ∘ E_K = E_K)
/// and lives in the default provider. Kept for ICAO 9303 Basic Access Control; not for new designs.
public struct DESCipher: Sendable {
    /// How consecutive blocks are chained.
    public enum Mode: Sendable, Hashable {
        /// Every block on its own.
        case ecb
        /// Cipher block chaining from an 8-byte initial value.
        case cbc(iv: [UInt8])
    }

    /// The block size in bytes.
    public static let blockSize = 8

    private let key: [UInt8]
    private let ecb: LibraryContext.Fetched
    private let cbc: LibraryContext.Fetched

    /// A cipher under an 8-byte DES key, a 16-byte two-key (K1‖K2) or a 24-byte three-key (K1‖K2‖K3)
    /// triple-DES key; DES parity bits are ignored.
    public init(key: [UInt8]) throws(CryptoError) {
        switch key.count {
        case 8, 16:
            self.key = key.count == 8 ? key + key : key
            ecb = try LibraryContext.cipher("DES-EDE-ECB")
            cbc = try LibraryContext.cipher("DES-EDE-CBC")
        case 24:
            self.key = key
            ecb = try LibraryContext.cipher("DES-EDE3-ECB")
            cbc = try LibraryContext.cipher("DES-EDE3-CBC")
        default:
            throw .keyLength(algorithm: "DES", expected: [8, 16, 24], actual: key.count)
        }
    }

    /// Encrypts whole blocks.
    public func encrypt(_ data: [UInt8], mode: Mode = .ecb) throws(CryptoError) -> [UInt8] {
        try run(data, mode: mode, encrypting: true)
    }

    /// Decrypts whole blocks.
    public func decrypt(_ data: [UInt8], mode: Mode = .ecb) throws(CryptoError) -> [UInt8] {
        try run(data, mode: mode, encrypting: false)
    }

    /// Encrypts one block given as a big-endian word.
    public func encrypt(block: UInt64) -> UInt64 { Self.word(crypt(Self.bytes(block), encrypting: true)) }

    /// Decrypts one block given as a big-endian word.
    public func decrypt(block: UInt64) -> UInt64 { Self.word(crypt(Self.bytes(block), encrypting: false)) }

    /// The big-endian word of 8 bytes.
    public static func word(_ bytes: [UInt8]) -> UInt64 { bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }

    /// The 8 big-endian bytes of a word.
    public static func bytes(_ word: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * $0)) } }

    /// One ECB block, whose length is right by construction.
    private func crypt(_ block: [UInt8], encrypting: Bool) -> [UInt8] {
        do { return try run(block, mode: .ecb, encrypting: encrypting) } catch { fatalError("DES block: \(error)") }
    }

    private func run(_ data: [UInt8], mode: Mode, encrypting: Bool) throws(CryptoError) -> [UInt8] {
        guard data.count % Self.blockSize == 0 else {
            throw .notBlockAligned(algorithm: "DES", count: data.count, block: Self.blockSize)
        }
        let cipher: LibraryContext.Fetched
        let iv: [UInt8]?
        switch mode {
        case .ecb: (cipher, iv) = (ecb, nil)
        case .cbc(let value):
            guard value.count == Self.blockSize else {
                throw .keyLength(algorithm: "DES-CBC initial value", expected: [Self.blockSize], actual: value.count)
            }
            (cipher, iv) = (cbc, value)
        }
        guard !data.isEmpty else { return [] }
        guard let context = EVP_CIPHER_CTX_new() else { LibraryContext.fail("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: data.count + Self.blockSize)
        var written: Int32 = 0
        var tail: Int32 = 0
        let ok = key.withUnsafeBufferPointer { keyBytes in
            (iv ?? []).withUnsafeBufferPointer { ivBytes in
                EVP_CipherInit_ex2(context, cipher.pointer, keyBytes.baseAddress, ivBytes.baseAddress, encrypting ? 1 : 0, nil) == 1
                    && EVP_CIPHER_CTX_set_padding(context, 0) == 1
                    && EVP_CipherUpdate(context, &out, &written, data, Int32(data.count)) == 1
            }
        }
        guard ok else { LibraryContext.fail("DES \(encrypting ? "encryption" : "decryption")") }
        let finished = out.withUnsafeMutableBufferPointer { buffer in
            EVP_CipherFinal_ex(context, buffer.baseAddress! + Int(written), &tail)
        }
        guard finished == 1 else { LibraryContext.fail("DES \(encrypting ? "encryption" : "decryption")") }
        return Array(out.prefix(Int(written + tail)))
    }
}
