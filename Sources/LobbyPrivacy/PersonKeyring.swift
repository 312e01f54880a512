import Foundation
import LobbyCrypto
import LobbyQueue

/// Turns a citizen's personal number into the keyed hash the queue stores (`PersonKey`).
///
/// The number itself is never stored: HMAC-SHA-256 under the centre's secret key, as hex. Without
/// the key, a stored hash cannot be linked back to a person; rotating the key (Docs/Privacy.md)
/// makes older hashes unlinkable to new ones.
public struct PersonKeyring: Sendable {
    private let key: [UInt8]

    /// Why a key from the configuration cannot be used.
    public struct InvalidKey: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// A keyring from a hexadecimal secret of at least 32 bytes (64 hex digits).
    public init(hexKey: String) throws(InvalidKey) {
        let text = hexKey.lowercased()
        guard text.count >= 64, text.count % 2 == 0 else { throw InvalidKey(description: "expected at least 64 hexadecimal digits (32 bytes), got \(text.count) characters") }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let b = UInt8(text[index..<next], radix: 16) else { throw InvalidKey(description: "'\(text[index..<next])' is not hexadecimal") }
            bytes.append(b)
            index = next
        }
        key = bytes
    }

    /// The keyed hash of a personal identifier (an Azerbaijani FIN, or issuing state + document
    /// number for other documents). Case and surrounding spaces do not matter.
    public func personKey(for identifier: String) -> PersonKey {
        let normalised = identifier.trimmingCharacters(in: .whitespaces).uppercased()
        let code = HMACSHA256.code(key: key, message: Array(normalised.utf8))
        let digits = Array("0123456789abcdef")
        return PersonKey(String(code.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }))
    }
}
