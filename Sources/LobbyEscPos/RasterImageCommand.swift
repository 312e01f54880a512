/// A `GS v 0` raster image band: `1D 76 30 m xL xH yL yH` followed by the packed rows.
public struct RasterImageCommand: Equatable, Sendable {
    /// Largest band height one command can carry (yL, yH).
    public static let maximumRows = 0xFFFF
    /// Largest row width in bytes one command can carry (xL, xH).
    public static let maximumBytesPerRow = 0xFFFF

    /// How the printer scales the dots.
    public var scale: RasterScale
    /// The band; its width is rounded up to whole bytes on the wire.
    public var bitmap: MonoBitmap

    /// Creates a band command.
    public init(scale: RasterScale = .normal, bitmap: MonoBitmap) {
        precondition(bitmap.heightDots <= Self.maximumRows, "raster band too tall for one GS v 0")
        precondition(bitmap.bytesPerRow <= Self.maximumBytesPerRow, "raster band too wide for one GS v 0")
        self.scale = scale
        self.bitmap = bitmap
    }

    /// Appends the command bytes.
    public func encode(into output: inout [UInt8]) {
        let widthBytes = bitmap.bytesPerRow
        let rows = bitmap.heightDots
        output += [
            0x1D, 0x76, 0x30, scale.rawValue,
            UInt8(widthBytes & 0xFF), UInt8(widthBytes >> 8),
            UInt8(rows & 0xFF), UInt8(rows >> 8),
        ]
        output += bitmap.bytes
    }
}

/// The `m` parameter of `GS v 0`.
public enum RasterScale: UInt8, Equatable, Sendable {
    /// 1:1.
    case normal = 0
    /// Each dot twice as wide.
    case doubleWidth = 1
    /// Each dot twice as tall.
    case doubleHeight = 2
    /// Each dot twice as wide and twice as tall.
    case quadruple = 3
}
