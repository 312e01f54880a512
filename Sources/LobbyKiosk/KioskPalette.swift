#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A colour as 8-bit red, green, blue.
public struct RGBColor: Hashable, Sendable {
    /// Red.
    public var red: UInt8
    /// Green.
    public var green: UInt8
    /// Blue.
    public var blue: UInt8
    /// A colour from `0xRRGGBB`.
    public init(_ hex: UInt32) {
        red = UInt8((hex >> 16) & 0xFF)
        green = UInt8((hex >> 8) & 0xFF)
        blue = UInt8(hex & 0xFF)
    }

    /// WCAG relative luminance.
    public var relativeLuminance: Double {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG contrast ratio between two colours (1…21).
    public func contrast(with other: RGBColor) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// The colours of a screen. Both palettes pass WCAG AA for all text; the high-contrast one AAA.
public struct KioskPalette: Hashable, Sendable {
    /// Screen background.
    public var background: RGBColor
    /// Ordinary text.
    public var text: RGBColor
    /// Title text.
    public var title: RGBColor
    /// Entry, key and navigation buttons: fill.
    public var buttonFill: RGBColor
    /// Their label.
    public var buttonText: RGBColor
    /// Their frame.
    public var buttonBorder: RGBColor
    /// Primary button fill.
    public var primaryFill: RGBColor
    /// Primary button label.
    public var primaryText: RGBColor
    /// Disabled button label and dashed frame.
    public var disabledText: RGBColor
    /// Notice frame.
    public var notice: RGBColor
    /// Frame width in millimetres (thicker in high contrast).
    public var borderMillimetres: Double

    /// Dark blue on light grey.
    public static let standard = KioskPalette(
        background: RGBColor(0xF2F4F7), text: RGBColor(0x1B1F24), title: RGBColor(0x0B3D6E),
        buttonFill: RGBColor(0xFFFFFF), buttonText: RGBColor(0x0B3D6E), buttonBorder: RGBColor(0x0B3D6E),
        primaryFill: RGBColor(0x0B3D6E), primaryText: RGBColor(0xFFFFFF), disabledText: RGBColor(0x5F6B78),
        notice: RGBColor(0x8A1C00), borderMillimetres: 0.6)

    /// Yellow and white on black.
    public static let highContrast = KioskPalette(
        background: RGBColor(0x000000), text: RGBColor(0xFFFFFF), title: RGBColor(0xFFFF00),
        buttonFill: RGBColor(0x000000), buttonText: RGBColor(0xFFFF00), buttonBorder: RGBColor(0xFFFF00),
        primaryFill: RGBColor(0xFFFF00), primaryText: RGBColor(0x000000), disabledText: RGBColor(0xBFBFBF),
        notice: RGBColor(0xFFFFFF), borderMillimetres: 1.2)
}
