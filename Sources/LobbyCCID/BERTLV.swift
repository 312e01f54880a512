/// One BER-TLV data object (ISO/IEC 7816-4 / ICAO 9303-10): tag, definite length, value.
public struct BERTLV: Sendable, Hashable {
    /// The tag bytes as a number (e.g. 0x61, 0x5F1F).
    public var tag: UInt32
    /// The value bytes.
    public var value: [UInt8]
    /// Bytes taken by tag and length.
    public var headerLength: Int
    /// Header plus value.
    public var totalLength: Int { headerLength + value.count }

    /// Reads the tag and length at `offset` and returns (tag, header length, value length) without needing the value.
    public static func header(in bytes: [UInt8], at offset: Int = 0) throws(CCIDDecodingError) -> (tag: UInt32, headerLength: Int, valueLength: Int) {
        var index = offset
        func next(_ what: String) throws(CCIDDecodingError) -> UInt8 {
            guard index >= 0, index < bytes.count else { throw .truncated(what: what, needed: index + 1, available: bytes.count) }
            defer { index += 1 }
            return bytes[index]
        }
        let first = try next("BER-TLV tag")
        var tag = UInt32(first)
        if first & 0x1F == 0x1F {
            var count = 0
            while true {
                let byte = try next("BER-TLV tag")
                count += 1
                guard count <= 3 else { throw .invalidValue(what: "BER-TLV tag (longer than 4 bytes)", offset: index - 1, value: byte) }
                tag = tag << 8 | UInt32(byte)
                if byte & 0x80 == 0 { break }
            }
        }
        let lengthByte = try next("BER-TLV length")
        var length = 0
        if lengthByte < 0x80 {
            length = Int(lengthByte)
        } else {
            let count = Int(lengthByte & 0x7F)
            guard (1...3).contains(count) else { throw .invalidValue(what: "BER-TLV length", offset: index - 1, value: lengthByte) }
            for _ in 0..<count { length = length << 8 | Int(try next("BER-TLV length")) }
        }
        return (tag, index - offset, length)
    }

    /// Parses the data object at `offset`; throws when the value is cut short.
    public init(parsing bytes: [UInt8], at offset: Int = 0) throws(CCIDDecodingError) {
        let (tag, headerLength, valueLength) = try Self.header(in: bytes, at: offset)
        let start = offset + headerLength
        guard bytes.count - start >= valueLength else {
            throw .truncated(what: "BER-TLV value of tag \(String(tag, radix: 16, uppercase: true))", needed: start + valueLength, available: bytes.count)
        }
        self.tag = tag
        self.headerLength = headerLength
        self.value = Array(bytes[start..<(start + valueLength)])
    }

    /// All data objects in a sequence (e.g. the value of a constructed object).
    public static func sequence(_ bytes: [UInt8]) throws(CCIDDecodingError) -> [BERTLV] {
        var out: [BERTLV] = []
        var offset = 0
        while offset < bytes.count {
            let object = try BERTLV(parsing: bytes, at: offset)
            out.append(object)
            offset += object.totalLength
        }
        return out
    }
}
