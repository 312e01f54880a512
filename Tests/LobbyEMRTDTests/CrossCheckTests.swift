import LobbyCCID
import LobbyTestSupport
import Testing
@testable import LobbyEMRTD

/// Vectors written by an independent implementation (Tests/Lab/emrtd_bac.py on pycryptodome; see Scripts/make-vectors.py).
@Suite(.tags(.unit))
struct CrossCheckTests {
    static let rows = VectorFile.rows("pycryptodome-cross-check.txt")

    @Test("the vector file holds every kind") func loaded() {
        for kind in ["tdes", "mac", "wrap", "unwrap"] { #expect(Self.rows.filter { $0[0] == kind }.count >= 12, "\(kind)") }
    }

    @Test("3DES-CBC (zero IV) both ways", arguments: rows.filter { $0[0] == "tdes" })
    func tripleDES(row: [String]) throws {
        let cipher = try TripleDES(key: Hex.bytes(row[1]))
        #expect(Hex.text(try cipher.encryptCBC(Hex.bytes(row[2]))) == row[3])
        #expect(Hex.text(try cipher.decryptCBC(Hex.bytes(row[3]))) == row[2])
    }

    @Test("retail MAC", arguments: rows.filter { $0[0] == "mac" })
    func retailMAC(row: [String]) throws {
        let mac = try RetailMAC(key: Hex.bytes(row[1]))
        #expect(Hex.text(mac.authenticate(Hex.bytes(row[2]))) == row[3])
        #expect(mac.verify(Hex.bytes(row[3]), of: Hex.bytes(row[2])))
    }

    @Test("wrap: DO'87'/'85', DO'97', DO'8E' as the Python terminal builds them", arguments: rows.filter { $0[0] == "wrap" })
    func wrap(row: [String]) throws {
        var session = try SecureMessagingSession(encryptionKey: Hex.bytes(row[1]), macKey: Hex.bytes(row[2]),
                                                 sendSequenceCounter: UInt64(row[3], radix: 16)!)
        let bytes = Hex.bytes(row[4])
        var command = CommandAPDU(cla: bytes[0], ins: bytes[1], p1: bytes[2], p2: bytes[3])
        let rest = Array(bytes.dropFirst(4))
        if rest.count == 1 {
            command.le = rest[0] == 0 ? 256 : Int(rest[0])
        } else if !rest.isEmpty {
            command.data = Array(rest[1...Int(rest[0])])
            if rest.count > Int(rest[0]) + 1 { command.le = rest.last! == 0 ? 256 : Int(rest.last!) }
        }
        #expect(Hex.text(try session.wrap(command).encoded()) == row[5])
    }

    @Test("unwrap: the Python card's protected responses", arguments: rows.filter { $0[0] == "unwrap" })
    func unwrap(row: [String]) throws {
        var session = try SecureMessagingSession(encryptionKey: Hex.bytes(row[1]), macKey: Hex.bytes(row[2]),
                                                 sendSequenceCounter: UInt64(row[3], radix: 16)!)
        let response = try session.unwrap(Hex.bytes(row[4]))
        #expect(Hex.text(response.data + [response.status.sw1, response.status.sw2]) == row[5])
    }
}
