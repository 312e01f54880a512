/// The port the kiosk service draws through: a screen of `size` kiosk pixels that shows ARGB32
/// frames, copying only what changed. Implementations: `DRMDisplay` (KMS dumb buffers),
/// `FbdevDisplay` (`/dev/fbN`), `MemoryDisplay` (tests, PNG snapshots).
///
/// Not `Sendable`: one owner (the kiosk's render loop) presents and closes it.
public protocol DisplayOutput: AnyObject {
    /// The drawing size in kiosk coordinates (the panel's mode turned by the rotation).
    var size: DisplaySize { get }
    /// What is driven, e.g. `drm /dev/dri/card0 Virtual-1 1920x1080@60 rotation 90 double-buffered`.
    var summary: String { get }
    /// Shows `frame` (exactly `size`), of which only `damage` changed since the last present.
    /// The first present always copies the whole frame.
    func present(_ frame: FrameView, damage: DisplayDamage) throws(DisplayError)
    /// Gives the screen back (restores the previous mode where there was one); idempotent.
    func close()
}

/// What changed in a frame since the previous one.
public enum DisplayDamage: Hashable, Sendable {
    /// Everything.
    case full
    /// Only these rectangles (kiosk coordinates; clipped to the frame, may overlap).
    case rects([BlitRect])
}

/// A borrowed ARGB32 frame (cairo's native-endian 0xAARRGGBB): valid only during the call.
public struct FrameView {
    /// The pixel bytes, `stride` per row.
    public let bytes: UnsafeRawBufferPointer
    /// Bytes per row (at least `size.width * 4`).
    public let stride: Int
    /// The frame's size in pixels.
    public let size: DisplaySize

    /// A view of `bytes`; nil when they are too few for `size` and `stride`.
    public init?(bytes: UnsafeRawBufferPointer, stride: Int, size: DisplaySize) {
        guard size.width > 0, size.height > 0, stride >= size.width * 4, bytes.count >= stride * size.height,
              bytes.baseAddress != nil else { return nil }
        self.bytes = bytes
        self.stride = stride
        self.size = size
    }
}

/// An owned ARGB32 frame, row by row without padding (tests, test patterns, small tools).
public struct PixelFrame: Hashable, Sendable {
    /// The frame's size.
    public let size: DisplaySize
    /// The pixels, 0xAARRGGBB, `size.width` per row.
    public var pixels: [UInt32]

    /// A frame filled with `colour`.
    public init(size: DisplaySize, colour: UInt32 = 0xFF00_0000) {
        self.size = size
        self.pixels = Array(repeating: colour, count: size.width * size.height)
    }

    /// The pixel at (`x`, `y`).
    public subscript(x: Int, y: Int) -> UInt32 {
        get { pixels[y * size.width + x] }
        set { pixels[y * size.width + x] = newValue }
    }

    /// Fills `rect` (clipped) with `colour`.
    public mutating func fill(_ rect: BlitRect, colour: UInt32) {
        guard let r = rect.clipped(width: size.width, height: size.height) else { return }
        for y in r.y..<(r.y + r.height) {
            let row = y * size.width
            for x in r.x..<(r.x + r.width) { pixels[row + x] = colour }
        }
    }

    /// Calls `body` with a view of the pixels.
    public func withView<R>(_ body: (FrameView) throws -> R) rethrows -> R {
        try pixels.withUnsafeBytes { bytes in
            try body(FrameView(bytes: bytes, stride: size.width * 4, size: size)!)
        }
    }
}

extension DisplayOutput {
    /// Shows an owned frame (see `present(_:damage:)`).
    public func present(_ frame: PixelFrame, damage: DisplayDamage = .full) throws(DisplayError) {
        let result: Result<Void, DisplayError> = frame.withView { view in
            do throws(DisplayError) { try present(view, damage: damage); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }
}
