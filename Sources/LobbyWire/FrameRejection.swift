/// Why the decoder discarded the bytes between two delimiters.
public enum FrameRejection: Error, Sendable, Equatable {
    /// The COBS block structure was broken: the delimiter came inside a block.
    case truncatedBlock(bodyBytes: Int)
    /// More bytes than the largest frame arrived before a delimiter.
    case oversized
    /// The decoded body is shorter than a header and CRC.
    case tooShort(bodyBytes: Int)
    /// The length byte disagrees with the number of payload bytes received.
    case lengthMismatch(declared: UInt8, received: Int)
    /// The CRC in the frame differs from the one computed over the body.
    case crcMismatch(received: UInt16, computed: UInt16)
    /// The CRC was good but the version is not spoken here; the header lets a device answer.
    case unsupportedVersion(FrameHeader)

    /// A short stable name used in test vectors and logs.
    public var code: StaticString {
        switch self {
        case .truncatedBlock: "truncated"
        case .oversized: "oversized"
        case .tooShort: "too-short"
        case .lengthMismatch: "length-mismatch"
        case .crcMismatch: "crc-mismatch"
        case .unsupportedVersion: "unsupported-version"
        }
    }
}

/// What the decoder produced after a delimiter.
public enum DecoderOutput: Sendable, Equatable {
    /// A complete frame with a good CRC and a supported version.
    case frame(Frame)
    /// Bytes that did not form a valid frame.
    case rejected(FrameRejection)
}

/// The result of feeding one byte to `FrameDecoder.consume(_:into:)`.
public enum DecodeStatus: Sendable, Equatable {
    /// No frame ended with this byte.
    case pending
    /// A valid frame was written into the caller's frame.
    case frame
    /// Bytes that did not form a valid frame.
    case rejected(FrameRejection)
}
