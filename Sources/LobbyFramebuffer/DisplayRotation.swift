/// How the kiosk picture is turned to land on the panel, clockwise: a portrait 1080×1920
/// kiosk on a landscape 1920×1080 panel mounted on its side uses 90 or 270.
public enum DisplayRotation: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// The picture as drawn.
    case none = 0
    /// Turned 90° clockwise: the kiosk's top edge is the panel's right edge.
    case clockwise90 = 90
    /// Upside down.
    case upsideDown = 180
    /// Turned 270° clockwise (90° anticlockwise): the kiosk's top edge is the panel's left edge.
    case clockwise270 = 270

    /// The rotation for `degrees` (0, 90, 180 or 270; nil otherwise).
    public init?(degrees: Int) { self.init(rawValue: degrees) }

    /// Whether width and height trade places.
    public var swapsAxes: Bool { self == .clockwise90 || self == .clockwise270 }

    /// The degrees, e.g. `90`.
    public var description: String { String(rawValue) }

    /// The kiosk's drawing size on a panel of `panel` pixels.
    public func kioskSize(panel: DisplaySize) -> DisplaySize {
        swapsAxes ? DisplaySize(width: panel.height, height: panel.width) : panel
    }

    /// Where kiosk pixel (`x`, `y`) lands on the panel, for a kiosk of `kiosk` pixels.
    public func panelPoint(x: Int, y: Int, kiosk: DisplaySize) -> (x: Int, y: Int) {
        switch self {
        case .none: (x, y)
        case .clockwise90: (kiosk.height - 1 - y, x)
        case .upsideDown: (kiosk.width - 1 - x, kiosk.height - 1 - y)
        case .clockwise270: (y, kiosk.width - 1 - x)
        }
    }

    /// The kiosk pixel shown at panel pixel (`x`, `y`), for a kiosk of `kiosk` pixels.
    public func kioskPoint(panelX x: Int, panelY y: Int, kiosk: DisplaySize) -> (x: Int, y: Int) {
        switch self {
        case .none: (x, y)
        case .clockwise90: (y, kiosk.height - 1 - x)
        case .upsideDown: (kiosk.width - 1 - x, kiosk.height - 1 - y)
        case .clockwise270: (kiosk.width - 1 - y, x)
        }
    }

    /// The panel rectangle covering kiosk rectangle `rect` (already inside the kiosk).
    public func panelRect(_ rect: BlitRect, kiosk: DisplaySize) -> BlitRect {
        switch self {
        case .none:
            rect
        case .clockwise90:
            BlitRect(x: kiosk.height - rect.y - rect.height, y: rect.x, width: rect.height, height: rect.width)
        case .upsideDown:
            BlitRect(x: kiosk.width - rect.x - rect.width, y: kiosk.height - rect.y - rect.height, width: rect.width, height: rect.height)
        case .clockwise270:
            BlitRect(x: rect.y, y: kiosk.width - rect.x - rect.width, width: rect.height, height: rect.width)
        }
    }
}

/// A size in pixels.
public struct DisplaySize: Hashable, Sendable, CustomStringConvertible {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// A size from its parts.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// All of it as one rectangle.
    public var bounds: BlitRect { BlitRect(x: 0, y: 0, width: width, height: height) }

    /// `WIDTHxHEIGHT`.
    public var description: String { "\(width)x\(height)" }
}
