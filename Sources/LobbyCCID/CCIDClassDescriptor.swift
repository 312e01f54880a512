/// The 54-byte CCID class descriptor (USB CCID 1.1, table 5.1-1) of a smart-card reader interface.
public struct CCIDClassDescriptor: Sendable, Hashable {
    /// Size of the descriptor.
    public static let length = 54
    /// bDescriptorType of the CCID functional descriptor.
    public static let descriptorType: UInt8 = 0x21

    /// bcdCCID, e.g. 0x0110 for 1.10.
    public var ccidRelease: UInt16
    /// bMaxSlotIndex (number of slots − 1).
    public var maximumSlotIndex: UInt8
    /// bVoltageSupport bits.
    public var voltageSupport: UInt8
    /// dwProtocols bits.
    public var protocolBits: UInt32
    /// dwDefaultClock in kHz.
    public var defaultClockKHz: UInt32
    /// dwMaximumClock in kHz.
    public var maximumClockKHz: UInt32
    /// bNumClockSupported.
    public var clockFrequencyCount: UInt8
    /// dwDataRate in bps.
    public var defaultDataRate: UInt32
    /// dwMaxDataRate in bps.
    public var maximumDataRate: UInt32
    /// bNumDataRatesSupported.
    public var dataRateCount: UInt8
    /// dwMaxIFSD for T=1.
    public var maximumIFSD: UInt32
    /// dwSynchProtocols.
    public var synchronousProtocols: UInt32
    /// dwMechanical.
    public var mechanical: UInt32
    /// dwFeatures.
    public var features: UInt32
    /// dwMaxCCIDMessageLength (header included).
    public var maximumMessageLength: UInt32
    /// bClassGetResponse.
    public var classGetResponse: UInt8
    /// bClassEnvelope.
    public var classEnvelope: UInt8
    /// wLcdLayout.
    public var lcdLayout: UInt16
    /// bPINSupport.
    public var pinSupport: UInt8
    /// bMaxCCIDBusySlots.
    public var maximumBusySlots: UInt8

    /// Decodes the descriptor; extra bytes after the 54 are ignored (they belong to the next descriptor).
    public init(bytes: [UInt8]) throws(CCIDDecodingError) {
        guard bytes.count >= Self.length else { throw .truncated(what: "CCID class descriptor", needed: Self.length, available: bytes.count) }
        guard bytes[0] == UInt8(Self.length) else { throw .invalidValue(what: "CCID class descriptor bLength", offset: 0, value: bytes[0]) }
        guard bytes[1] == Self.descriptorType else { throw .invalidValue(what: "CCID class descriptor bDescriptorType", offset: 1, value: bytes[1]) }
        ccidRelease = bytes.le16(at: 2)
        maximumSlotIndex = bytes[4]
        voltageSupport = bytes[5]
        protocolBits = bytes.le32(at: 6)
        defaultClockKHz = bytes.le32(at: 10)
        maximumClockKHz = bytes.le32(at: 14)
        clockFrequencyCount = bytes[18]
        defaultDataRate = bytes.le32(at: 19)
        maximumDataRate = bytes.le32(at: 23)
        dataRateCount = bytes[27]
        maximumIFSD = bytes.le32(at: 28)
        synchronousProtocols = bytes.le32(at: 32)
        mechanical = bytes.le32(at: 36)
        features = bytes.le32(at: 40)
        maximumMessageLength = bytes.le32(at: 44)
        classGetResponse = bytes[48]
        classEnvelope = bytes[49]
        lcdLayout = bytes.le16(at: 50)
        pinSupport = bytes[52]
        maximumBusySlots = bytes[53]
    }

    /// The level at which the host exchanges data with the card, from dwFeatures.
    public var exchangeLevel: CCIDExchangeLevel {
        if features & 0x0004_0000 != 0 { return .extendedAPDU }
        if features & 0x0002_0000 != 0 { return .shortAPDU }
        if features & 0x0001_0000 != 0 { return .tpdu }
        return .character
    }

    /// Number of slots.
    public var slotCount: Int { Int(maximumSlotIndex) + 1 }

    /// Card protocols the reader supports.
    public var protocols: [ICCProtocol] {
        var out: [ICCProtocol] = []
        if protocolBits & 1 != 0 { out.append(.t0) }
        if protocolBits & 2 != 0 { out.append(.t1) }
        return out
    }

    /// Card supply voltages the reader offers.
    public var voltages: [CCIDVoltage] {
        CCIDVoltage.allCases.filter { voltageSupport & $0.supportBit != 0 }
    }

    /// True when the reader does automatic PPS (feature 0x80 or 0x40).
    public var negotiatesPPSAutomatically: Bool { features & 0xC0 != 0 }

    /// True when the reader exchanges the IFSD itself as first T=1 exchange (feature 0x400).
    public var exchangesIFSDAutomatically: Bool { features & 0x400 != 0 }

    /// The largest APDU or TPDU payload one XfrBlock can carry (message length minus the 10-byte header).
    public var maximumPayload: Int { max(0, Int(maximumMessageLength) - CCIDHeader.length) }
}

/// How the host talks to the card through the reader (dwFeatures bits 16–18).
public enum CCIDExchangeLevel: String, Sendable, Hashable {
    /// Character level: the host does everything.
    case character
    /// TPDU level: the host runs T=0/T=1 itself.
    case tpdu
    /// Short APDU level: the reader runs the protocol; APDUs up to 261 bytes.
    case shortAPDU
    /// Short and extended APDU level.
    case extendedAPDU
}

/// Card transmission protocols.
public enum ICCProtocol: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Character protocol T=0.
    case t0 = 0
    /// Block protocol T=1.
    case t1 = 1

    /// Orders by protocol number.
    public static func < (lhs: ICCProtocol, rhs: ICCProtocol) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Card supply voltage classes.
public enum CCIDVoltage: String, Sendable, Hashable, CaseIterable {
    /// Class A, 5.0 V.
    case volts5_0 = "5.0V"
    /// Class B, 3.0 V.
    case volts3_0 = "3.0V"
    /// Class C, 1.8 V.
    case volts1_8 = "1.8V"

    /// bVoltageSupport bit.
    public var supportBit: UInt8 {
        switch self {
        case .volts5_0: return 1
        case .volts3_0: return 2
        case .volts1_8: return 4
        }
    }

    /// bPowerSelect value for IccPowerOn.
    public var powerSelect: UInt8 {
        switch self {
        case .volts5_0: return 1
        case .volts3_0: return 2
        case .volts1_8: return 3
        }
    }
}
