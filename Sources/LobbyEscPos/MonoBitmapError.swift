/// Why bytes could not be turned into a `MonoBitmap`.
public enum MonoBitmapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A width or height below zero.
    case negativeSize(widthDots: Int, heightDots: Int)
    /// The packed data does not have `ceil(width / 8) * height` bytes.
    case byteCountMismatch(expected: Int, actual: Int)
    /// The PBM data does not start with the `P4` magic number.
    case notPortableBitmap(byteOffset: Int)
    /// A PBM header field (width or height) is missing or not a decimal number.
    case malformedHeader(field: String, byteOffset: Int)
    /// The PBM body is shorter than the header announces.
    case truncatedBody(expectedBytes: Int, availableBytes: Int)

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case let .negativeSize(width, height):
            "bitmap size \(width)x\(height) is negative"
        case let .byteCountMismatch(expected, actual):
            "bitmap data has \(actual) bytes, expected \(expected)"
        case let .notPortableBitmap(offset):
            "not a binary PBM (P4) file: no 'P4' magic at byte \(offset)"
        case let .malformedHeader(field, offset):
            "PBM header field '\(field)' is missing or not a number at byte \(offset)"
        case let .truncatedBody(expected, available):
            "PBM body has \(available) bytes, header announces \(expected)"
        }
    }
}
