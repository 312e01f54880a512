/// A printable width in dots that thermal ticket printers have.
public enum PrinterWidth: Int, Equatable, Hashable, Sendable, CaseIterable {
    /// 58 mm paper at 203 dpi.
    case dots384 = 384
    /// 80 mm paper, narrow print head area.
    case dots512 = 512
    /// 80 mm paper at 203 dpi.
    case dots576 = 576

    /// Width in dots.
    public var dots: Int { rawValue }
}
