import CLibCrypto

/// HMAC-SHA-256 (RFC 2104) from libcrypto.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key` (any length; longer than 64 bytes is hashed first).
    public static func code(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var size = 0
        let result = LibraryContext.withBytes(key) { keyBytes, keyCount in
            LibraryContext.withBytes(message) { bytes, count in
                EVP_Q_mac(LibraryContext.pointer, "HMAC", nil, "SHA256", nil, keyBytes, keyCount, bytes, count, &out, out.count, &size)
            }
        }
        guard result != nil, size == 32 else { LibraryContext.fail("HMAC-SHA-256") }
        return out
    }
}
