/// PBM P4 ("portable bitmap", binary) export and import: the body of a P4 file is exactly the
/// payload of `GS v 0`, which makes it the natural golden-file format.
extension MonoBitmap {
    /// The bitmap as a binary PBM file: `"P4\n<width> <height>\n"` followed by the packed rows.
    public func portableBitmapData() -> [UInt8] {
        Array("P4\n\(widthDots) \(heightDots)\n".utf8) + bytes
    }

    /// Reads a binary PBM (P4) file; comments (`#` to end of line) in the header are accepted.
    public init(portableBitmapData data: [UInt8]) throws(MonoBitmapError) {
        guard data.count >= 2, data[0] == UInt8(ascii: "P"), data[1] == UInt8(ascii: "4") else {
            throw .notPortableBitmap(byteOffset: 0)
        }
        var cursor = 2
        let width = try Self.readHeaderNumber(in: data, cursor: &cursor, field: "width")
        let height = try Self.readHeaderNumber(in: data, cursor: &cursor, field: "height")
        // Exactly one whitespace byte separates the header from the body.
        guard cursor < data.count, Self.isWhitespace(data[cursor]) else {
            throw .malformedHeader(field: "height", byteOffset: cursor)
        }
        cursor += 1
        let expected = ((width + 7) / 8) * height
        let available = data.count - cursor
        guard available >= expected else {
            throw .truncatedBody(expectedBytes: expected, availableBytes: available)
        }
        try self.init(widthDots: width, heightDots: height, bytes: Array(data[cursor..<(cursor + expected)]))
    }

    private static func readHeaderNumber(
        in data: [UInt8], cursor: inout Int, field: String
    ) throws(MonoBitmapError) -> Int {
        // Skip whitespace and comments.
        while cursor < data.count {
            if isWhitespace(data[cursor]) {
                cursor += 1
            } else if data[cursor] == UInt8(ascii: "#") {
                while cursor < data.count, data[cursor] != 0x0A { cursor += 1 }
            } else {
                break
            }
        }
        let start = cursor
        var value = 0
        while cursor < data.count, data[cursor] >= UInt8(ascii: "0"), data[cursor] <= UInt8(ascii: "9") {
            value = value * 10 + Int(data[cursor] - UInt8(ascii: "0"))
            guard value <= 1_000_000 else { throw .malformedHeader(field: field, byteOffset: start) }
            cursor += 1
        }
        guard cursor > start else { throw .malformedHeader(field: field, byteOffset: start) }
        return value
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
}
