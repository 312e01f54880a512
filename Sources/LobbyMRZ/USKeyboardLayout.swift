/// The fixed US keyboard layout used to turn a keyboard-wedge reader's Linux keycodes into characters.
///
/// Letters are always capitals (an MRZ has no lower case, and readers differ in how they send
/// capitals); `<` is Shift+comma; keypad digits assume NumLock on.
public enum USKeyboardLayout {
    /// Linux keycodes (input-event-codes.h) the assembler treats specially.
    public enum Keycode {
        /// KEY_BACKSPACE.
        public static let backspace: UInt16 = 14
        /// KEY_ENTER.
        public static let enter: UInt16 = 28
        /// KEY_LEFTSHIFT.
        public static let leftShift: UInt16 = 42
        /// KEY_RIGHTSHIFT.
        public static let rightShift: UInt16 = 54
        /// KEY_KPENTER.
        public static let keypadEnter: UInt16 = 96
        /// KEY_COMMA (Shift+comma is `<`).
        public static let comma: UInt16 = 51
    }

    /// Character of a keycode with or without Shift, nil for keys that type nothing.
    public static func character(for code: UInt16, shifted: Bool) -> Unicode.Scalar? {
        if let letter = letters[code] { return letter }
        if let pair = symbolPairs[code] { return shifted ? pair.1 : pair.0 }
        return keypad[code]
    }

    private static let letters: [UInt16: Unicode.Scalar] = {
        let rows: [(UInt16, String)] = [(16, "QWERTYUIOP"), (30, "ASDFGHJKL"), (44, "ZXCVBNM")]
        var table: [UInt16: Unicode.Scalar] = [:]
        for (start, row) in rows {
            for (offset, scalar) in row.unicodeScalars.enumerated() { table[start + UInt16(offset)] = scalar }
        }
        return table
    }()

    private static let symbolPairs: [UInt16: (Unicode.Scalar, Unicode.Scalar)] = [
        2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"),
        7: ("6", "^"), 8: ("7", "&"), 9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"),
        12: ("-", "_"), 13: ("=", "+"), 26: ("[", "{"), 27: ("]", "}"), 39: (";", ":"),
        40: ("'", "\""), 41: ("`", "~"), 43: ("\\", "|"), 51: (",", "<"), 52: (".", ">"),
        53: ("/", "?"), 57: (" ", " "),
    ]

    private static let keypad: [UInt16: Unicode.Scalar] = [
        71: "7", 72: "8", 73: "9", 74: "-", 75: "4", 76: "5", 77: "6", 78: "+",
        79: "1", 80: "2", 81: "3", 82: "0", 83: ".", 55: "*", 98: "/",
    ]
}
