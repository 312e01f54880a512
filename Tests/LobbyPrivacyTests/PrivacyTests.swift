import LobbyCrypto
import LobbyPrivacy
import LobbyTestSupport
import Testing

@Suite("Keyed hashes of personal numbers", .tags(.unit))
struct PrivacyTests {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }

    @Test("SHA-256 test vectors (FIPS 180-4 examples)")
    func sha256() {
        #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("HMAC-SHA-256: RFC 4231 case 6 (a key longer than the block) and the empty key and message")
    func hmacEdges() {
        #expect(hex(HMACSHA256.code(key: [UInt8](repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect(hex(HMACSHA256.code(key: [], message: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("HMAC-SHA-256 test vectors (RFC 4231 cases 1 and 2)")
    func hmac() {
        #expect(hex(HMACSHA256.code(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(hex(HMACSHA256.code(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("a person key is stable for one key, different under another, and never contains the number")
    func personKeys() throws {
        let a = try PersonKeyring(hexKey: String(repeating: "ab", count: 32))
        let b = try PersonKeyring(hexKey: String(repeating: "cd", count: 32))
        #expect(a.personKey(for: "5ABC123") == a.personKey(for: " 5abc123 "))
        #expect(a.personKey(for: "5ABC123") != b.personKey(for: "5ABC123"))
        #expect(a.personKey(for: "5ABC123") != a.personKey(for: "5ABC124"))
        #expect(!a.personKey(for: "5ABC123").rawValue.uppercased().contains("5ABC123"))
        #expect(a.personKey(for: "5ABC123").rawValue.count == 64)
        #expect(throws: PersonKeyring.InvalidKey.self) { try PersonKeyring(hexKey: "abcd") }
        #expect(throws: PersonKeyring.InvalidKey.self) { try PersonKeyring(hexKey: String(repeating: "zz", count: 32)) }
    }
}
