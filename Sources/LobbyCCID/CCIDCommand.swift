/// A PC_to_RDR bulk-OUT message (CCID 1.1 §6.1).
public enum CCIDCommand: Sendable, Hashable {
    /// PC_to_RDR_IccPowerOn (0x62); nil voltage lets the reader choose.
    case iccPowerOn(voltage: CCIDVoltage?)
    /// PC_to_RDR_IccPowerOff (0x63).
    case iccPowerOff
    /// PC_to_RDR_GetSlotStatus (0x65).
    case getSlotStatus
    /// PC_to_RDR_XfrBlock (0x6F) with a TPDU/APDU, the BWI extension and wLevelParameter.
    case xfrBlock(data: [UInt8], blockWaitingExtension: UInt8, levelParameter: UInt16)
    /// PC_to_RDR_GetParameters (0x6C).
    case getParameters
    /// PC_to_RDR_SetParameters (0x61).
    case setParameters(CCIDProtocolParameters)
    /// PC_to_RDR_Escape (0x6B), vendor specific.
    case escape([UInt8])
    /// PC_to_RDR_Abort (0x72); the host sends the ABORT control request as well.
    case abort

    /// An XfrBlock with no BWI extension and level parameter 0.
    public static func xfrBlock(_ data: [UInt8]) -> CCIDCommand { .xfrBlock(data: data, blockWaitingExtension: 0, levelParameter: 0) }

    /// bMessageType.
    public var messageType: UInt8 {
        switch self {
        case .iccPowerOn: return 0x62
        case .iccPowerOff: return 0x63
        case .getSlotStatus: return 0x65
        case .xfrBlock: return 0x6F
        case .getParameters: return 0x6C
        case .setParameters: return 0x61
        case .escape: return 0x6B
        case .abort: return 0x72
        }
    }

    /// The message bytes for a slot and sequence number.
    public func encoded(slot: UInt8, sequence: UInt8) -> [UInt8] {
        let data: [UInt8]
        let specific: (UInt8, UInt8, UInt8)
        switch self {
        case .iccPowerOn(let voltage):
            data = []
            specific = (voltage?.powerSelect ?? 0, 0, 0)
        case .iccPowerOff, .getSlotStatus, .getParameters, .abort:
            data = []
            specific = (0, 0, 0)
        case let .xfrBlock(payload, bwi, level):
            data = payload
            specific = (bwi, UInt8(truncatingIfNeeded: level), UInt8(truncatingIfNeeded: level >> 8))
        case .setParameters(let parameters):
            data = parameters.bytes
            specific = (parameters.protocolNumber, 0, 0)
        case .escape(let payload):
            data = payload
            specific = (0, 0, 0)
        }
        let header = CCIDHeader(messageType: messageType, dataLength: UInt32(clamping: data.count), slot: slot, sequence: sequence, specific: specific)
        return header.bytes + data
    }
}
