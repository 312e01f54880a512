import LobbyCCID
import LobbyMRZ

/// ICAO 9303-11 §9.8.6 secure messaging with 3DES session keys: wraps command APDUs (DO'87'/DO'85' encrypted
/// data, DO'97' Le, DO'8E' MAC) and unwraps responses (DO'87', DO'99' status, DO'8E'), counting with the
/// send sequence counter. A value type: each wrap and unwrap advances the counter.
public struct SecureMessagingSession: Sendable {
    /// KS_enc (16 bytes).
    public let sessionEncryptionKey: [UInt8]
    /// KS_mac (16 bytes).
    public let sessionMACKey: [UInt8]
    /// The send sequence counter: last 4 bytes of RND.IC ‖ last 4 bytes of RND.IFD, incremented before every MAC.
    public private(set) var sendSequenceCounter: UInt64
    private let cipher: TripleDES
    private let authenticator: RetailMAC

    /// A session from the key seed K_IFD ⊕ K_IC (KS_enc, KS_mac derived with counters 1 and 2).
    public init(seed: [UInt8], sendSequenceCounter: UInt64) throws(EMRTDCryptoError) {
        guard seed.count == 16 else { throw .keyLength(what: "session key seed", expected: [16], actual: seed.count) }
        try self.init(encryptionKey: BACKeySeed.derive(seed, counter: 1), macKey: BACKeySeed.derive(seed, counter: 2),
                      sendSequenceCounter: sendSequenceCounter)
    }

    /// A session from already derived keys.
    public init(encryptionKey: [UInt8], macKey: [UInt8], sendSequenceCounter: UInt64) throws(EMRTDCryptoError) {
        cipher = try TripleDES(key: encryptionKey)
        authenticator = try RetailMAC(key: macKey)
        sessionEncryptionKey = encryptionKey
        sessionMACKey = macKey
        self.sendSequenceCounter = sendSequenceCounter
    }

    /// The protected command: CLA with bits 0C, data `DO'87'/'85' ‖ DO'97' ‖ DO'8E'`, Le 256 (short) or 65,536.
    public mutating func wrap(_ command: CommandAPDU) throws(SecureMessagingError) -> CommandAPDU {
        let header = ISO9797Padding.pad([command.cla | 0x0C, command.ins, command.p1, command.p2])
        var objects: [UInt8] = []
        if !command.data.isEmpty {
            let encrypted: [UInt8]
            do { encrypted = try cipher.encryptCBC(ISO9797Padding.pad(command.data)) } catch { throw .decryption(error) }
            if command.ins & 1 == 0 {
                objects += Self.object(0x87, [0x01] + encrypted)
            } else {
                objects += Self.object(0x85, encrypted)
            }
        }
        if let le = command.le {
            switch le {
            case 256: objects += [0x97, 0x01, 0x00]
            case 1...255: objects += [0x97, 0x01, UInt8(le)]
            case 65_536: objects += [0x97, 0x02, 0x00, 0x00]
            default: objects += [0x97, 0x02, UInt8(le >> 8), UInt8(truncatingIfNeeded: le)]
            }
        }
        sendSequenceCounter &+= 1
        let mac = authenticator.authenticate(DES.bytes(sendSequenceCounter) + header + objects)
        let data = objects + [0x8E, 0x08] + mac
        guard data.count <= 65_535 else { throw .commandTooLong(command.data.count) }
        let extended = (command.le ?? 0) > 256 || data.count > 255
        return CommandAPDU(cla: command.cla | 0x0C, ins: command.ins, p1: command.p1, p2: command.p2, data: data,
                           le: extended ? 65_536 : 256)
    }

    /// The plain response inside a protected one: checks DO'8E' over the objects before it, DO'99' against the
    /// status word, decrypts DO'87' and removes its padding.
    public mutating func unwrap(_ bytes: [UInt8]) throws(SecureMessagingError) -> ResponseAPDU {
        sendSequenceCounter &+= 1
        guard bytes.count >= 2 else { throw .responseTooShort(bytes.count) }
        let plainStatus = StatusWord(bytes[bytes.count - 2], bytes[bytes.count - 1])
        let data = Array(bytes[0..<(bytes.count - 2)])
        if data.isEmpty { throw .unprotectedStatus(plainStatus) }
        var encrypted: [UInt8]?
        var protectedStatus: StatusWord?
        var checksum: (offset: Int, mac: [UInt8])?
        var offset = 0
        while offset < data.count {
            let start = offset
            guard checksum == nil else { throw .unexpectedObject(tag: data[start], offset: start) }
            let (tag, value, next) = try Self.readObject(data, at: offset)
            offset = next
            switch tag {
            case 0x87:
                guard encrypted == nil, protectedStatus == nil else { throw .unexpectedObject(tag: tag, offset: start) }
                guard let indicator = value.first else { throw .malformedObject(offset: start, reason: "DO 87 is empty") }
                guard indicator == 0x01 else { throw .paddingIndicator(indicator) }
                encrypted = Array(value.dropFirst())
            case 0x85:
                guard encrypted == nil, protectedStatus == nil else { throw .unexpectedObject(tag: tag, offset: start) }
                encrypted = value
            case 0x99:
                guard protectedStatus == nil else { throw .unexpectedObject(tag: tag, offset: start) }
                guard value.count == 2 else { throw .malformedObject(offset: start, reason: "DO 99 holds \(value.count) bytes, expected 2") }
                protectedStatus = StatusWord(value[0], value[1])
            case 0x8E:
                guard value.count == 8 else { throw .malformedObject(offset: start, reason: "DO 8E holds \(value.count) bytes, expected 8") }
                checksum = (start, value)
            default:
                throw .unexpectedObject(tag: tag, offset: start)
            }
        }
        guard let checksum else { throw .missingObject(tag: 0x8E) }
        guard let protectedStatus else { throw .missingObject(tag: 0x99) }
        guard authenticator.verify(checksum.mac, of: DES.bytes(sendSequenceCounter) + data[0..<checksum.offset]) else {
            throw .macMismatch
        }
        guard protectedStatus == plainStatus else { throw .statusMismatch(protected: protectedStatus, plain: plainStatus) }
        var plain: [UInt8] = []
        if let encrypted {
            do { plain = try ISO9797Padding.unpad(try cipher.decryptCBC(encrypted)) } catch { throw .decryption(error) }
        }
        return try! ResponseAPDU(bytes: plain + [protectedStatus.sw1, protectedStatus.sw2])
    }

    /// A one-byte-tag BER-TLV object with a definite length.
    static func object(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        let count = value.count
        let length: [UInt8]
        switch count {
        case 0..<0x80: length = [UInt8(count)]
        case 0x80..<0x100: length = [0x81, UInt8(count)]
        default: length = [0x82, UInt8(count >> 8), UInt8(truncatingIfNeeded: count)]
        }
        return [tag] + length + value
    }

    /// Reads one object (one-byte tag, definite length up to 82 xx xx) at `offset`.
    private static func readObject(_ data: [UInt8], at offset: Int) throws(SecureMessagingError) -> (UInt8, [UInt8], Int) {
        let tag = data[offset]
        var index = offset + 1
        guard index < data.count else { throw .malformedObject(offset: offset, reason: "tag without length") }
        var length = Int(data[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count == 1 || count == 2 else { throw .malformedObject(offset: offset, reason: "length form \(hexByte(UInt8(length)))") }
            guard index + count <= data.count else { throw .malformedObject(offset: offset, reason: "length bytes cut short") }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(data[index])
                index += 1
            }
        }
        guard length <= data.count - index else {
            throw .malformedObject(offset: offset, reason: "length \(length) exceeds the \(data.count - index) bytes left")
        }
        return (tag, Array(data[index..<(index + length)]), index + length)
    }
}
