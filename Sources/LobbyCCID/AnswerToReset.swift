/// An ISO/IEC 7816-3 Answer-to-Reset: TS, T0, interface byte groups, historical bytes, TCK.
///
/// Bytes from a CCID reader are already in direct order (TS 0x3B or 0x3F). A raw inverse-convention
/// capture (first byte 0x03) is converted first.
public struct AnswerToReset: Sendable, Hashable {
    /// One group of interface bytes TAi, TBi, TCi, TDi (i = 1, 2, …).
    public struct InterfaceGroup: Sendable, Hashable {
        /// TAi.
        public var ta: UInt8?
        /// TBi.
        public var tb: UInt8?
        /// TCi.
        public var tc: UInt8?
        /// TDi.
        public var td: UInt8?
        /// The protocol this group is qualified by (T of TD(i−1)); nil for group 1 (global).
        public var qualifyingProtocol: UInt8?
    }

    /// Bit order and polarity of the card's characters.
    public enum Convention: String, Sendable, Hashable {
        /// TS = 0x3B.
        case direct
        /// TS = 0x3F.
        case inverse
    }

    /// The ATR bytes in direct order.
    public let bytes: [UInt8]
    /// The convention.
    public let convention: Convention
    /// Interface byte groups, group 1 first.
    public let groups: [InterfaceGroup]
    /// Historical bytes.
    public let historicalBytes: [UInt8]
    /// TCK, when present.
    public let checkByte: UInt8?
    /// Protocol numbers indicated by the TDi bytes, in order (T=0 when there is no TD1); 15 excluded.
    public let indicatedProtocols: [UInt8]

    /// Parses an ATR; throws on truncation, bad TS, missing or wrong TCK, or trailing bytes; never traps.
    public init(bytes raw: [UInt8]) throws(CCIDDecodingError) {
        var bytes = raw
        if bytes.first == 0x03 { bytes = bytes.map(Self.inverseToDirect) }
        guard bytes.count >= 2 else { throw .truncated(what: "ATR", needed: 2, available: bytes.count) }
        switch bytes[0] {
        case 0x3B: convention = .direct
        case 0x3F: convention = .inverse
        default: throw .invalidValue(what: "ATR TS", offset: 0, value: bytes[0])
        }
        var offset = 2
        var indicator = bytes[1] >> 4
        let historicalCount = Int(bytes[1] & 0x0F)
        var groups: [InterfaceGroup] = []
        var protocols: [UInt8] = []
        var qualifying: UInt8? = nil
        func next(_ name: String) throws(CCIDDecodingError) -> UInt8 {
            guard offset < bytes.count else { throw .truncated(what: "ATR \(name)", needed: offset + 1, available: bytes.count) }
            defer { offset += 1 }
            return bytes[offset]
        }
        while true {
            let index = groups.count + 1
            var group = InterfaceGroup(qualifyingProtocol: qualifying)
            if indicator & 1 != 0 { group.ta = try next("TA\(index)") }
            if indicator & 2 != 0 { group.tb = try next("TB\(index)") }
            if indicator & 4 != 0 { group.tc = try next("TC\(index)") }
            if indicator & 8 != 0 {
                let td = try next("TD\(index)")
                group.td = td
                protocols.append(td & 0x0F)
                qualifying = td & 0x0F
                indicator = td >> 4
                groups.append(group)
            } else {
                groups.append(group)
                break
            }
        }
        guard offset + historicalCount <= bytes.count else {
            throw .truncated(what: "ATR historical bytes", needed: offset + historicalCount, available: bytes.count)
        }
        historicalBytes = Array(bytes[offset..<(offset + historicalCount)])
        offset += historicalCount
        let needsCheck = protocols.contains { $0 != 0 }
        var xor: UInt8 = 0
        if needsCheck {
            guard offset < bytes.count else { throw .truncated(what: "ATR TCK", needed: offset + 1, available: bytes.count) }
            for byte in bytes[1..<offset] { xor ^= byte }
            if xor != bytes[offset] {
                throw .checksumMismatch(what: "ATR TCK at byte offset \(offset)", expected: UInt16(xor), actual: UInt16(bytes[offset]))
            }
            checkByte = bytes[offset]
            offset += 1
        } else if offset + 1 == bytes.count {
            // T=0 only: TCK must be absent, but tolerate one that verifies.
            for byte in bytes[1..<offset] { xor ^= byte }
            guard xor == bytes[offset] else { throw .lengthMismatch(what: "ATR", declared: offset, actual: bytes.count) }
            checkByte = bytes[offset]
            offset += 1
        } else {
            checkByte = nil
        }
        guard offset == bytes.count else { throw .lengthMismatch(what: "ATR", declared: offset, actual: bytes.count) }
        self.bytes = bytes
        self.groups = groups
        self.indicatedProtocols = protocols.isEmpty ? [0] : protocols.filter { $0 != 15 }
    }

    /// Converts one byte received in inverse convention to its direct value (invert and reverse bits).
    static func inverseToDirect(_ byte: UInt8) -> UInt8 {
        var value = ~byte
        var out: UInt8 = 0
        for _ in 0..<8 {
            out = out << 1 | (value & 1)
            value >>= 1
        }
        return out
    }

    /// The transmission protocols this card offers that a CCID reader can run (T=0, T=1).
    public var offeredProtocols: [ICCProtocol] {
        var out: [ICCProtocol] = []
        for number in indicatedProtocols {
            if let known = ICCProtocol(rawValue: Int(number)), !out.contains(known) { out.append(known) }
        }
        return out
    }

    /// TA1 (Fi/Di), 0x11 when absent.
    public var fiDi: UInt8 { groups.first?.ta ?? 0x11 }

    /// Clock rate conversion factor Fi, nil for reserved values.
    public var clockRateConversion: Int? {
        let table = [372, 372, 558, 744, 1116, 1488, 1860, 0, 0, 512, 768, 1024, 1536, 2048, 0, 0]
        let value = table[Int(fiDi >> 4)]
        return value == 0 ? nil : value
    }

    /// Baud rate adjustment factor Di, nil for reserved values.
    public var bitRateAdjustment: Int? {
        let table = [0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0]
        let value = table[Int(fiDi & 0x0F)]
        return value == 0 ? nil : value
    }

    /// Extra guard time N (TC1), 0 when absent.
    public var extraGuardTime: UInt8 { groups.first?.tc ?? 0 }

    /// T=0 waiting integer WI (TC2 when TD1 indicates T=0), 10 when absent.
    public var waitingInteger: UInt8 {
        guard groups.count > 1, groups[1].qualifyingProtocol == 0, let tc = groups[1].tc, tc != 0 else { return 10 }
        return tc
    }

    /// True when TA2 is present: the card runs in specific mode (no PPS).
    public var isSpecificMode: Bool { groups.count > 1 && groups[1].ta != nil }

    private var firstT1Group: InterfaceGroup? {
        groups.dropFirst(2).first { $0.qualifyingProtocol == 1 }
    }

    /// T=1 information field size of the card (first TA for T=1, i ≥ 3), 32 when absent.
    public var ifsc: Int { Int(firstT1Group?.ta ?? 32) }

    /// T=1 block waiting integer (high nibble of the first TB for T=1), 4 when absent.
    public var blockWaitingInteger: UInt8 { firstT1Group?.tb.map { $0 >> 4 } ?? 4 }

    /// T=1 character waiting integer (low nibble of the first TB for T=1), 13 when absent.
    public var characterWaitingInteger: UInt8 { firstT1Group?.tb.map { $0 & 0x0F } ?? 13 }

    /// T=1 error detection code (first TC for T=1, bit 1: CRC), LRC when absent.
    public var errorDetection: T1ErrorDetection { (firstT1Group?.tc ?? 0) & 1 == 1 ? .crc : .lrc }

    /// SetParameters data for T=1 from this ATR.
    public var t1Parameters: CCIDProtocolParameters {
        .t1(findexDindex: fiDi, crcChecksum: errorDetection == .crc, inverseConvention: convention == .inverse,
            guardTime: extraGuardTime, blockWaitingInteger: blockWaitingInteger,
            characterWaitingInteger: characterWaitingInteger, clockStop: 0, ifsc: UInt8(clamping: ifsc), nad: 0)
    }

    /// SetParameters data for T=0 from this ATR.
    public var t0Parameters: CCIDProtocolParameters {
        .t0(findexDindex: fiDi, inverseConvention: convention == .inverse, guardTime: extraGuardTime,
            waitingInteger: waitingInteger, clockStop: 0)
    }
}
