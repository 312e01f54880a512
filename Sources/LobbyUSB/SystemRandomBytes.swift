/// Fresh random bytes from the operating system (getrandom through `SystemRandomNumberGenerator`), for the
/// terminal's BAC nonce and key material; the pure card logic takes them as a parameter.
public enum SystemRandomBytes {
    /// `count` random bytes.
    @Sendable public static func generate(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }
}
