import LobbyCCID
import LobbyMRZ
import LobbyTestSupport
import Testing
@testable import LobbyEMRTD

/// ICAO Doc 9303 Part 11 Appendix D, every published value: keys, mutual authentication, session keys,
/// send sequence counter, and the protected SELECT / READ BINARY exchange.
@Suite(.tags(.unit))
struct AppendixDTests {
    static let d = VectorFile.values("icao-9303-11-appendix-d.txt")
    static func bytes(_ name: String) -> [UInt8] { Hex.bytes(d[name] ?? "") }

    @Test("D.2: MRZ information, K_seed, K_enc, K_mac (parity adjusted)")
    func accessKeys() throws {
        #expect(Self.d.count == 29)
        let seed = try BACKeySeed(documentNumber: "L898902C", birthDate: "690806", expiryDate: "940623")
        #expect(seed.mrzInformation == Self.d["mrz_information"])
        #expect(Hex.text(seed.keySeed) == Self.d["k_seed"])
        let key = BACAccessKey(seed: seed)
        #expect(Hex.text(key.encryptionKey) == Self.d["k_enc"])
        #expect(Hex.text(key.macKey) == Self.d["k_mac"])
        for byte in key.encryptionKey + key.macKey { #expect(byte.nonzeroBitCount % 2 == 1, "odd parity") }
        #expect("\(key)" == "BAC access key (hidden)")
    }

    @Test("D.3: E.IFD, M.IFD, the EXTERNAL AUTHENTICATE APDU, the chip's answer, K_IC, session keys, SSC")
    func mutualAuthentication() throws {
        let key = try BACAccessKey(encryptionKey: Self.bytes("k_enc"), macKey: Self.bytes("k_mac"))
        #expect(Hex.text(try TripleDES(key: key.encryptionKey).encryptCBC(Self.bytes("s"))) == Self.d["e_ifd"])
        #expect(Hex.text(try RetailMAC(key: key.macKey).authenticate(Self.bytes("e_ifd"))) == Self.d["m_ifd"])
        let auth = try BACMutualAuthentication(key: key, cardChallenge: Self.bytes("rnd_ic"),
                                               terminalNonce: Self.bytes("rnd_ifd"), terminalKeyMaterial: Self.bytes("k_ifd"))
        #expect(Hex.text(try auth.externalAuthenticate.encoded()) == Self.d["external_authenticate"])
        #expect(Hex.text(try BACMutualAuthentication.getChallenge.encoded()) == "0084000008")
        let answer = Self.bytes("external_authenticate_response")
        let plain = try TripleDES(key: key.encryptionKey).decryptCBC(Array(answer[0..<32]))
        #expect(Hex.text(Array(plain[16..<32])) == Self.d["k_ic"])
        let session = try auth.complete(response: ResponseAPDU(bytes: answer))
        #expect(Hex.text(session.sessionEncryptionKey) == Self.d["ks_enc"])
        #expect(Hex.text(session.sessionMACKey) == Self.d["ks_mac"])
        #expect(String(format: "%016llX", session.sendSequenceCounter) == Self.d["ssc"])
        let seed = zip(Self.bytes("k_ifd"), Self.bytes("k_ic")).map { $0 ^ $1 }
        #expect(Hex.text(seed) == Self.d["session_seed"])
    }

    @Test("D.4: protected SELECT EF.COM and two READ BINARY, wrapped and unwrapped byte for byte")
    func secureMessaging() throws {
        var session = try SecureMessagingSession(encryptionKey: Self.bytes("ks_enc"), macKey: Self.bytes("ks_mac"),
                                                 sendSequenceCounter: UInt64(Self.d["ssc"]!, radix: 16)!)
        let commands: [CommandAPDU] = [.selectFile(id: LDS1.efCOM), .readBinary(offset: 0, length: 4), .readBinary(offset: 4, length: 0x12)]
        for (index, command) in commands.enumerated() {
            let number = index + 1
            #expect(Hex.text(try command.encoded()) == Self.d["command\(number)"])
            #expect(Hex.text(try session.wrap(command).encoded()) == Self.d["protected_command\(number)"], "command \(number)")
            let response = try session.unwrap(Self.bytes("protected_response\(number)"))
            #expect(Hex.text(response.data + [response.status.sw1, response.status.sw2]) == Self.d["response\(number)"], "response \(number)")
        }
        #expect(session.sendSequenceCounter == UInt64(Self.d["ssc"]!, radix: 16)! + 6)
    }

    @Test("the reader state machine sends Appendix D's GET CHALLENGE and EXTERNAL AUTHENTICATE, then protected SELECT EF.DG1")
    func readerUsesTheWorkedExample() throws {
        let key = try BACAccessKey(documentNumber: "L898902C", birthDate: "690806", expiryDate: "940623")
        var reader = EMRTDSecureReader(accessKey: key, terminalRandom: Self.bytes("rnd_ifd") + Self.bytes("k_ifd"))
        #expect(reader.start() == .send(.select(aid: LDS1.applicationID)))
        #expect(reader.handle(response: [0x90, 0x00]) == .send(BACMutualAuthentication.getChallenge))
        guard case .send(let external) = reader.handle(response: Self.bytes("rnd_ic") + [0x90, 0x00]) else {
            Issue.record("expected EXTERNAL AUTHENTICATE")
            return
        }
        #expect(Hex.text(try external.encoded()) == Self.d["external_authenticate"])
        guard case .send(let select) = reader.handle(response: Self.bytes("external_authenticate_response")) else {
            Issue.record("expected the protected SELECT")
            return
        }
        #expect(reader.isSecured)
        var mirror = try SecureMessagingSession(encryptionKey: Self.bytes("ks_enc"), macKey: Self.bytes("ks_mac"),
                                                sendSequenceCounter: UInt64(Self.d["ssc"]!, radix: 16)!)
        #expect(select == (try mirror.wrap(.selectFile(id: LDS1.efDG1))))
        #expect(Hex.text(try select.encoded()).hasPrefix("0CA4020C158709"))
    }
}
