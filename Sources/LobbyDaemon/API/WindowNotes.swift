import Foundation
import LobbyQueue
import Synchronization

/// Why each window was last paused or closed, and by whom: what the console asks for and the
/// window views show (Decision 0065). Kept in memory for the day; the journal does not carry it.
final class WindowNotes: Sendable {
    /// One window's note.
    struct Note: Sendable, Equatable {
        /// The reason given (nil when none was given).
        var reason: String?
        /// The operator, person or role that changed the window's state.
        var by: String
        /// When.
        var at: Instant
    }

    private let notes = Mutex<[WindowID: Note]>([:])

    /// Records the reason of the window's latest state change.
    func set(_ window: WindowID, reason: String?, by: String, at: Instant = QueueService.systemClock()) {
        notes.withLock { $0[window] = Note(reason: reason, by: by, at: at) }
    }

    /// The window's latest note.
    func note(_ window: WindowID) -> Note? { notes.withLock { $0[window] } }
}

extension APIRoutes {
    /// The optional `reason` of a window command: only pause and close take one, at most 200 characters.
    static func reason(_ body: JSONBody, path: String) throws -> String? {
        guard let text = try body.string("reason") else { return nil }
        guard path == "pause" || path == "close" else {
            throw APIError(.badRequest, "invalid-field", "field 'reason' is only for pause and close")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw APIError(.badRequest, "invalid-field", "field 'reason' must be 1–200 characters, got \(trimmed.count)")
        }
        return trimmed
    }
}
