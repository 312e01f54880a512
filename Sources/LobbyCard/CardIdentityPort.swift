/// The daemon's port for identification cards: "read what a card offers for identification".
///
/// At every insertion the implementation powers the card, keeps its ATR, and runs each configured
/// `CardApplication` (the eMRTD DG1 MRZ today: plain access, or Basic Access Control when the kiosk offers
/// the keys of an MRZ it has read; chips that need BAC without keys, or PACE, are reported as such).
/// Readings stay in memory: implementations never log or store them.
public protocol CardIdentityPort: Sendable {
    /// Reader and card events, starting with the readers and cards present now; ends when the consumer cancels.
    func events() -> AsyncStream<CardEvent>
    /// The readers present now and their slots (one enumeration; readers held by another process say so).
    func snapshot() async -> [CardReaderSnapshot]
}
