/// A `MonoBitmap` as a 1-bit greyscale PNG (colour type 0, bit depth 1): the dots the printer
/// prints and nothing else, a few kilobytes for a ticket. Pure Swift: the zlib stream is written
/// with deflate's fixed Huffman codes and greedy LZ77 matches, which suits rows of mostly white.
extension MonoBitmap {
    /// The PNG file bytes (black dots black, the rest white), enlarged by a whole `scale`.
    public func pngData(scale: Int = 1) -> [UInt8] {
        precondition(scale >= 1 && scale <= 8, "scale out of range")
        let source = scale == 1 ? self : scaled(x: scale, y: scale)
        let width = max(1, source.widthDots), height = max(1, source.heightDots)
        let rowBytes = (width + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for index in 0..<rowBytes {
                // PNG greyscale: 1 is white; ours: 1 is black.
                let byte = source.widthDots > 0 && y < source.heightDots ? source.bytes[y * source.bytesPerRow + index] : 0
                raw.append(~byte)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += PNGChunks.bigEndian(UInt32(width)) + PNGChunks.bigEndian(UInt32(height))
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
        PNGChunks.append("IHDR", header, to: &png)
        PNGChunks.append("IDAT", PNGChunks.zlib(raw), to: &png)
        PNGChunks.append("IEND", [], to: &png)
        return png
    }
}

/// PNG chunks, CRC-32 and a small zlib (deflate, fixed Huffman codes) writer.
enum PNGChunks {
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func append(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typed = Array(type.utf8) + data
        png += bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// A zlib stream of one fixed-Huffman deflate block.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var out = BitWriter()
        out.bytes = [0x78, 0x01]
        out.write(1, bits: 1)  // final block
        out.write(1, bits: 2)  // fixed Huffman codes
        var head = [Int](repeating: -1, count: 1 << 15)
        var index = 0
        while index < data.count {
            var bestLength = 0, bestDistance = 0
            if index + 3 <= data.count {
                let key = (Int(data[index]) << 10 ^ Int(data[index + 1]) << 5 ^ Int(data[index + 2])) & 0x7FFF
                let candidate = head[key]
                head[key] = index
                // The previous byte (runs) and the last occurrence of these three bytes.
                for start in [index - 1, candidate] where start >= 0 && index - start <= 32_768 {
                    var length = 0
                    while length < 258, index + length < data.count, data[start + length] == data[index + length] { length += 1 }
                    if length > bestLength { (bestLength, bestDistance) = (length, index - start) }
                }
            }
            if bestLength >= 3 {
                out.writeLength(bestLength)
                out.writeDistance(bestDistance)
                index += bestLength
            } else {
                out.writeLiteral(Int(data[index]))
                index += 1
            }
        }
        out.writeLiteral(256)
        out.flush()
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out.bytes + bigEndian(b << 16 | a)
    }

    /// Deflate's bit order: values LSB first, Huffman codes MSB first.
    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var count = 0

        mutating func write(_ value: Int, bits: Int) {
            buffer |= UInt32(value) << UInt32(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                count -= 8
            }
        }

        mutating func writeCode(_ code: Int, bits: Int) {
            var reversed = 0
            for bit in 0..<bits where code & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            write(reversed, bits: bits)
        }

        mutating func writeLiteral(_ value: Int) {
            switch value {
            case 0...143: writeCode(0x30 + value, bits: 8)
            case 144...255: writeCode(0x190 + value - 144, bits: 9)
            case 256...279: writeCode(value - 256, bits: 7)
            default: writeCode(0xC0 + value - 280, bits: 8)
            }
        }

        static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                                   4097, 6145, 8193, 12289, 16385, 24577]
        static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

        mutating func writeLength(_ length: Int) {
            let code = Self.lengthBase.lastIndex { $0 <= length }!
            writeLiteral(257 + code)
            if Self.lengthExtra[code] > 0 { write(length - Self.lengthBase[code], bits: Self.lengthExtra[code]) }
        }

        mutating func writeDistance(_ distance: Int) {
            let code = Self.distanceBase.lastIndex { $0 <= distance }!
            writeCode(code, bits: 5)
            if Self.distanceExtra[code] > 0 { write(distance - Self.distanceBase[code], bits: Self.distanceExtra[code]) }
        }

        mutating func flush() {
            if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
            buffer = 0
            count = 0
        }
    }
}
