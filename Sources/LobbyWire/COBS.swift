/// Why a COBS block sequence could not be decoded.
public enum COBSError: Error, Sendable, Equatable {
    /// A `00` byte appeared inside encoded data at the given offset.
    case zeroInEncodedData(offset: Int)
    /// The data ended inside a block that announced more bytes.
    case truncatedBlock(offset: Int)
    /// The output buffer was too small.
    case outputFull(offset: Int)
}

/// Consistent Overhead Byte Stuffing with `00` as frame delimiter.
///
/// `encode` never emits `00`; the caller appends one delimiter after the frame.
public enum COBS {
    /// The largest encoded size of `length` input bytes (without delimiter).
    public static func maxEncodedLength(_ length: Int) -> Int {
        length + length / 254 + 1
    }

    /// Encodes `input` into `output` (appending, no delimiter).
    public static func encode<Input: Sequence<UInt8>, let n: Int>(
        _ input: Input, into output: inout FixedBytes<n>
    ) throws(COBSError) {
        var codeIndex = output.count
        guard output.append(0) else { throw .outputFull(offset: 0) }
        var code: UInt8 = 1
        var consumed = 0
        for byte in input {
            consumed += 1
            if byte == 0 {
                output.set(code, at: codeIndex)
                codeIndex = output.count
                guard output.append(0) else { throw .outputFull(offset: consumed) }
                code = 1
            } else {
                guard output.append(byte) else { throw .outputFull(offset: consumed) }
                code += 1
                if code == 0xFF {
                    output.set(code, at: codeIndex)
                    codeIndex = output.count
                    guard output.append(0) else { throw .outputFull(offset: consumed) }
                    code = 1
                }
            }
        }
        output.set(code, at: codeIndex)
    }

    /// Decodes one encoded frame (without delimiter) into `output` (appending).
    public static func decode<Input: Sequence<UInt8>, let n: Int>(
        _ input: Input, into output: inout FixedBytes<n>
    ) throws(COBSError) {
        var remaining = 0
        var lastCode: UInt8 = 0xFF
        var first = true
        var offset = 0
        for byte in input {
            defer { offset += 1 }
            if byte == 0 { throw .zeroInEncodedData(offset: offset) }
            if remaining == 0 {
                if !first && lastCode != 0xFF {
                    guard output.append(0) else { throw .outputFull(offset: offset) }
                }
                first = false
                lastCode = byte
                remaining = Int(byte) - 1
            } else {
                guard output.append(byte) else { throw .outputFull(offset: offset) }
                remaining -= 1
            }
        }
        if remaining != 0 { throw .truncatedBlock(offset: offset) }
    }
}
