/// A 1-bit image as thermal printers take it: row-major, MSB is the leftmost dot, 1 is black.
///
/// Each row occupies `bytesPerRow = ceil(widthDots / 8)` bytes. Padding bits to the right of
/// `widthDots` in the last byte of a row are always 0, so two bitmaps that show the same dots
/// compare equal.
public struct MonoBitmap: Equatable, Hashable, Sendable {
    /// Width in printer dots.
    public let widthDots: Int
    /// Height in rows (dots).
    public let heightDots: Int
    /// Row-major packed bits, `bytesPerRow * heightDots` bytes.
    public private(set) var bytes: [UInt8]

    /// Bytes per packed row, `ceil(widthDots / 8)`.
    public var bytesPerRow: Int { (widthDots + 7) / 8 }

    /// Creates an all-white bitmap.
    public init(widthDots: Int, heightDots: Int) {
        precondition(widthDots >= 0 && heightDots >= 0, "bitmap size must not be negative")
        self.widthDots = widthDots
        self.heightDots = heightDots
        self.bytes = [UInt8](repeating: 0, count: ((widthDots + 7) / 8) * heightDots)
    }

    /// Creates a bitmap from packed rows; padding bits beyond `widthDots` are cleared.
    public init(widthDots: Int, heightDots: Int, bytes: [UInt8]) throws(MonoBitmapError) {
        guard widthDots >= 0, heightDots >= 0 else {
            throw .negativeSize(widthDots: widthDots, heightDots: heightDots)
        }
        let expected = ((widthDots + 7) / 8) * heightDots
        guard bytes.count == expected else {
            throw .byteCountMismatch(expected: expected, actual: bytes.count)
        }
        self.widthDots = widthDots
        self.heightDots = heightDots
        self.bytes = bytes
        clearPadding()
    }

    /// Reads or writes one dot; `true` is black. Coordinates must be inside the bitmap.
    public subscript(x: Int, y: Int) -> Bool {
        get {
            precondition(x >= 0 && x < widthDots && y >= 0 && y < heightDots, "dot outside bitmap")
            return bytes[y * bytesPerRow + (x >> 3)] & (0x80 >> UInt8(x & 7)) != 0
        }
        set {
            precondition(x >= 0 && x < widthDots && y >= 0 && y < heightDots, "dot outside bitmap")
            let index = y * bytesPerRow + (x >> 3)
            let mask: UInt8 = 0x80 >> UInt8(x & 7)
            if newValue { bytes[index] |= mask } else { bytes[index] &= ~mask }
        }
    }

    /// The packed bytes of one row.
    public func row(_ y: Int) -> ArraySlice<UInt8> {
        bytes[(y * bytesPerRow)..<((y + 1) * bytesPerRow)]
    }

    /// Rows `start ..< start + count` as a new bitmap of the same width.
    public func rows(from start: Int, count: Int) -> MonoBitmap {
        precondition(start >= 0 && count >= 0 && start + count <= heightDots, "row range outside bitmap")
        var band = MonoBitmap(widthDots: widthDots, heightDots: count)
        band.bytes = Array(bytes[(start * bytesPerRow)..<((start + count) * bytesPerRow)])
        return band
    }

    /// This bitmap with `other` appended below it; both must have the same width.
    public func appendingRows(of other: MonoBitmap) -> MonoBitmap {
        precondition(other.widthDots == widthDots, "appended bitmap must have the same width")
        var joined = MonoBitmap(widthDots: widthDots, heightDots: heightDots + other.heightDots)
        joined.bytes = bytes + other.bytes
        return joined
    }

    /// This bitmap placed at the top left of a larger white canvas (for comparing with a
    /// decoded image whose width was rounded up to whole bytes or bands).
    public func padded(toWidthDots newWidth: Int, heightDots newHeight: Int) -> MonoBitmap {
        precondition(newWidth >= widthDots && newHeight >= heightDots, "padding must not shrink")
        var canvas = MonoBitmap(widthDots: newWidth, heightDots: newHeight)
        for y in 0..<heightDots {
            for byteIndex in 0..<bytesPerRow {
                canvas.bytes[y * canvas.bytesPerRow + byteIndex] = bytes[y * bytesPerRow + byteIndex]
            }
        }
        return canvas
    }

    /// Copies the black dots of `other` onto this bitmap with its top left at (`x`, `y`); dots
    /// outside this bitmap are dropped.
    public mutating func draw(_ other: MonoBitmap, atX x: Int, y: Int) {
        for row in 0..<other.heightDots where y + row >= 0 && y + row < heightDots {
            for column in 0..<other.widthDots where x + column >= 0 && x + column < widthDots && other[column, row] {
                self[x + column, y + row] = true
            }
        }
    }

    /// Every dot repeated `x` times across and `y` times down (what `GS !` does to a character).
    public func scaled(x: Int, y: Int) -> MonoBitmap {
        precondition(x >= 1 && y >= 1, "scale factors start at 1")
        var out = MonoBitmap(widthDots: widthDots * x, heightDots: heightDots * y)
        for row in 0..<heightDots {
            for column in 0..<widthDots where self[column, row] {
                for dy in 0..<y { for dx in 0..<x { out[column * x + dx, row * y + dy] = true } }
            }
        }
        return out
    }

    /// Black and white swapped.
    public func inverted() -> MonoBitmap {
        var out = self
        out.bytes = bytes.map { ~$0 }
        out.clearPadding()
        return out
    }

    /// The leftmost `newWidth` columns.
    public func cropped(toWidthDots newWidth: Int) -> MonoBitmap {
        precondition(newWidth >= 0 && newWidth <= widthDots, "crop must not widen")
        var out = MonoBitmap(widthDots: newWidth, heightDots: heightDots)
        for row in 0..<heightDots {
            for column in 0..<newWidth where self[column, row] { out[column, row] = true }
        }
        return out
    }

    /// Number of black dots.
    public var blackDotCount: Int {
        bytes.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// The smallest rectangle holding every black dot, or `nil` for an all-white bitmap.
    public var inkBounds: DotRectangle? {
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        for y in 0..<heightDots {
            let rowStart = y * bytesPerRow
            for byteIndex in 0..<bytesPerRow where bytes[rowStart + byteIndex] != 0 {
                let value = bytes[rowStart + byteIndex]
                let first = byteIndex * 8 + value.leadingZeroBitCount
                let last = byteIndex * 8 + 7 - value.trailingZeroBitCount
                minX = min(minX, first)
                maxX = max(maxX, last)
                minY = min(minY, y)
                maxY = y
            }
        }
        guard maxY >= 0 else { return nil }
        return DotRectangle(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// Number of dots that differ between two bitmaps of the same size.
    public func differingDotCount(comparedWith other: MonoBitmap) -> Int {
        precondition(other.widthDots == widthDots && other.heightDots == heightDots, "sizes differ")
        var count = 0
        for index in bytes.indices {
            count += (bytes[index] ^ other.bytes[index]).nonzeroBitCount
        }
        return count
    }

    private mutating func clearPadding() {
        let spareBits = bytesPerRow * 8 - widthDots
        guard spareBits > 0 else { return }
        let keepMask: UInt8 = 0xFF << UInt8(spareBits)
        for y in 0..<heightDots {
            bytes[y * bytesPerRow + bytesPerRow - 1] &= keepMask
        }
    }
}

/// A rectangle in printer dots.
public struct DotRectangle: Equatable, Hashable, Sendable {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width in dots.
    public var width: Int
    /// Height in dots.
    public var height: Int

    /// Creates a rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
