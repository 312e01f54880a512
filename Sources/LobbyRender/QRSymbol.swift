internal import CRender

/// A QR symbol's module matrix, from libqrencode (byte mode, error correction level M).
public struct QRSymbol: Equatable, Sendable {
    /// Quiet zone the standard requires around the symbol, in modules.
    public static let quietZoneModules = 4
    /// Smallest module size used on paper: 3 dots at 203 dpi is about 0.38 mm.
    public static let minimumModuleDots = 3

    /// QR version (1-40).
    public let version: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major dark modules.
    public let darkModules: [Bool]

    /// Encodes bytes; `nil` when libqrencode cannot (data too long).
    public init?(encoding text: String) {
        let symbol: UnsafeMutablePointer<QRcode>? = text.withCString { pointer in
            QRcode_encodeString8bit(pointer, 0, QR_ECLEVEL_M)
        }
        guard let symbol else { return nil }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        version = Int(symbol.pointee.version)
        size = width
        // Bit 0 of each byte is "dark".
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        darkModules = data.map { $0 & 1 != 0 }
    }

    /// Whether the module at column `x`, row `y` is dark.
    public func isDark(x: Int, y: Int) -> Bool { darkModules[y * size + x] }

    /// Modules per side including the quiet zone on both sides.
    public var sizeWithQuietZone: Int { size + 2 * Self.quietZoneModules }
}

extension QRBlock {
    /// The symbol of the block's field and the largest whole module size that fits its share of
    /// `widthDots`; nil when the field is empty.
    func symbol(for content: TicketContent, widthDots: Int, blockIndex: Int) throws(RenderError) -> (QRSymbol, moduleDots: Int)? {
        let value = content.value(of: field)
        if value.isEmpty { return nil }
        guard let symbol = QRSymbol(encoding: value) else {
            throw .qrEncodingFailed(blockIndex: blockIndex, byteCount: value.utf8.count)
        }
        let allowed = widthDots * maxWidthPercent / 100
        let moduleDots = allowed / symbol.sizeWithQuietZone
        guard moduleDots >= QRSymbol.minimumModuleDots else {
            throw .qrTooWide(blockIndex: blockIndex, modules: symbol.sizeWithQuietZone, availableDots: allowed)
        }
        return (symbol, moduleDots)
    }
}
