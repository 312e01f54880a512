import LobbyTestSupport
import Testing
import LobbyMRZ
@testable import LobbyCCID

@Suite("APDUs, status words, DG1", .tags(.unit))
struct APDUTests {
    @Test func encodings() throws {
        #expect(try CommandAPDU.select(aid: LDS1.applicationID).encoded() == [0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01])
        #expect(try CommandAPDU.selectFile(id: LDS1.efDG1).encoded() == [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x01, 0x01])
        #expect(try CommandAPDU.readBinary(offset: 0x0123, length: 4).encoded() == [0x00, 0xB0, 0x01, 0x23, 0x04])
        #expect(try CommandAPDU.readBinary(shortFileID: 1, offset: 0, length: 256).encoded() == [0x00, 0xB0, 0x81, 0x00, 0x00])
        #expect(try CommandAPDU.readBinary(offset: 0, length: 65_536).encoded() == [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00])
        #expect(try CommandAPDU.readBinary(offset: 0, length: 300).encoded() == [0x00, 0xB0, 0x00, 0x00, 0x00, 0x01, 0x2C])
        #expect(try CommandAPDU.readBinary(offset: 0, length: 4).encoded(extended: true) == [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x04])
        let long = CommandAPDU(ins: 0xD6, p1: 0, p2: 0, data: [UInt8](repeating: 0xAB, count: 300), le: 2)
        #expect(try long.encoded() == [0x00, 0xD6, 0x00, 0x00, 0x00, 0x01, 0x2C] + [UInt8](repeating: 0xAB, count: 300) + [0x00, 0x02])
        #expect(throws: APDUError.needsExtendedLength) { try long.encoded(extended: false) }
        #expect(throws: APDUError.invalidLe(0)) { try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, le: 0).encoded() }
        #expect(try CommandAPDU(ins: 0xB0, p1: 0, p2: 0, data: [1], le: 256).encoded() == [0x00, 0xB0, 0x00, 0x00, 0x01, 0x01, 0x00])
    }

    @Test(arguments: [
        (UInt16(0x9000), "success"), (0x6110, "success, 16 more bytes available (GET RESPONSE)"),
        (0x6C08, "wrong Le; exact length is 8"), (0x6A82, "file or application not found"),
        (0x6982, "security status not satisfied (access control such as BAC/PACE needed)"),
        (0x63C2, "warning: verification failed, 2 tries left"), (0x6F00, "no precise diagnosis"), (0x9101, "status 9101"),
    ])
    func statusWordNames(value: UInt16, name: String) {
        #expect(StatusWord(value).name == name)
    }

    @Test func responses() throws {
        let response = try ResponseAPDU(bytes: [0x01, 0x61, 0x00])
        #expect(response.data == [0x01])
        #expect(response.status.bytesAvailable == 256)
        #expect(response.status.isSuccess)
        #expect(throws: APDUError.responseTooShort(1)) { try ResponseAPDU(bytes: [0x90]) }
    }

    /// DG1 of the ICAO TD3 specimen: 61 5B 5F1F 58 + 88 MRZ characters.
    static let specimenMRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"
    static var dg1: [UInt8] { [0x61, 0x5B, 0x5F, 0x1F, 0x58] + Array(specimenMRZ.utf8) }

    @Test func dg1YieldsAValidMRZ() throws {
        let mrz = try LDS1.mrz(fromDG1: Self.dg1)
        #expect(mrz == Self.specimenMRZ)
        #expect(MRZParser.parse(mrz).isValid)
        #expect(throws: CCIDDecodingError.truncated(what: "BER-TLV value of tag 61", needed: 93, available: 50)) {
            try LDS1.mrz(fromDG1: Array(Self.dg1.prefix(50)))
        }
        #expect(throws: CCIDDecodingError.invalidValue(what: "DG1 template tag (expected 61)", offset: 0, value: 0x60)) {
            try LDS1.mrz(fromDG1: [0x60, 0x00])
        }
    }

    @Test func berLengthForms() throws {
        let long = try BERTLV(parsing: [0x5F, 0x1F, 0x81, 0x02, 0xAA, 0xBB])
        #expect(long.tag == 0x5F1F && long.value == [0xAA, 0xBB] && long.headerLength == 4)
        #expect(try BERTLV.header(in: [0x61, 0x82, 0x01, 0x00]).valueLength == 256)
        #expect(throws: CCIDDecodingError.invalidValue(what: "BER-TLV length", offset: 1, value: 0x80)) { try BERTLV(parsing: [0x61, 0x80]) }
    }
}
