import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("BAC key seed and SHA-1", .tags(.unit))
struct BACKeySeedTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { let s = String($0, radix: 16, uppercase: true); return s.count == 1 ? "0" + s : s }.joined()
    }

    @Test(arguments: [
        ("", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709"),
        ("abc", "A9993E364706816ABA3E25717850C26C9CD0D89D"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983E441C3BD26EBAAE4AA1F95129E5E54670F1"),
    ])
    func sha1Vectors(input: String, digest: String) {
        #expect(Self.hex(SHA1.hash(Array(input.utf8))) == digest)
    }

    @Test func sha1MillionA() {
        var sha = SHA1()
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { sha.update(block) }
        #expect(Self.hex(sha.finalize()) == "34AA973CD4C4DAA4F61EEB2BDBAD27316534016F")
    }

    @Test func icaoAppendixD2() throws {
        let seed = try BACKeySeed(documentNumber: "L898902C", birthDate: "690806", expiryDate: "940623")
        #expect(seed.mrzInformation == "L898902C<369080619406236")
        #expect(Self.hex(SHA1.hash(Array(seed.mrzInformation.utf8))).hasPrefix("239AB9CB282DAF66231DC5A4DF6BFBAE"))
        #expect(Self.hex(seed.keySeed) == "239AB9CB282DAF66231DC5A4DF6BFBAE")
        #expect(Self.hex(seed.encryptionKey) == "AB94FDECF2674FDFB9B391F85D7F76F2")
        #expect(Self.hex(seed.macKey) == "7962D9ECE03D1ACD4C76089DCE131543")
    }

    @Test func seedFromParsedDocumentWithLifetimeExpiry() throws {
        let fields = try #require(MRZParser.parse(MRZAzerbaijaniTests.oldLifetime.joined(separator: "\n")).fields)
        let seed = try BACKeySeed(fields: fields)
        // Number, its check, birth date, its check, `<<<<<<` and check 0 — all as printed in line 2.
        #expect(seed.mrzInformation == "12345678<8" + "8503150" + "<<<<<<0")
    }

    @Test func seedRejectsBadFields() {
        #expect(throws: BACKeySeed.Problem.invalidField(.birthDate, "6908")) {
            try BACKeySeed(documentNumber: "L898902C", birthDate: "6908", expiryDate: nil)
        }
        #expect(throws: BACKeySeed.Problem.invalidField(.documentNumber, "l898")) {
            try BACKeySeed(documentNumber: "l898", birthDate: "690806", expiryDate: nil)
        }
    }
}
