import LobbyMRZ

/// One key a keyboard-wedge reader presses to type a character: the keycode and whether Shift is
/// held (pure; the inverse of `USKeyboardLayout`, used by simulators and benchmarks).
public struct KeyStroke: Sendable, Hashable {
    /// Linux keycode (KEY_*).
    public var code: UInt16
    /// Whether Shift is held (capitals, `<`).
    public var shifted: Bool

    /// A stroke.
    public init(code: UInt16, shifted: Bool) {
        self.code = code
        self.shifted = shifted
    }

    /// Enter, which ends a line.
    public static let enter = KeyStroke(code: USKeyboardLayout.Keycode.enter, shifted: false)

    /// The stroke that types `character` on the US layout (letters with Shift, as readers send
    /// capitals; `<` is Shift+comma); nil for characters no key types.
    public static func typing(_ character: Unicode.Scalar) -> KeyStroke? {
        table[character]
    }

    /// The strokes of MRZ lines, Enter after each; nil when a character cannot be typed.
    public static func typing(lines: [String]) -> [KeyStroke]? {
        var strokes: [KeyStroke] = []
        for line in lines {
            for scalar in line.unicodeScalars {
                guard let stroke = typing(scalar) else { return nil }
                strokes.append(stroke)
            }
            strokes.append(.enter)
        }
        return strokes
    }

    /// Every keycode the layout types with, plus Shift, Enter and Backspace (what a simulated
    /// reader advertises).
    public static let allCodes: [UInt16] = {
        var codes = Set(table.values.map(\.code))
        codes.formUnion([USKeyboardLayout.Keycode.leftShift, USKeyboardLayout.Keycode.enter, USKeyboardLayout.Keycode.backspace])
        return codes.sorted()
    }()

    private static let table: [Unicode.Scalar: KeyStroke] = {
        var table: [Unicode.Scalar: KeyStroke] = [:]
        // Main block first (1…88), so digits come from the number row, not the keypad.
        let codes = Array(UInt16(1)...UInt16(88)).filter { !(71...83).contains($0) && $0 != 55 } + Array(71...83) + [55, 98]
        for code in codes {
            for shifted in [true, false] {
                guard let scalar = USKeyboardLayout.character(for: code, shifted: shifted), table[scalar] == nil else { continue }
                let isLetter = scalar.properties.isUppercase
                // Letters: readers hold Shift; other characters: only when Shift is what makes them.
                let needsShift = isLetter || (shifted && USKeyboardLayout.character(for: code, shifted: false) != scalar)
                table[scalar] = KeyStroke(code: code, shifted: needsShift)
            }
        }
        return table
    }()
}
