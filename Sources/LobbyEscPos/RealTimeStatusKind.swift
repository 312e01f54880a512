/// Which real-time status `DLE EOT n` asks for; each answers with one byte.
public enum RealTimeStatusKind: UInt8, Equatable, Hashable, Sendable, CaseIterable {
    /// n = 1: printer status (offline, drawer pin, waiting for recovery, feed button).
    case printer = 1
    /// n = 2: offline cause (cover open, paper fed by button, stopped by paper end, error).
    case offlineCause = 2
    /// n = 3: error cause (autocutter, unrecoverable, auto-recoverable).
    case errorCause = 3
    /// n = 4: roll paper sensors (near end, paper end).
    case paperSensor = 4

    /// The request bytes `10 04 n`.
    public var requestBytes: [UInt8] { [0x10, 0x04, rawValue] }
}
