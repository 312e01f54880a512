import LobbyCrypto

/// Why a BAC cryptographic primitive refused its input.
public enum EMRTDCryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A key or random value has the wrong number of bytes.
    case keyLength(what: String, expected: [Int], actual: Int)
    /// Block-cipher input that is not a whole number of 8-byte blocks.
    case notBlockAligned(what: String, count: Int)
    /// ISO/IEC 9797-1 padding method 2 is missing or broken; `offset` is where, in the padded bytes.
    case badPadding(offset: Int)
    /// libcrypto could not provide the cipher (its reason).
    case library(String)

    /// A sentence saying what is wrong and where.
    public var description: String {
        switch self {
        case let .keyLength(what, expected, actual):
            return "\(what) has \(actual) bytes, expected " + expected.map(String.init).joined(separator: " or ")
        case let .notBlockAligned(what, count):
            return "\(what) of \(count) bytes is not a multiple of the 8-byte block"
        case .badPadding(let offset):
            return "padding method 2 is broken at byte \(offset) (expected 80 followed by zeros)"
        case .library(let reason):
            return reason
        }
    }

    /// Runs a libcrypto call, its failure as `.library`.
    static func fromLibrary<Value>(_ body: () throws(CryptoError) -> Value) throws(EMRTDCryptoError) -> Value {
        do { return try body() } catch { throw .library(error.description) }
    }
}
