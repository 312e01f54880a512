/// An `ESC *` bit-image band: `1B 2A m nL nH` followed by column bytes (top byte first, MSB top).
///
/// The fallback for printers without `GS v 0`. A band is 8 or 24 dots tall; each column is 1 or 3
/// bytes. The caller sets the line spacing so that consecutive bands touch.
public struct ColumnImageCommand: Equatable, Sendable {
    /// Dot density and band height.
    public var density: ColumnImageDensity
    /// The band, exactly `density.bandRows` rows tall.
    public var bitmap: MonoBitmap

    /// Creates a band command; the bitmap must be `density.bandRows` rows tall.
    public init(density: ColumnImageDensity, bitmap: MonoBitmap) {
        precondition(bitmap.heightDots == density.bandRows, "column image band must match the density's height")
        precondition(bitmap.widthDots <= 0xFFFF, "column image too wide")
        self.density = density
        self.bitmap = bitmap
    }

    /// Appends the command bytes.
    public func encode(into output: inout [UInt8]) {
        let columns = bitmap.widthDots
        output += [0x1B, 0x2A, density.rawValue, UInt8(columns & 0xFF), UInt8(columns >> 8)]
        let bytesPerColumn = density.bandRows / 8
        output.reserveCapacity(output.count + columns * bytesPerColumn)
        for x in 0..<columns {
            for byteIndex in 0..<bytesPerColumn {
                var value: UInt8 = 0
                for bit in 0..<8 where bitmap[x, byteIndex * 8 + bit] {
                    value |= 0x80 >> UInt8(bit)
                }
                output.append(value)
            }
        }
    }

    /// Rebuilds the band from column bytes (the inverse of `encode`).
    public init(density: ColumnImageDensity, columns: Int, columnBytes: [UInt8]) {
        let bytesPerColumn = density.bandRows / 8
        precondition(columnBytes.count == columns * bytesPerColumn, "column data size mismatch")
        var band = MonoBitmap(widthDots: columns, heightDots: density.bandRows)
        var index = 0
        for x in 0..<columns {
            for byteIndex in 0..<bytesPerColumn {
                let value = columnBytes[index]
                index += 1
                for bit in 0..<8 where value & (0x80 >> UInt8(bit)) != 0 {
                    band[x, byteIndex * 8 + bit] = true
                }
            }
        }
        self.init(density: density, bitmap: band)
    }
}

/// The `m` parameter of `ESC *`.
public enum ColumnImageDensity: UInt8, Equatable, Sendable, CaseIterable {
    /// 8-dot single density.
    case single8 = 0
    /// 8-dot double density.
    case double8 = 1
    /// 24-dot single density.
    case single24 = 32
    /// 24-dot double density (the one Lobby sends).
    case double24 = 33

    /// Rows in one band.
    public var bandRows: Int {
        switch self {
        case .single8, .double8: 8
        case .single24, .double24: 24
        }
    }
}
