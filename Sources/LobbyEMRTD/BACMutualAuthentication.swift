import LobbyCCID

/// ICAO 9303-11 §9.8 BAC mutual authentication, terminal side, pure: the caller sends GET CHALLENGE, hands the
/// chip's RND.IC and its own random RND.IFD and K.IFD here, sends `externalAuthenticate`, and passes the chip's
/// answer to `complete`, which checks it and returns the secure-messaging session.
public struct BACMutualAuthentication: Sendable {
    /// GET CHALLENGE for 8 bytes: `00 84 00 00 08`.
    public static let getChallenge = CommandAPDU(ins: 0x84, p1: 0x00, p2: 0x00, le: 8)

    private let key: BACAccessKey
    private let cardChallenge: [UInt8]
    private let terminalNonce: [UInt8]
    private let terminalKeyMaterial: [UInt8]
    /// E.IFD ‖ M.IFD: the 40 bytes of EXTERNAL AUTHENTICATE.
    public let commandData: [UInt8]

    /// Prepares EXTERNAL AUTHENTICATE: S = RND.IFD ‖ RND.IC ‖ K.IFD, E.IFD = 3DES-CBC(K_enc, S), M.IFD = MAC(K_mac, E.IFD).
    public init(key: BACAccessKey, cardChallenge: [UInt8], terminalNonce: [UInt8], terminalKeyMaterial: [UInt8]) throws(BACError) {
        guard cardChallenge.count == 8 else { throw .challengeLength(cardChallenge.count) }
        guard terminalNonce.count == 8 else { throw .randomLength(what: "RND.IFD", expected: 8, actual: terminalNonce.count) }
        guard terminalKeyMaterial.count == 16 else { throw .randomLength(what: "K.IFD", expected: 16, actual: terminalKeyMaterial.count) }
        self.key = key
        self.cardChallenge = cardChallenge
        self.terminalNonce = terminalNonce
        self.terminalKeyMaterial = terminalKeyMaterial
        do {
            let encrypted = try TripleDES(key: key.encryptionKey).encryptCBC(terminalNonce + cardChallenge + terminalKeyMaterial)
            commandData = encrypted + (try RetailMAC(key: key.macKey).authenticate(encrypted))
        } catch {
            throw .crypto(error)
        }
    }

    /// EXTERNAL AUTHENTICATE: `00 82 00 00 28 <E.IFD ‖ M.IFD> 28`.
    public var externalAuthenticate: CommandAPDU {
        CommandAPDU(ins: 0x82, p1: 0x00, p2: 0x00, data: commandData, le: 40)
    }

    /// Checks the chip's answer (MAC, RND.IC and RND.IFD echoed) and derives KS_enc, KS_mac and the SSC.
    public func complete(response: ResponseAPDU) throws(BACError) -> SecureMessagingSession {
        guard response.status == .success else { throw .refused(response.status) }
        guard response.data.count == 40 else { throw .answerLength(response.data.count) }
        let cryptogram = Array(response.data[0..<32])
        let mac = Array(response.data[32..<40])
        let authenticator: RetailMAC
        let cipher: TripleDES
        do {
            authenticator = try RetailMAC(key: key.macKey)
            cipher = try TripleDES(key: key.encryptionKey)
        } catch {
            throw .crypto(error)
        }
        guard authenticator.verify(mac, of: cryptogram) else { throw .answerMACMismatch }
        let plain: [UInt8]
        do { plain = try cipher.decryptCBC(cryptogram) } catch { throw .crypto(error) }
        guard Array(plain[0..<8]) == cardChallenge else { throw .nonceMismatch(offset: 0) }
        guard Array(plain[8..<16]) == terminalNonce else { throw .nonceMismatch(offset: 8) }
        let cardKeyMaterial = Array(plain[16..<32])
        let seed = zip(terminalKeyMaterial, cardKeyMaterial).map { $0 ^ $1 }
        let counter = Array(cardChallenge[4..<8]) + Array(terminalNonce[4..<8])
        do {
            return try SecureMessagingSession(seed: seed, sendSequenceCounter: DES.word(counter, at: 0))
        } catch {
            throw .crypto(error)
        }
    }
}
