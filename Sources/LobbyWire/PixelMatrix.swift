/// A 1-bit-per-pixel frame buffer of at most 2048 bytes (e.g. 128 × 128 pixels).
///
/// Rows are `bytesPerRow` bytes, most significant bit = leftmost pixel.
public struct PixelMatrix: Sendable {
    /// The largest frame buffer in bytes.
    public static let maxBytes = 2048
    /// Width in pixels.
    public private(set) var width: Int
    /// Height in pixels.
    public private(set) var height: Int
    /// Bytes per row.
    public private(set) var bytesPerRow: Int
    private var storage: InlineArray<2048, UInt8>

    /// Creates a dark matrix; the height is reduced if the size exceeds `maxBytes`.
    public init(width: Int, height: Int) {
        let rowBytes = max(1, (max(width, 1) + 7) / 8)
        self.width = max(width, 1)
        self.bytesPerRow = rowBytes
        self.height = min(max(height, 1), Self.maxBytes / rowBytes)
        storage = InlineArray(repeating: 0)
    }

    /// Changes the size in place and darkens every pixel (same limits as `init`).
    public mutating func reshape(width: Int, height: Int) {
        let rowBytes = max(1, (max(width, 1) + 7) / 8)
        self.width = max(width, 1)
        bytesPerRow = rowBytes
        self.height = min(max(height, 1), Self.maxBytes / rowBytes)
        var index = 0
        while index < Self.maxBytes {
            storage[index] = 0
            index += 1
        }
    }

    /// Bytes in use.
    public var byteCount: Int { bytesPerRow * height }

    /// The byte at `index` (0 ..< byteCount), 0 outside.
    public func byte(at index: Int) -> UInt8 {
        guard index >= 0 && index < byteCount else { return 0 }
        return storage[index]
    }

    /// Whether the pixel is lit; false outside the matrix.
    public func pixel(x: Int, y: Int) -> Bool {
        guard x >= 0, x < width, y >= 0, y < height else { return false }
        return storage[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    /// Lights or darkens a pixel; ignored outside the matrix.
    public mutating func setPixel(x: Int, y: Int, _ lit: Bool) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * bytesPerRow + x / 8
        let mask: UInt8 = 0x80 >> UInt8(x % 8)
        if lit { storage[index] |= mask } else { storage[index] &= ~mask }
    }

    /// Sets every pixel of rows `top ..< top + rows` (clipped).
    public mutating func fillRows(top: Int, rows: Int, lit: Bool) {
        forEachByte(top: top, rows: rows) { byte, mask in byte = lit ? byte | mask : byte & ~mask }
    }

    /// Inverts every pixel of rows `top ..< top + rows` (clipped).
    public mutating func invertRows(top: Int, rows: Int) {
        forEachByte(top: top, rows: rows) { byte, mask in byte ^= mask }
    }

    /// Calls `body` for every byte of the rows with the mask of its pixels inside the width.
    private mutating func forEachByte(top: Int, rows: Int, _ body: (inout UInt8, UInt8) -> Void) {
        let lastMask: UInt8 = width % 8 == 0 ? 0xFF : ~(0xFF >> UInt8(width % 8))
        var y = max(top, 0)
        while y < min(top + rows, height) {
            var column = 0
            while column < bytesPerRow {
                body(&storage[y * bytesPerRow + column], column == bytesPerRow - 1 ? lastMask : 0xFF)
                column += 1
            }
            y += 1
        }
    }

    /// Fills the whole matrix with a test pattern.
    public mutating func fill(_ pattern: TestPattern) {
        var y = 0
        while y < height {
            var x = 0
            while x < width {
                let lit: Bool
                switch pattern {
                case .allOn: lit = true
                case .allOff: lit = false
                case .checkerboard: lit = (x + y) % 2 == 0
                case .rows: lit = y % 2 == 0
                case .columns: lit = x % 2 == 0
                }
                setPixel(x: x, y: y, lit)
                x += 1
            }
            y += 1
        }
    }
}
