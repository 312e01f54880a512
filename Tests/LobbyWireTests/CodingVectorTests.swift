import LobbyWire
import LobbyTestSupport
import Testing

@Suite("COBS and CRC vectors", .tags(.unit))
struct CodingVectorTests {
    static let cobsVectors = VectorFile.load("cobs.txt")
    static let crcVectors = VectorFile.load("crc.txt")

    @Test("vector files are present and well formed")
    func filesLoad() {
        #expect(Self.cobsVectors.count >= 9)
        #expect(Self.crcVectors.count >= 5)
        #expect(!(Self.cobsVectors + Self.crcVectors).contains { $0.name == "MALFORMED" })
    }

    @Test("COBS encodes and decodes every vector", arguments: cobsVectors)
    func cobs(vector: Vector) throws {
        var encoded = FixedBytes<300>()
        try COBS.encode(vector.input, into: &encoded)
        #expect(encoded.array == vector.expectedBytes, "\(vector)")
        #expect(!encoded.contains(0), "\(vector): encoded data contains a delimiter")
        var decoded = FixedBytes<300>()
        try COBS.decode(vector.expectedBytes, into: &decoded)
        #expect(decoded.array == vector.input, "\(vector)")
    }

    @Test("CRC-16/CCITT-FALSE matches every vector", arguments: crcVectors)
    func crc(vector: Vector) {
        let expected = UInt16(vector.expected, radix: 16)
        #expect(CRC16.checksum(vector.input) == expected, "\(vector)")
    }

    @Test("COBS rejects a delimiter inside data and a truncated block")
    func cobsErrors() {
        var output = FixedBytes<16>()
        #expect(throws: COBSError.zeroInEncodedData(offset: 1)) { try COBS.decode([0x02, 0x00], into: &output) }
        output.removeAll()
        #expect(throws: COBSError.truncatedBlock(offset: 2)) { try COBS.decode([0x05, 0x11], into: &output) }
        var small = FixedBytes<3>()
        #expect(throws: COBSError.outputFull(offset: 3)) { try COBS.encode([1, 2, 3, 4], into: &small) }
    }

    @Test("COBS round-trips random data of every length up to 600 bytes")
    func cobsRoundTrip() throws {
        var random = SeededGenerator(seed: 0xC0B5)
        for length in 0...600 {
            let data = (0..<length).map { _ in random.byte() % 4 == 0 ? 0 : UInt8.random(in: 0...255, using: &random) }
            var encoded = FixedBytes<700>()
            try COBS.encode(data, into: &encoded)
            #expect(encoded.count <= COBS.maxEncodedLength(length))
            var decoded = FixedBytes<700>()
            try COBS.decode(encoded, into: &decoded)
            #expect(decoded.array == data, "length \(length)")
        }
    }
}

extension SeededGenerator {
    /// The next random byte.
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next() as UInt64) }
}
