/// ISO/IEC 9797-1 padding method 2: append 80, then zeros up to a multiple of 8 bytes (always at least one byte).
public enum ISO9797Padding {
    /// The block size BAC uses.
    public static let blockSize = 8

    /// `bytes` padded with 80 00 … to a multiple of 8.
    public static func pad(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        out.append(0x80)
        while out.count % blockSize != 0 { out.append(0) }
        return out
    }

    /// `padded` without its padding; throws where the padding is broken.
    public static func unpad(_ padded: [UInt8]) throws(EMRTDCryptoError) -> [UInt8] {
        guard !padded.isEmpty, padded.count % blockSize == 0 else { throw .notBlockAligned(what: "padded data", count: padded.count) }
        var index = padded.count - 1
        while index >= 0 && padded[index] == 0 && padded.count - index <= blockSize { index -= 1 }
        guard index >= 0, padded.count - index <= blockSize, padded[index] == 0x80 else {
            throw .badPadding(offset: max(index, 0))
        }
        return Array(padded[..<index])
    }
}
