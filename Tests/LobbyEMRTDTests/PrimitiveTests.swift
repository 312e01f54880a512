import LobbyCrypto
import LobbyMRZ
import LobbyTestSupport
import Testing
@testable import LobbyEMRTD

/// DES, 3DES, padding method 2, retail MAC and SHA-1 (all from libcrypto) against published vectors.
@Suite(.tags(.unit))
struct PrimitiveTests {
    static let desRows = VectorFile.rows("des-nist.txt")
    static let sha1Rows = VectorFile.rows("sha1-nist.txt")

    @Test("the vector files are present") func vectorsLoaded() {
        #expect(Self.desRows.count == 11)
        #expect(Self.sha1Rows.count == 4)
    }

    @Test("DES ECB: NIST SP 800-20 and FIPS 81 known answers, both directions", arguments: desRows.filter { $0[0] == "ecb" })
    func desECB(row: [String]) throws {
        let cipher = try DES(key: Hex.bytes(row[1]))
        #expect(Hex.text(cipher.encrypt(Hex.bytes(row[2]))) == row[3])
        #expect(Hex.text(cipher.decrypt(Hex.bytes(row[3]))) == row[2])
    }

    @Test("3DES with K1 = K2 is single DES: FIPS 81 CBC example", arguments: desRows.filter { $0[0] == "cbc" })
    func tripleDESDegeneratesToDES(row: [String]) throws {
        let key = Hex.bytes(row[1])
        let cipher = try TripleDES(key: key + key)
        let iv = DES.word(Hex.bytes(row[2]), at: 0)
        #expect(Hex.text(try cipher.encryptCBC(Hex.bytes(row[3]), iv: iv)) == row[4])
        #expect(Hex.text(try cipher.decryptCBC(Hex.bytes(row[4]), iv: iv)) == row[3])
    }

    @Test("SHA-1 (libcrypto) on the FIPS 180 examples", arguments: sha1Rows)
    func sha1Digest(row: [String]) {
        let message: [UInt8]
        switch row[0] {
        case "text": message = Array(row[1].utf8)
        case "repeat": message = Array(repeating: Array(row[2].utf8)[0], count: Int(row[1])!)
        default: message = []
        }
        #expect(Hex.text(SHA1.hash(message)) == row.last)
    }

    @Test("DES through libcrypto needs no legacy provider: single DES runs as EDE with K1 = K2", arguments: desRows.filter { $0[0] == "ecb" })
    func singleDESAsEDE(row: [String]) throws {
        let key = Hex.bytes(row[1])
        let single = try DESCipher(key: key), ede = try DESCipher(key: key + key)
        #expect(Hex.text(try single.encrypt(Hex.bytes(row[2]))) == row[3])
        #expect(Hex.text(try ede.encrypt(Hex.bytes(row[2]))) == row[3])
        #expect(Hex.text(try single.decrypt(Hex.bytes(row[3]), mode: .cbc(iv: [0, 0, 0, 0, 0, 0, 0, 0]))) == row[2])
    }

    @Test("libcrypto's DES refuses a wrong key, initial value or block length with a typed error")
    func libraryLengths() throws {
        #expect(throws: CryptoError.keyLength(algorithm: "DES", expected: [8, 16, 24], actual: 12)) { try DESCipher(key: Array(repeating: 1, count: 12)) }
        let cipher = try DESCipher(key: Array(repeating: 1, count: 16))
        #expect(throws: CryptoError.notBlockAligned(algorithm: "DES", count: 7, block: 8)) { try cipher.encrypt(Array(repeating: 0, count: 7)) }
        #expect(throws: CryptoError.keyLength(algorithm: "DES-CBC initial value", expected: [8], actual: 4)) {
            try cipher.encrypt(Array(repeating: 0, count: 8), mode: .cbc(iv: [0, 0, 0, 0]))
        }
        #expect(try cipher.encrypt([]) == [])
    }

    @Test("padding method 2: 80 then zeros, always at least one byte; unpad refuses broken padding")
    func padding() throws {
        #expect(ISO9797Padding.pad([]) == [0x80, 0, 0, 0, 0, 0, 0, 0])
        #expect(ISO9797Padding.pad([1, 2, 3, 4, 5, 6, 7]) == [1, 2, 3, 4, 5, 6, 7, 0x80])
        #expect(ISO9797Padding.pad(Array(repeating: 9, count: 8)).count == 16)
        for length in 0..<20 {
            let data = (0..<length).map { UInt8($0 + 1) }
            #expect(try ISO9797Padding.unpad(ISO9797Padding.pad(data)) == data)
        }
        #expect(throws: EMRTDCryptoError.badPadding(offset: 0)) { try ISO9797Padding.unpad([0, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(throws: EMRTDCryptoError.badPadding(offset: 7)) { try ISO9797Padding.unpad([1, 2, 3, 4, 5, 6, 7, 0x81]) }
        #expect(throws: EMRTDCryptoError.badPadding(offset: 15)) { try ISO9797Padding.unpad([0x80] + Array(repeating: 0, count: 7) + [0, 0, 0, 0, 0, 0, 0, 0x01]) }
        #expect(throws: EMRTDCryptoError.notBlockAligned(what: "padded data", count: 7)) { try ISO9797Padding.unpad([1, 2, 3, 4, 5, 6, 0x80]) }
    }

    @Test("wrong key and block lengths are typed errors")
    func lengths() {
        #expect(throws: EMRTDCryptoError.keyLength(what: "DES key", expected: [8], actual: 7)) { try DES(key: [1, 2, 3, 4, 5, 6, 7]) }
        #expect(throws: EMRTDCryptoError.keyLength(what: "3DES key", expected: [16, 24], actual: 8)) { try TripleDES(key: Array(repeating: 1, count: 8)) }
        #expect(throws: EMRTDCryptoError.keyLength(what: "retail MAC key", expected: [16], actual: 24)) { try RetailMAC(key: Array(repeating: 1, count: 24)) }
        #expect(throws: EMRTDCryptoError.notBlockAligned(what: "3DES plaintext", count: 9)) {
            try TripleDES(key: Array(repeating: 1, count: 16)).encryptCBC(Array(repeating: 0, count: 9))
        }
    }
}
