/// How an eMRTD data group was read.
public enum EMRTDAccess: String, Sendable, Hashable {
    /// Without access control (the chip allows plain READ BINARY).
    case plain
    /// Under Basic Access Control secure messaging.
    case basicAccessControl = "bac"
}
