/// An interrupt-IN message: slot changes or a hardware error (CCID 1.1 §6.3).
public enum CCIDInterruptMessage: Sendable, Hashable {
    /// RDR_to_PC_NotifySlotChange (0x50): per slot, card present and whether it changed.
    case slotChange([SlotChange])
    /// RDR_to_PC_HardwareError (0x51).
    case hardwareError(slot: UInt8, sequence: UInt8, code: UInt8)

    /// One slot's state in NotifySlotChange.
    public struct SlotChange: Sendable, Hashable {
        /// Slot index.
        public var slot: Int
        /// A card is present.
        public var cardPresent: Bool
        /// The state changed since the last notification.
        public var changed: Bool
    }

    /// Decodes an interrupt message; `slotCount` limits how many slots a NotifySlotChange reports.
    public init(decoding bytes: [UInt8], slotCount: Int) throws(CCIDDecodingError) {
        guard let type = bytes.first else { throw .truncated(what: "CCID interrupt message", needed: 1, available: 0) }
        switch type {
        case 0x50:
            let slots = max(1, min(slotCount, 256))
            let needed = 1 + (slots + 3) / 4
            guard bytes.count >= needed else { throw .truncated(what: "NotifySlotChange", needed: needed, available: bytes.count) }
            var changes: [SlotChange] = []
            for slot in 0..<slots {
                let bits = bytes[1 + slot / 4] >> UInt8((slot % 4) * 2)
                changes.append(SlotChange(slot: slot, cardPresent: bits & 1 != 0, changed: bits & 2 != 0))
            }
            self = .slotChange(changes)
        case 0x51:
            guard bytes.count >= 4 else { throw .truncated(what: "HardwareError", needed: 4, available: bytes.count) }
            self = .hardwareError(slot: bytes[1], sequence: bytes[2], code: bytes[3])
        default:
            throw .unknownMessageType(type)
        }
    }
}
