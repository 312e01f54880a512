import LobbyCCID
import LobbyTestSupport
import Testing
@testable import LobbyEMRTD

/// Typed errors of the mutual authentication and of unwrapping protected responses.
@Suite(.tags(.unit))
struct SecureMessagingErrorTests {
    static let d = AppendixDTests.d
    static let ssc = UInt64(d["ssc"]!, radix: 16)!

    /// Appendix D's session after the SELECT exchange: the next response is protected_response2 (SSC + 4 after unwrap).
    static func sessionBeforeResponse2() throws -> SecureMessagingSession {
        try SecureMessagingSession(encryptionKey: AppendixDTests.bytes("ks_enc"), macKey: AppendixDTests.bytes("ks_mac"), sendSequenceCounter: ssc + 3)
    }

    /// A response protected the way a chip does it (for counter `ssc + 4`), from raw objects before DO'8E'.
    static func protected(_ objects: [UInt8], status: [UInt8] = [0x90, 0x00]) throws -> [UInt8] {
        let mac = try RetailMAC(key: AppendixDTests.bytes("ks_mac")).authenticate(DES.bytes(ssc + 4) + objects)
        return objects + [0x8E, 0x08] + mac + status
    }

    static func encrypted(_ plain: [UInt8]) throws -> [UInt8] {
        try TripleDES(key: AppendixDTests.bytes("ks_enc")).encryptCBC(plain)
    }

    @Test("the published response unwraps (control case)")
    func control() throws {
        var session = try Self.sessionBeforeResponse2()
        #expect(try session.unwrap(AppendixDTests.bytes("protected_response2")).data == [0x60, 0x14, 0x5F, 0x01])
        var again = try Self.sessionBeforeResponse2()
        #expect(try again.unwrap(try Self.protected([0x99, 0x02, 0x90, 0x00])).data.isEmpty)
    }

    @Test("unwrap errors: each names what is wrong")
    func unwrapErrors() throws {
        let good = AppendixDTests.bytes("protected_response2")
        var flipped = good
        flipped[5] ^= 0x01
        var wrongStatus = good
        wrongStatus[wrongStatus.count - 1] = 0x82
        wrongStatus[wrongStatus.count - 2] = 0x62
        let cases: [([UInt8], SecureMessagingError)] = [
            ([0x90], .responseTooShort(1)),
            ([0x69, 0x82], .unprotectedStatus(StatusWord(0x6982))),
            (flipped, .macMismatch),
            (wrongStatus, .statusMismatch(protected: StatusWord(0x9000), plain: StatusWord(0x6282))),
            (Array(good[0..<15]) + [0x90, 0x00], .missingObject(tag: 0x8E)),
            (try Self.protected([0x87, 0x09, 0x01] + Self.encrypted([0x60, 0x14, 0x5F, 0x01, 0x80, 0, 0, 0])), .missingObject(tag: 0x99)),
            (try Self.protected([0x87, 0x09, 0x01] + Self.encrypted([0x60, 0x14, 0x5F, 0x01, 0x00, 0, 0, 0]) + [0x99, 0x02, 0x90, 0x00]),
             .decryption(.badPadding(offset: 3))),
            (try Self.protected([0x87, 0x09, 0x02] + Self.encrypted([0x60, 0x14, 0x5F, 0x01, 0x80, 0, 0, 0]) + [0x99, 0x02, 0x90, 0x00]),
             .paddingIndicator(0x02)),
            (try Self.protected([0x87, 0x08, 0x01] + Array(Self.encrypted([1, 2, 3, 0x80, 0, 0, 0, 0]).prefix(7)) + [0x99, 0x02, 0x90, 0x00]),
             .decryption(.notBlockAligned(what: "3DES ciphertext", count: 7))),
            ([0x87, 0x20, 0x01, 0x02, 0x90, 0x00], .malformedObject(offset: 0, reason: "length 32 exceeds the 2 bytes left")),
            ([0x99, 0x83, 0x00, 0x00, 0x02, 0x90, 0x00], .malformedObject(offset: 0, reason: "length form 83")),
            ([0x53, 0x01, 0x00, 0x90, 0x00], .unexpectedObject(tag: 0x53, offset: 0)),
            ([0x99, 0x02, 0x90, 0x00, 0x99, 0x02, 0x90, 0x00, 0x90, 0x00], .unexpectedObject(tag: 0x99, offset: 4)),
            ([0x99, 0x01, 0x90, 0x90, 0x00], .malformedObject(offset: 0, reason: "DO 99 holds 1 bytes, expected 2")),
        ]
        for (bytes, expected) in cases {
            var session = try Self.sessionBeforeResponse2()
            #expect(throws: expected, "\(expected)") { try session.unwrap(bytes) }
        }
    }

    @Test("a wrong counter (a replayed or skipped response) fails the MAC")
    func counter() throws {
        var session = try SecureMessagingSession(encryptionKey: AppendixDTests.bytes("ks_enc"), macKey: AppendixDTests.bytes("ks_mac"),
                                                 sendSequenceCounter: Self.ssc + 4)
        #expect(throws: SecureMessagingError.macMismatch) { try session.unwrap(AppendixDTests.bytes("protected_response2")) }
    }

    @Test("BAC errors: refused, short challenge, wrong answer length, answer MAC, nonce not echoed")
    func authenticationErrors() throws {
        let key = try BACAccessKey(encryptionKey: AppendixDTests.bytes("k_enc"), macKey: AppendixDTests.bytes("k_mac"))
        let rndIC = AppendixDTests.bytes("rnd_ic"), rndIFD = AppendixDTests.bytes("rnd_ifd"), kIFD = AppendixDTests.bytes("k_ifd")
        #expect(throws: BACError.challengeLength(7)) {
            try BACMutualAuthentication(key: key, cardChallenge: Array(rndIC.prefix(7)), terminalNonce: rndIFD, terminalKeyMaterial: kIFD)
        }
        #expect(throws: BACError.randomLength(what: "K.IFD", expected: 16, actual: 8)) {
            try BACMutualAuthentication(key: key, cardChallenge: rndIC, terminalNonce: rndIFD, terminalKeyMaterial: Array(kIFD.prefix(8)))
        }
        let auth = try BACMutualAuthentication(key: key, cardChallenge: rndIC, terminalNonce: rndIFD, terminalKeyMaterial: kIFD)
        #expect(throws: BACError.refused(StatusWord(0x6300))) { try auth.complete(response: ResponseAPDU(bytes: [0x63, 0x00])) }
        let answer = AppendixDTests.bytes("external_authenticate_response")
        #expect(throws: BACError.answerLength(39)) { try auth.complete(response: ResponseAPDU(bytes: Array(answer.dropFirst()))) }
        var tampered = answer
        tampered[3] ^= 0x40
        #expect(throws: BACError.answerMACMismatch) { try auth.complete(response: ResponseAPDU(bytes: tampered)) }
        let kIC = AppendixDTests.bytes("k_ic")
        for (offset, plain) in [(8, rndIC + Array(repeating: 0x11, count: 8) + kIC), (0, Array(repeating: 0x22, count: 8) + rndIFD + kIC)] {
            let cryptogram = try TripleDES(key: key.encryptionKey).encryptCBC(plain)
            let forged = cryptogram + (try RetailMAC(key: key.macKey).authenticate(cryptogram)) + [0x90, 0x00]
            #expect(throws: BACError.nonceMismatch(offset: offset)) { try auth.complete(response: ResponseAPDU(bytes: forged)) }
        }
        // Keys from another MRZ: the card's answer fails the MAC check.
        let other = try BACAccessKey(documentNumber: "L898902C", birthDate: "690806", expiryDate: "940624")
        let wrong = try BACMutualAuthentication(key: other, cardChallenge: rndIC, terminalNonce: rndIFD, terminalKeyMaterial: kIFD)
        #expect(throws: BACError.answerMACMismatch) { try wrong.complete(response: ResponseAPDU(bytes: answer)) }
    }
}
