import LobbyCCID

/// How APDUs travel between host and card through a given reader, decided from the reader's
/// class descriptor and the card's ATR.
public enum CardExchangePlan: Sendable, Hashable, CustomStringConvertible {
    /// The reader takes whole APDUs (short, or short and extended); it runs the card protocol itself.
    case apdu(extended: Bool)
    /// The reader moves T=1 blocks; the host runs `T1Session` with the card's IFSC.
    case t1(ifsc: Int)
    /// The reader moves T=0 TPDUs; the host handles 61xx/6Cxx (`T0Exchange`).
    case t0

    /// Why no plan fits.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Character-level readers need the host to time every byte: not supported.
        case characterLevelReader
        /// The card offers no protocol the host can run (only T=15 or unknown ones).
        case noUsableProtocol([UInt8])
        /// The card asks for T=1 with CRC, which `T1Session` does not implement.
        case t1CRCNotSupported

        /// A sentence for lobbyctl and logs.
        public var description: String {
            switch self {
            case .characterLevelReader: return "the reader works at character level, which is not supported"
            case .noUsableProtocol(let protocols):
                return "the card offers no usable protocol (T=\(protocols.map(String.init).joined(separator: ", T=")))"
            case .t1CRCNotSupported: return "the card requires T=1 with CRC, which is not supported"
            }
        }
    }

    /// Chooses the plan.
    ///
    /// APDU-level readers need nothing from the ATR. At TPDU level the protocol is the first one the
    /// card offers (ATR order) that the reader's dwProtocols lists; when the reader lists none of the
    /// card's protocols but configures itself from the ATR (dwFeatures 0x02), the card's first protocol
    /// is used anyway (`protocolNotAdvertised` is then true) — QEMU's reader lists only T=0 but moves
    /// T=1 blocks unchanged.
    public static func choose(descriptor: CCIDClassDescriptor, atr: AnswerToReset) throws(Problem) -> CardExchangePlan {
        switch descriptor.exchangeLevel {
        case .extendedAPDU: return .apdu(extended: true)
        case .shortAPDU: return .apdu(extended: false)
        case .character: throw .characterLevelReader
        case .tpdu:
            let offered = atr.offeredProtocols
            guard let first = offered.first else { throw .noUsableProtocol(atr.indicatedProtocols) }
            let chosen = offered.first { descriptor.protocols.contains($0) }
                ?? (descriptor.features & 0x02 != 0 ? first : nil)
            guard let chosen else { throw .noUsableProtocol(atr.indicatedProtocols) }
            switch chosen {
            case .t0: return .t0
            case .t1:
                guard atr.errorDetection == .lrc else { throw .t1CRCNotSupported }
                return .t1(ifsc: atr.ifsc)
            }
        }
    }

    /// True when the plan uses a protocol the reader's descriptor does not list.
    public static func protocolNotAdvertised(_ plan: CardExchangePlan, descriptor: CCIDClassDescriptor) -> Bool {
        switch plan {
        case .apdu: return false
        case .t0: return !descriptor.protocols.contains(.t0)
        case .t1: return !descriptor.protocols.contains(.t1)
        }
    }

    /// The protocol the card runs, when the host knows it (nil at APDU level).
    public var cardProtocol: ICCProtocol? {
        switch self {
        case .apdu: return nil
        case .t0: return .t0
        case .t1: return .t1
        }
    }

    /// `T=1 (TPDU, IFSC 254)`, `APDU (extended)`.
    public var description: String {
        switch self {
        case .apdu(let extended): return extended ? "APDU (extended)" : "APDU (short)"
        case .t1(let ifsc): return "T=1 (TPDU, IFSC \(ifsc))"
        case .t0: return "T=0 (TPDU)"
        }
    }
}
