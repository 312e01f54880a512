import LobbyEMRTD
import Synchronization

/// Where the kiosk puts the BAC keys of the MRZ it has just read, for the card reading that follows.
///
/// Memory only: the kiosk offers the keys when it reads the MRZ and withdraws them when the citizen's session
/// ends (ticket issued, cancelled or timed out); nothing is written anywhere.
public final class EMRTDAccessKeyHolder: Sendable {
    private let key = Mutex<BACAccessKey?>(nil)

    /// Creates an empty holder.
    public init() {}

    /// Makes `accessKey` the key for the next readings (replaces any earlier one).
    public func offer(_ accessKey: BACAccessKey) { key.withLock { $0 = accessKey } }

    /// Drops the key.
    public func withdraw() { key.withLock { $0 = nil } }

    /// The key on offer, if any.
    public var current: BACAccessKey? { key.withLock { $0 } }
}
