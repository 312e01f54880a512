import LobbyCCID
import LobbyCard
import LobbyEMRTD

/// A test double of a BAC-protected eMRTD chip holding the SYNTHETIC MRZ of `SyntheticCard` (no real person):
/// GET CHALLENGE, EXTERNAL AUTHENTICATE (K.IC fixed), protected SELECT / READ BINARY; plain access gives 6982.
struct SyntheticBACCard: CardChannel {
    /// The chip's keys: from the synthetic MRZ (document AA1234567, born 010203, expires 340203).
    static let key = try! BACAccessKey(documentNumber: "AA1234567", birthDate: "010203", expiryDate: "340203")
    static let challenge: [UInt8] = [0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE]
    static let cardKeyMaterial: [UInt8] = Array(0x40..<0x50)

    let answerToReset = SyntheticCard().answerToReset
    /// Chip without BAC: GET CHALLENGE is not supported (6D00) and DG1 is readable in plain mode.
    var withoutBAC = false
    /// Spoil the MAC of the n-th protected response.
    var corruptMACAt: Int?
    /// Fail the n-th command with this error (card pulled).
    var failure: (at: Int, error: CardReaderError)?
    /// Commands received, as sent (protected ones wrapped).
    var commands: [CommandAPDU] = []
    private var challenged = false
    private var session: (enc: TripleDES, mac: RetailMAC, counter: UInt64)?
    private var selected = false
    private var file: [UInt8]?
    private var protectedResponses = 0

    mutating func transmit(_ command: CommandAPDU) throws(CardReaderError) -> ResponseAPDU {
        commands.append(command)
        if let failure, failure.at == commands.count { throw failure.error }
        return try! ResponseAPDU(bytes: answer(command))
    }

    private mutating func answer(_ command: CommandAPDU) -> [UInt8] {
        if command.cla & 0x0C == 0x0C {
            guard session != nil, let (plain, le) = unwrap(command) else { session = nil; return [0x69, 0x88] }
            let (data, status) = process(plain, le: le, secured: true)
            return wrap(data, status)
        }
        switch command.ins {
        case 0x84 where !withoutBAC:
            challenged = true
            return Self.challenge + [0x90, 0x00]
        case 0x82 where !withoutBAC:
            return authenticate(command.data)
        default:
            let (data, status) = process(command, le: command.le, secured: false)
            return data + status
        }
    }

    private mutating func authenticate(_ data: [UInt8]) -> [UInt8] {
        let enc = try! TripleDES(key: Self.key.encryptionKey), mac = try! RetailMAC(key: Self.key.macKey)
        guard challenged, data.count == 40, mac.verify(Array(data[32...]), of: Array(data[..<32])) else { return [0x63, 0x00] }
        let plain = try! enc.decryptCBC(Array(data[..<32]))
        guard Array(plain[8..<16]) == Self.challenge else { return [0x63, 0x00] }
        let terminalNonce = Array(plain[0..<8]), terminalKey = Array(plain[16..<32])
        let cryptogram = try! enc.encryptCBC(Self.challenge + terminalNonce + Self.cardKeyMaterial)
        let seed = zip(terminalKey, Self.cardKeyMaterial).map { $0 ^ $1 }
        let counterBytes = Array(Self.challenge[4...]) + Array(terminalNonce[4...])
        let counter = counterBytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let keys = try! SecureMessagingSession(seed: seed, sendSequenceCounter: counter)
        session = (try! TripleDES(key: keys.sessionEncryptionKey), try! RetailMAC(key: keys.sessionMACKey), counter)
        return cryptogram + mac.authenticate(cryptogram) + [0x90, 0x00]
    }

    private mutating func unwrap(_ command: CommandAPDU) -> (CommandAPDU, Int?)? {
        guard var current = session, command.data.count >= 10 else { return nil }
        current.counter &+= 1
        session = current
        let body = command.data
        let macStart = body.count - 10
        guard body[macStart] == 0x8E, body[macStart + 1] == 8 else { return nil }
        let header = ISO9797Padding.pad([command.cla, command.ins, command.p1, command.p2])
        guard current.mac.verify(Array(body[(macStart + 2)...]), of: bytes(current.counter) + header + body[..<macStart]) else { return nil }
        var plain = CommandAPDU(ins: command.ins, p1: command.p1, p2: command.p2)
        var le: Int?
        var index = 0
        while index < macStart {
            let tag = body[index], length = Int(body[index + 1])
            let value = Array(body[(index + 2)..<(index + 2 + length)])
            if tag == 0x87 { plain.data = (try? ISO9797Padding.unpad(try current.enc.decryptCBC(Array(value.dropFirst())))) ?? [] }
            if tag == 0x97 { le = value == [0] ? 256 : Int(value[0]) }
            index += 2 + length
        }
        return (plain, le)
    }

    private mutating func wrap(_ data: [UInt8], _ status: [UInt8]) -> [UInt8] {
        guard var current = session else { return status }
        current.counter &+= 1
        session = current
        protectedResponses += 1
        var objects: [UInt8] = []
        if !data.isEmpty {
            let encrypted = try! current.enc.encryptCBC(ISO9797Padding.pad(data))
            objects += [0x87] + (encrypted.count + 1 < 0x80 ? [UInt8(encrypted.count + 1)] : [0x81, UInt8(encrypted.count + 1)]) + [0x01] + encrypted
        }
        objects += [0x99, 0x02] + status
        var mac = current.mac.authenticate(bytes(current.counter) + objects)
        if protectedResponses == corruptMACAt { mac[0] ^= 0xFF }
        return objects + [0x8E, 0x08] + mac + status
    }

    private mutating func process(_ command: CommandAPDU, le: Int?, secured: Bool) -> ([UInt8], [UInt8]) {
        switch (command.ins, command.p1) {
        case (0xA4, 0x04):
            selected = command.data == LDS1.applicationID
            return ([], selected ? [0x90, 0x00] : [0x6A, 0x82])
        case (0xA4, 0x02):
            guard secured || withoutBAC else { return ([], [0x69, 0x82]) }
            guard selected, command.data == [0x01, 0x01] else { return ([], [0x6A, 0x82]) }
            file = SyntheticCard.dg1
            return ([], [0x90, 0x00])
        case (0xB0, _):
            guard secured || withoutBAC else { return ([], [0x69, 0x82]) }
            guard let file else { return ([], [0x69, 0x86]) }
            let offset = Int(command.p1) << 8 | Int(command.p2)
            let chunk = Array(file[min(offset, file.count)..<min(offset + (le ?? 256), file.count)])
            return (chunk, chunk.count == le ? [0x90, 0x00] : [0x62, 0x82])
        default:
            return ([], [0x6D, 0x00])
        }
    }

    private func bytes(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) } }
}
