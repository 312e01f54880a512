/// The kiosk screen: its size in pixels and its physical size, so touch targets can be sized in millimetres.
public struct KioskGeometry: Hashable, Sendable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Diagonal of the visible area in inches.
    public var diagonalInches: Double

    /// A screen of `width`×`height` pixels with a `diagonalInches` diagonal (default 21.5").
    public init(width: Int, height: Int, diagonalInches: Double = 21.5) {
        precondition(width > 0 && height > 0 && diagonalInches > 0, "screen size must be positive")
        self.width = width
        self.height = height
        self.diagonalInches = diagonalInches
    }

    /// The typical kiosk: 1080×1920 portrait, 21.5".
    public static let portraitFullHD = KioskGeometry(width: 1080, height: 1920)
    /// A 1920×1080 landscape screen, 21.5".
    public static let landscapeFullHD = KioskGeometry(width: 1920, height: 1080)

    /// Pixels per inch along the diagonal (square pixels assumed).
    public var pixelsPerInch: Double {
        (Double(width * width + height * height)).squareRoot() / diagonalInches
    }

    /// Pixels per millimetre.
    public var pixelsPerMillimetre: Double { pixelsPerInch / 25.4 }

    /// `millimetres` in whole pixels (rounded up, so a minimum stays a minimum).
    public func pixels(_ millimetres: Double) -> Int {
        Int((millimetres * pixelsPerMillimetre).rounded(.up))
    }

    /// `pixels` in millimetres.
    public func millimetres(_ pixels: Int) -> Double { Double(pixels) / pixelsPerMillimetre }

    /// The smallest touch target side allowed, in millimetres.
    public static let minimumTargetMillimetres = 15.0

    /// Whether the screen is wider than tall.
    public var isLandscape: Bool { width > height }
}
