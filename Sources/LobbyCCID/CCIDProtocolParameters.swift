/// The protocol data structure of SetParameters/Parameters (CCID 1.1 §6.1.7): T=0 (5 bytes) or T=1 (7 bytes).
public enum CCIDProtocolParameters: Sendable, Hashable {
    /// T=0 parameters.
    case t0(findexDindex: UInt8, inverseConvention: Bool, guardTime: UInt8, waitingInteger: UInt8, clockStop: UInt8)
    /// T=1 parameters.
    case t1(findexDindex: UInt8, crcChecksum: Bool, inverseConvention: Bool, guardTime: UInt8,
            blockWaitingInteger: UInt8, characterWaitingInteger: UInt8, clockStop: UInt8, ifsc: UInt8, nad: UInt8)

    /// bProtocolNum.
    public var protocolNumber: UInt8 {
        switch self {
        case .t0: return 0
        case .t1: return 1
        }
    }

    /// abProtocolDataStructure bytes.
    public var bytes: [UInt8] {
        switch self {
        case let .t0(fd, inverse, guardTime, wi, clockStop):
            return [fd, inverse ? 0x02 : 0x00, guardTime, wi, clockStop]
        case let .t1(fd, crc, inverse, guardTime, bwi, cwi, clockStop, ifsc, nad):
            let tcckst: UInt8 = 0x10 | (crc ? 0x01 : 0) | (inverse ? 0x02 : 0)
            return [fd, tcckst, guardTime, (bwi & 0x0F) << 4 | (cwi & 0x0F), clockStop, ifsc, nad]
        }
    }

    /// Decodes the structure for a protocol number.
    public init(protocolNumber: UInt8, bytes: [UInt8]) throws(CCIDDecodingError) {
        switch protocolNumber {
        case 0:
            guard bytes.count >= 5 else { throw .truncated(what: "T=0 protocol data", needed: 5, available: bytes.count) }
            self = .t0(findexDindex: bytes[0], inverseConvention: bytes[1] & 0x02 != 0, guardTime: bytes[2],
                       waitingInteger: bytes[3], clockStop: bytes[4])
        case 1:
            guard bytes.count >= 7 else { throw .truncated(what: "T=1 protocol data", needed: 7, available: bytes.count) }
            self = .t1(findexDindex: bytes[0], crcChecksum: bytes[1] & 0x01 != 0, inverseConvention: bytes[1] & 0x02 != 0,
                       guardTime: bytes[2], blockWaitingInteger: bytes[3] >> 4, characterWaitingInteger: bytes[3] & 0x0F,
                       clockStop: bytes[4], ifsc: bytes[5], nad: bytes[6])
        default:
            throw .invalidValue(what: "bProtocolNum", offset: 7, value: protocolNumber)
        }
    }
}
