import Foundation
import LobbyPrivacy
import LobbyQueue
import Synchronization

/// The unguessable links of tickets: the token of each ticket (in its QR code and printed as the
/// tracking code) and the way back from a token to today's ticket (Docs/Decisions/0025).
///
/// The key lives in the state directory beside the journal (`ticket-links.key`, 32 random bytes,
/// mode 0600), made on the first start. Tokens are cached per ticket id; ids are never reused.
final class TicketLinks: Sendable {
    /// The key file's name inside the state directory.
    static let keyFileName = "ticket-links.key"

    private let signer: TicketLinkSigner
    /// The configured status page address with `{token}`, when printers are configured.
    let statusURLTemplate: String?
    private let cache = Mutex<(tokens: [TicketID: String], tickets: [String: TicketID])>(([:], [:]))

    /// Links under `signer`.
    init(signer: TicketLinkSigner, statusURLTemplate: String?) {
        self.signer = signer
        self.statusURLTemplate = statusURLTemplate
    }

    /// Reads the key from `directory`, or makes and stores a new one when there is none.
    static func load(stateDirectory directory: String, statusURLTemplate: String?) throws -> TicketLinks {
        let path = (directory as NSString).appendingPathComponent(keyFileName)
        let fm = FileManager.default
        var key: [UInt8]
        if let data = fm.contents(atPath: path) {
            key = [UInt8](data)
        } else if fm.fileExists(atPath: path) {
            throw TicketLinkKeyError(path: path, problem: "cannot be read")
        } else {
            var generator = SystemRandomNumberGenerator()
            key = (0..<TicketLinkSigner.keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = path + ".new"
            guard fm.createFile(atPath: temporary, contents: Data(key), attributes: [.posixPermissions: 0o600]),
                  rename(temporary, path) == 0 else {
                throw TicketLinkKeyError(path: path, problem: "cannot be written")
            }
        }
        do {
            return TicketLinks(signer: try TicketLinkSigner(key: key), statusURLTemplate: statusURLTemplate)
        } catch {
            throw TicketLinkKeyError(path: path, problem: "\(error.description); delete it to make a new key (today's printed links stop working)")
        }
    }

    /// The token of a ticket.
    func token(for ticket: Ticket) -> String {
        if let known = cache.withLock({ $0.tokens[ticket.id] }) { return known }
        let token = signer.token(ticket: ticket.id, day: ticket.day, issuedAt: ticket.issuedAt)
        cache.withLock {
            $0.tokens[ticket.id] = token
            $0.tickets[token] = ticket.id
        }
        return token
    }

    /// The address the ticket's QR code opens, when a status page address is configured.
    func statusURL(for ticket: Ticket) -> String? {
        statusURLTemplate.map { $0.replacingOccurrences(of: "{token}", with: token(for: ticket)) }
    }

    /// Today's ticket with this token (as typed or scanned), or nil.
    func ticket(token text: String, in state: QueueState) -> TicketID? {
        guard let token = TicketLinkSigner.normalised(text) else { return nil }
        let known = cache.withLock { cache in Set(cache.tokens.keys) }
        for ticket in state.tickets.values where !known.contains(ticket.id) { _ = self.token(for: ticket) }
        cache.withLock { cache in
            // Forget tickets of past days so the cache stays the size of one day.
            if cache.tokens.count > 2 * state.tickets.count + 1024 {
                cache.tokens = cache.tokens.filter { state.tickets[$0.key] != nil }
                cache.tickets = cache.tickets.filter { state.tickets[$0.value] != nil }
            }
        }
        guard let id = cache.withLock({ $0.tickets[token] }), state.tickets[id] != nil else { return nil }
        return id
    }
}

/// The ticket link key file is unusable.
struct TicketLinkKeyError: Error, CustomStringConvertible {
    /// The key file.
    let path: String
    /// What is wrong with it.
    let problem: String

    /// `path: problem`.
    var description: String { "\(path): the ticket link key \(problem)" }
}
