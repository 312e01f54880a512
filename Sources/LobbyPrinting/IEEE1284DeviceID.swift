/// An IEEE 1284 device ID string (`MFG:EPSON;CMD:ESC/POS;MDL:TM-T20;CLS:PRINTER;`), as a USB
/// printer-class device answers GET_DEVICE_ID: keys and values, in order.
public struct IEEE1284DeviceID: Equatable, Sendable {
    /// The text as received (trimmed).
    public let text: String
    /// One `KEY:VALUE` pair.
    public struct Field: Equatable, Sendable {
        /// The key as written (`MFG`, `CMD`, …).
        public var key: String
        /// The value, trimmed.
        public var value: String
    }

    /// The pairs in order.
    public let fields: [Field]

    /// Parses `KEY:VALUE;` pairs; pieces without a colon are skipped.
    public init(_ text: String) {
        self.text = text.trimmingWhitespace()
        var fields: [Field] = []
        for piece in self.text.split(separator: ";") {
            guard let colon = piece.firstIndex(of: ":") else { continue }
            let key = String(piece[..<colon]).trimmingWhitespace()
            let value = String(piece[piece.index(after: colon)...]).trimmingWhitespace()
            if !key.isEmpty { fields.append(Field(key: key, value: value)) }
        }
        self.fields = fields
    }

    /// Parses the answer to GET_DEVICE_ID: a 2-byte big-endian length (that includes itself),
    /// then the text. Nil when the answer is shorter than its length field says or empty.
    public init?(getDeviceIDReply bytes: [UInt8]) {
        guard bytes.count >= 2 else { return nil }
        let length = Int(bytes[0]) << 8 | Int(bytes[1])
        guard length > 2 else { return nil }
        let end = min(length, bytes.count)
        self.init(String(decoding: bytes[2..<end].filter { $0 != 0 }, as: UTF8.self))
        if self.text.isEmpty { return nil }
    }

    /// The value of the first field whose key is one of `keys` (case-insensitive).
    public func value(_ keys: String...) -> String? {
        let wanted = Set(keys.map { $0.uppercased() })
        return fields.first { wanted.contains($0.key.uppercased()) }?.value
    }

    /// `MFG` or `MANUFACTURER`.
    public var manufacturer: String? { value("MFG", "MANUFACTURER") }
    /// `MDL` or `MODEL`.
    public var model: String? { value("MDL", "MODEL") }
    /// `CMD` or `COMMAND SET`, split at commas.
    public var commandSets: [String] {
        (value("CMD", "COMMAND SET") ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
