/// Why libcrypto could not provide an algorithm or refused a key.
public enum CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libcrypto has no implementation of `algorithm` (`reason` is its own error text).
    case unavailable(algorithm: String, reason: String)
    /// A key has the wrong number of bytes for `algorithm`.
    case keyLength(algorithm: String, expected: [Int], actual: Int)
    /// Cipher input that is not a whole number of blocks.
    case notBlockAligned(algorithm: String, count: Int, block: Int)

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case let .unavailable(algorithm, reason):
            return "libcrypto has no \(algorithm): \(reason) (is Debian's libssl3 installed?)"
        case let .keyLength(algorithm, expected, actual):
            return "\(algorithm) key has \(actual) bytes, expected " + expected.map(String.init).joined(separator: " or ")
        case let .notBlockAligned(algorithm, count, block):
            return "\(algorithm) input of \(count) bytes is not a multiple of the \(block)-byte block"
        }
    }
}
