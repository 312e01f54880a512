import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("BAC key seed (MRZ information; the keys are derived in LobbyEMRTD)", .tags(.unit))
struct BACKeySeedTests {
    @Test func icaoAppendixD2() throws {
        let seed = try BACKeySeed(documentNumber: "L898902C", birthDate: "690806", expiryDate: "940623")
        #expect(seed.mrzInformation == "L898902C<369080619406236")
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
