/// A display in memory: a panel buffer in a chosen format and rotation, filled exactly as a
/// scan-out buffer would be. For tests, headless runs and PNG snapshots of what the panel shows.
public final class MemoryDisplay: DisplayOutput {
    /// The panel's size.
    public let panel: DisplaySize
    /// How the kiosk picture is turned.
    public let rotation: DisplayRotation
    /// The buffer's pixel format.
    public let format: FramebufferFormat
    /// The drawing size.
    public let size: DisplaySize
    /// Bytes per panel row.
    public let stride: Int
    /// The panel buffer (`stride` bytes per row, little-endian pixels).
    public private(set) var buffer: [UInt8]
    /// Counters of the presents so far.
    public private(set) var statistics = DisplayStatistics()
    /// The kiosk rectangles copied by the last present.
    public private(set) var lastCopied: [BlitRect] = []
    private var plan: DamagePlan
    private var isClosed = false

    /// A black panel of `panel` pixels.
    public init(panel: DisplaySize, rotation: DisplayRotation = .none, format: FramebufferFormat = .xrgb8888) {
        self.panel = panel
        self.rotation = rotation
        self.format = format
        self.size = rotation.kioskSize(panel: panel)
        self.stride = panel.width * format.bytesPerPixel
        self.buffer = Array(repeating: 0, count: panel.width * format.bytesPerPixel * panel.height)
        self.plan = DamagePlan(size: size, bufferCount: 1)
    }

    /// `memory 1920x1080 XRGB8888 rotation 90`.
    public var summary: String { "memory \(panel) \(format) rotation \(rotation)" }

    public func present(_ frame: FrameView, damage: DisplayDamage) throws(DisplayError) {
        if isClosed { throw .closed }
        guard frame.size == size else { throw .frameSizeMismatch(expected: size, got: frame.size) }
        let rects = plan.rects(for: 0, damage: damage)
        let (size, stride, format, rotation) = (self.size, self.stride, self.format, self.rotation)
        buffer.withUnsafeMutableBytes { destination in
            for rect in rects {
                FramebufferBlit.copy(frame.bytes, sourceStride: frame.stride, kiosk: size, into: destination,
                                     destinationStride: stride, format: format, rotation: rotation, rect: rect)
            }
        }
        lastCopied = rects
        statistics.frames += 1
        statistics.pixelsCopied += rects.reduce(0) { $0 + $1.area }
    }

    public func close() { isClosed = true }

    /// The panel pixel at (`x`, `y`) as 0xRRGGBB.
    public func panelRGB(x: Int, y: Int) -> UInt32 {
        let offset = y * stride + x * format.bytesPerPixel
        if format == .rgb565 {
            let value = UInt32(buffer[offset]) | UInt32(buffer[offset + 1]) << 8
            let r = (value >> 11) & 0x1F, g = (value >> 5) & 0x3F, b = value & 0x1F
            return (r << 3 | r >> 2) << 16 | (g << 2 | g >> 4) << 8 | (b << 3 | b >> 2)
        }
        let value = (0..<4).reduce(UInt32(0)) { $0 | UInt32(buffer[offset + $1]) << (8 * UInt32($1)) }
        let r = (value >> 16) & 0xFF, g = (value >> 8) & 0xFF, b = value & 0xFF
        return format == .xrgb8888 ? (r << 16 | g << 8 | b) : (b << 16 | g << 8 | r)
    }

    /// What the panel shows, as 8-bit RGB pixels row by row (3 bytes each; LobbyRender's
    /// `PNGEncoder.rgb` makes a picture of them).
    public func rgbPixels() -> [UInt8] {
        var rgb: [UInt8] = []
        rgb.reserveCapacity(panel.width * panel.height * 3)
        for y in 0..<panel.height {
            for x in 0..<panel.width {
                let value = panelRGB(x: x, y: y)
                rgb += [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            }
        }
        return rgb
    }
}
