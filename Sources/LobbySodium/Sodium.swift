import CSodium

/// Why libsodium could not do what was asked.
public enum SodiumError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `sodium_init` failed (no entropy source).
    case unavailable
    /// The hash could not get its memory.
    case outOfMemory(bytes: Int)

    /// The reason in words.
    public var description: String {
        switch self {
        case .unavailable: "libsodium could not start (sodium_init failed: no source of randomness?)"
        case .outOfMemory(let bytes): "the password hash could not get its \(bytes / 1_048_576) MiB of memory"
        }
    }
}

/// libsodium's start-up, random bytes and keyed-free generic hash.
public enum Sodium {
    /// Starts libsodium once (safe to call from any thread, any number of times).
    public static func ready() throws(SodiumError) {
        guard sodium_init() >= 0 else { throw .unavailable }
    }

    /// `count` bytes from the system's random source.
    public static func randomBytes(_ count: Int) throws(SodiumError) -> [UInt8] {
        try ready()
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// A random secret of `bytes` bytes as URL-safe base64 without padding (cookie and header safe).
    public static func randomToken(bytes: Int = 32) throws(SodiumError) -> String {
        let raw = try randomBytes(bytes)
        var out = [CChar](repeating: 0, count: bytes * 2 + 4)  // more than base64's 4/3 and the NUL
        _ = sodium_bin2base64(&out, out.count, raw, raw.count, Int32(sodium_base64_VARIANT_URLSAFE_NO_PADDING))
        return text(out)
    }

    /// The text of a NUL-terminated C buffer.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// BLAKE2b (32 bytes) of `text` as lowercase hex: how session secrets are stored, so a copy of
    /// the accounts file holds no live session.
    public static func digest(_ text: String) throws(SodiumError) -> String {
        try ready()
        var out = [UInt8](repeating: 0, count: 32)
        let bytes = Array(text.utf8)
        _ = crypto_generichash(&out, 32, bytes, UInt64(bytes.count), nil, 0)
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: out.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// Whether two secrets are equal, in time that does not depend on where they differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return sodium_memcmp(x, y, x.count) == 0
    }
}
