/// How `lobbyctl card list/watch` print: text for people, JSON lines for scripts.
public struct CardOutputStyle: Sendable, Hashable {
    /// JSON lines instead of text.
    public var json: Bool
    /// Show personal MRZ fields unmasked (`--reveal`; for a technician checking a test card).
    public var reveal: Bool

    /// Creates a style.
    public init(json: Bool = false, reveal: Bool = false) {
        self.json = json
        self.reveal = reveal
    }
}
