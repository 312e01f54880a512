/// Sizes of a layout in pixels, derived from millimetres at the screen's density; larger in
/// the accessible mode. Every touch target is at least `KioskGeometry.minimumTargetMillimetres`.
public struct KioskMetrics: Hashable, Sendable {
    /// Outer margin.
    public let margin: Int
    /// Gap between targets.
    public let gap: Int
    /// Height of navigation and paging buttons.
    public let navigationHeight: Int
    /// Height of a list entry.
    public let rowHeight: Int
    /// Height of a keyboard key.
    public let keyHeight: Int
    /// Smallest width of a keyboard key.
    public let keyMinimumWidth: Int
    /// Height of a primary button.
    public let primaryHeight: Int
    /// Title em size.
    public let titleSize: Double
    /// Label and body em size.
    public let labelSize: Double
    /// Detail em size.
    public let detailSize: Double
    /// Line height factor used to size boxes.
    public let lineFactor = 1.3

    /// The metrics of a screen in standard or accessible mode.
    public init(geometry g: KioskGeometry, accessible: Bool) {
        let mm = g.pixelsPerMillimetre
        margin = g.pixels(6)
        gap = g.pixels(accessible ? 4 : 3)
        navigationHeight = g.pixels(accessible ? 31 : 20)  // two lines of large text inside a selected (triple) frame
        rowHeight = g.pixels(accessible ? 34 : 24)
        keyHeight = g.pixels(accessible ? 22 : 17)
        keyMinimumWidth = g.pixels(accessible ? 22 : 17)
        primaryHeight = g.pixels(accessible ? 40 : 30)
        titleSize = (accessible ? 13 : 10) * mm
        labelSize = (accessible ? 8.5 : 6) * mm
        detailSize = (accessible ? 6 : 4.2) * mm
    }

    /// Height of a box holding `lines` lines at `size`.
    public func textHeight(_ size: Double, lines: Int) -> Int {
        Int((size * lineFactor * Double(lines)).rounded(.up))
    }
}
