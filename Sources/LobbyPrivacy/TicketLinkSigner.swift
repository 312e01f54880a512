import LobbyCrypto
import LobbyQueue

/// Makes the unguessable token of a ticket's status page (`/t/<token>`) and its printed tracking
/// code: a keyed hash (HMAC-SHA-256) of the ticket's identity under the centre's link key, cut to
/// 50 bits and written as 10 Crockford base-32 characters (Docs/Decisions/0025).
///
/// Ticket ids are sequential, so a link that names the id lets anyone walk `/t/1, /t/2, …`. The
/// token needs the key, which never leaves the server; the same ticket always gets the same token,
/// so nothing new is journaled and a restarted lobbyd answers yesterday's links the same way.
public struct TicketLinkSigner: Sendable {
    /// Characters of a token (Crockford's base 32: no I, L, O or U).
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// Characters in a token (50 bits).
    public static let tokenLength = 10
    /// Bytes of a freshly made key.
    public static let keyLength = 32

    private let key: [UInt8]

    /// Why a stored key cannot be used.
    public struct InvalidKey: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// A signer under `key` (at least 32 bytes).
    public init(key: [UInt8]) throws(InvalidKey) {
        guard key.count >= Self.keyLength else {
            throw InvalidKey(description: "the ticket link key has \(key.count) bytes; it needs at least \(Self.keyLength)")
        }
        self.key = key
    }

    /// The token of a ticket: its id, service day and issue time under the key.
    public func token(ticket: TicketID, day: LocalDate, issuedAt: Instant) -> String {
        let message = Array("lobby-ticket-link/1|\(day)|\(ticket.rawValue)|\(issuedAt.milliseconds)".utf8)
        let code = HMACSHA256.code(key: key, message: message)
        // The first 50 bits, 5 at a time.
        var bits: UInt64 = 0
        for byte in code.prefix(8) { bits = bits << 8 | UInt64(byte) }
        var out = ""
        for index in 0..<Self.tokenLength {
            let value = Int((bits >> UInt64(59 - 5 * index)) & 31)
            out.append(Self.alphabet[value])
        }
        return out
    }

    /// The token as printed for people: two groups of five, e.g. `7KQ2M-X9RTA`.
    public static func trackingCode(_ token: String) -> String {
        guard token.count == tokenLength else { return token }
        return String(token.prefix(5)) + "-" + String(token.suffix(5))
    }

    /// A token typed or scanned back, in the canonical form, or nil when it cannot be one:
    /// case, hyphens and spaces do not matter, and O, I and L read as 0, 1 and 1.
    public static func normalised(_ text: String) -> String? {
        var out = ""
        for character in text.uppercased() {
            switch character {
            case "-", " ": continue
            case "O": out.append("0")
            case "I", "L": out.append("1")
            default:
                guard alphabet.contains(character) else { return nil }
                out.append(character)
            }
        }
        return out.count == tokenLength ? out : nil
    }
}
