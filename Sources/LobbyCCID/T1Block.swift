/// How T=1 blocks are protected (TC for T=1 in the ATR).
public enum T1ErrorDetection: String, Sendable, Hashable {
    /// One-byte longitudinal redundancy check (XOR), the default.
    case lrc
    /// Two-byte CRC (not implemented by `T1Session`).
    case crc
}

/// One ISO/IEC 7816-3 T=1 block: prologue (NAD, PCB, LEN), information field, LRC epilogue.
public struct T1Block: Sendable, Hashable {
    /// R-block error indication (PCB bits 4–1).
    public enum ReceiveError: UInt8, Sendable, Hashable {
        /// 0: acknowledgement, no error.
        case none = 0
        /// 1: EDC or parity error.
        case checksum = 1
        /// 2: other error.
        case other = 2
    }

    /// S-block types (PCB bits 5–1).
    public enum Supervisory: UInt8, Sendable, Hashable {
        /// RESYNCH.
        case resynch = 0
        /// IFS: information field size.
        case ifs = 1
        /// ABORT of a chain.
        case abort = 2
        /// WTX: waiting time extension.
        case waitingTimeExtension = 3
    }

    /// The three block kinds.
    public enum Kind: Sendable, Hashable {
        /// I-block: send sequence N(S) and the more-data (chaining) bit.
        case information(sequence: UInt8, more: Bool)
        /// R-block: N(R), the sequence of the I-block expected next, and an error indication.
        case receiveReady(sequence: UInt8, error: ReceiveError)
        /// S-block: request or response.
        case supervisory(Supervisory, response: Bool)
    }

    /// Node address byte.
    public var nad: UInt8
    /// Block kind.
    public var kind: Kind
    /// Information field (0–254 bytes).
    public var information: [UInt8]

    /// Creates a block.
    public init(nad: UInt8 = 0, kind: Kind, information: [UInt8] = []) {
        self.nad = nad
        self.kind = kind
        self.information = information
    }

    /// The protocol control byte.
    public var pcb: UInt8 {
        switch kind {
        case let .information(sequence, more): return (sequence & 1) << 6 | (more ? 0x20 : 0)
        case let .receiveReady(sequence, error): return 0x80 | (sequence & 1) << 4 | error.rawValue
        case let .supervisory(type, response): return 0xC0 | (response ? 0x20 : 0) | type.rawValue
        }
    }

    /// XOR of bytes (the LRC).
    public static func lrc<Bytes: Sequence>(_ bytes: Bytes) -> UInt8 where Bytes.Element == UInt8 { bytes.reduce(0, ^) }

    /// The block bytes with an LRC epilogue.
    public var encoded: [UInt8] {
        let body = [nad, pcb, UInt8(clamping: information.count)] + information
        return body + [Self.lrc(body)]
    }

    /// Decodes a block with an LRC epilogue; throws on truncation, length, checksum or PCB errors.
    public init(decoding bytes: [UInt8]) throws(CCIDDecodingError) {
        guard bytes.count >= 4 else { throw .truncated(what: "T=1 block", needed: 4, available: bytes.count) }
        let length = Int(bytes[2])
        guard length != 0xFF else { throw .invalidValue(what: "T=1 LEN", offset: 2, value: bytes[2]) }
        guard bytes.count == 4 + length else { throw .lengthMismatch(what: "T=1 block LEN", declared: length, actual: bytes.count - 4) }
        let expected = Self.lrc(bytes[0..<(3 + length)])
        guard expected == bytes[3 + length] else {
            throw .checksumMismatch(what: "T=1 LRC at byte offset \(3 + length)", expected: UInt16(expected), actual: UInt16(bytes[3 + length]))
        }
        nad = bytes[0]
        information = Array(bytes[3..<(3 + length)])
        let pcb = bytes[1]
        if pcb & 0x80 == 0 {
            guard pcb & 0x1F == 0 else { throw .invalidValue(what: "T=1 I-block PCB", offset: 1, value: pcb) }
            kind = .information(sequence: (pcb >> 6) & 1, more: pcb & 0x20 != 0)
        } else if pcb & 0x40 == 0 {
            guard pcb & 0x20 == 0, length == 0, let error = ReceiveError(rawValue: pcb & 0x0F) else {
                throw .invalidValue(what: "T=1 R-block PCB", offset: 1, value: pcb)
            }
            kind = .receiveReady(sequence: (pcb >> 4) & 1, error: error)
        } else {
            guard let type = Supervisory(rawValue: pcb & 0x1F) else { throw .invalidValue(what: "T=1 S-block PCB", offset: 1, value: pcb) }
            let needsByte = type == .ifs || type == .waitingTimeExtension
            guard length == (needsByte ? 1 : 0) else { throw .lengthMismatch(what: "T=1 S-block LEN", declared: needsByte ? 1 : 0, actual: length) }
            if type == .ifs, information[0] == 0 || information[0] == 0xFF {
                throw .invalidValue(what: "T=1 S(IFS) size", offset: 3, value: information[0])
            }
            kind = .supervisory(type, response: pcb & 0x20 != 0)
        }
    }
}
