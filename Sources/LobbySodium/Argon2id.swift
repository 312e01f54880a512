import CSodium

/// Argon2id password hashes through libsodium's `crypto_pwhash_str` (Decision 0051): the stored
/// text carries its own salt and parameters (`$argon2id$v=19$m=65536,t=2,p=1$…`), so stronger
/// parameters apply to new hashes without breaking old ones.
public struct Argon2id: Sendable, Hashable {
    /// Passes over memory (libsodium's opslimit).
    public let passes: Int
    /// Memory per hash in bytes (libsodium's memlimit).
    public let memoryBytes: Int

    /// libsodium's "interactive" parameters: 2 passes over 64 MiB (Decision 0051).
    public static let interactive = Argon2id(passes: Int(crypto_pwhash_OPSLIMIT_INTERACTIVE), memoryBytes: Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
    /// The smallest parameters libsodium accepts (for tests that hash many times; never for accounts).
    public static let minimal = Argon2id(passes: Int(crypto_pwhash_OPSLIMIT_MIN), memoryBytes: Int(crypto_pwhash_MEMLIMIT_MIN))

    /// Parameters from their parts.
    public init(passes: Int, memoryBytes: Int) {
        self.passes = passes
        self.memoryBytes = memoryBytes
    }

    /// The encoded hash of `secret` with a fresh random salt.
    public func hash(_ secret: String) throws(SodiumError) -> String {
        try Sodium.ready()
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let length = UInt64(secret.utf8.count)
        let rc = secret.withCString { crypto_pwhash_str(&out, $0, length, UInt64(passes), memoryBytes) }
        guard rc == 0 else { throw .outOfMemory(bytes: memoryBytes) }
        return Sodium.text(out)
    }

    /// Whether `secret` matches the encoded `hash` (any parameters; false for a malformed hash).
    public static func verify(_ secret: String, hash: String) throws(SodiumError) -> Bool {
        try Sodium.ready()
        guard hash.utf8.count < Int(crypto_pwhash_STRBYTES) else { return false }
        let length = UInt64(secret.utf8.count)
        return secret.withCString { crypto_pwhash_str_verify(hash, $0, length) == 0 }
    }

    /// Whether `hash` was made with other parameters than these (so it should be made again at the next sign-in).
    public func needsRehash(_ hash: String) -> Bool {
        guard (try? Sodium.ready()) != nil, hash.utf8.count < Int(crypto_pwhash_STRBYTES) else { return true }
        return crypto_pwhash_str_needs_rehash(hash, UInt64(passes), memoryBytes) != 0
    }
}
