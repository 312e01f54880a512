/// Which rectangles to copy into which scan-out buffer (pure): with two buffers the back
/// buffer missed the previous frame's changes, so it receives those too.
public struct DamagePlan: Hashable, Sendable {
    /// Pending rectangles per buffer (kiosk coordinates); nil means the whole frame.
    private var pending: [[BlitRect]?]
    /// The kiosk size.
    public let size: DisplaySize
    /// Above this many rectangles the whole bounding box is copied instead.
    public let maximumRects: Int

    /// A plan for `bufferCount` buffers; every buffer starts out needing the whole frame.
    public init(size: DisplaySize, bufferCount: Int, maximumRects: Int = 16) {
        self.size = size
        self.maximumRects = maximumRects
        self.pending = Array(repeating: nil, count: bufferCount)
    }

    /// Records a frame's damage against every buffer and returns what buffer `index` must copy
    /// now (clipped, merged); the buffer is then up to date.
    public mutating func rects(for index: Int, damage: DisplayDamage) -> [BlitRect] {
        let fresh: [BlitRect]?
        switch damage {
        case .full: fresh = nil
        case .rects(let rects): fresh = rects.compactMap { $0.clipped(width: size.width, height: size.height) }
        }
        for other in pending.indices {
            guard let existing = pending[other] else { continue }
            pending[other] = fresh.map { existing + $0 }
        }
        let wanted = pending[index] ?? [size.bounds]
        pending[index] = []
        return Self.merge(wanted, maximumRects: maximumRects)
    }

    /// Marks every buffer as needing the whole frame (after a mode set or a lost buffer).
    public mutating func invalidateAll() {
        pending = Array(repeating: nil, count: pending.count)
    }

    /// Rectangles without overlaps between them: overlapping ones are replaced by their
    /// bounding box until none overlap; more than `maximumRects` become one bounding box.
    public static func merge(_ rects: [BlitRect], maximumRects: Int) -> [BlitRect] {
        var result: [BlitRect] = []
        for rect in rects where rect.width > 0 && rect.height > 0 {
            var current = rect
            var merged = true
            while merged {
                merged = false
                if let index = result.firstIndex(where: { $0.overlaps(current) }) {
                    current = current.union(result.remove(at: index))
                    merged = true
                }
            }
            result.append(current)
        }
        if result.count > maximumRects, let first = result.first {
            return [result.dropFirst().reduce(first) { $0.union($1) }]
        }
        return result
    }
}

extension BlitRect {
    /// Whether the two share at least one pixel.
    public func overlaps(_ other: BlitRect) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }

    /// The smallest rectangle covering both.
    public func union(_ other: BlitRect) -> BlitRect {
        let left = min(x, other.x), top = min(y, other.y)
        let right = max(x + width, other.x + other.width), bottom = max(y + height, other.y + other.height)
        return BlitRect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Number of pixels.
    public var area: Int { width * height }
}
