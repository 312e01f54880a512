/// A single-byte character table of ESC/POS printers: bytes 0x20-0x7E are ASCII, bytes
/// 0x80-0xFF are the table's own characters. Which `ESC t n` number selects a table differs by
/// vendor, so that number lives in the printer profile (`TextModeSupport.codePages`); the tables
/// themselves are the published IBM/Microsoft ones (a test compares them with Python's codecs).
public struct CodePage: Equatable, Hashable, Sendable {
    /// The name used in printer profiles, e.g. `pc857`.
    public let name: String
    /// The characters of bytes 0x80-0xFF; nil where the table defines none.
    public let upperHalf: [Unicode.Scalar?]
    private let bytesByScalar: [Unicode.Scalar: UInt8]

    /// A table from its 128 upper characters (U+FFFD marks an undefined byte).
    init(name: String, upperHalf text: String) {
        let scalars = Array(text.unicodeScalars)
        precondition(scalars.count == 128, "a code page has 128 upper characters")
        self.name = name
        upperHalf = scalars.map { $0 == "\u{FFFD}" ? nil : $0 }
        var map: [Unicode.Scalar: UInt8] = [:]
        for (index, scalar) in upperHalf.enumerated() {
            if let scalar, map[scalar] == nil { map[scalar] = UInt8(0x80 + index) }
        }
        bytesByScalar = map
    }

    /// The byte that prints `scalar` in this table: ASCII as itself, nil when the table lacks it.
    public func byte(for scalar: Unicode.Scalar) -> UInt8? {
        if (0x20...0x7E).contains(scalar.value) { return UInt8(scalar.value) }
        return bytesByScalar[scalar]
    }

    /// The character a byte prints in this table (nil for control bytes and undefined ones).
    public func scalar(for byte: UInt8) -> Unicode.Scalar? {
        if (0x20...0x7E).contains(byte) { return Unicode.Scalar(byte) }
        return byte >= 0x80 ? upperHalf[Int(byte) - 0x80] : nil
    }

    /// PC437 (USA, standard Europe): ASCII and box drawing; the power-on code page.
    public static let pc437 = CodePage(name: "pc437", upperHalf: "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}")
    /// PC857 (Turkish): every Azerbaijani letter but Ə/ə.
    public static let pc857 = CodePage(name: "pc857", upperHalf: "ÇüéâäàåçêëèïîıÄÅÉæÆôöòûùİÖÜø£ØŞşáíóúñÑĞğ¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ºªÊËÈ\u{FFFD}ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµ\u{FFFD}×ÚÛÙìÿ¯´\u{AD}±\u{FFFD}¾¶§÷¸°¨·¹³²■\u{A0}")
    /// PC866 (Cyrillic #2): the Russian alphabet with Ё/ё and №.
    public static let pc866 = CodePage(name: "pc866", upperHalf: "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀рстуфхцчшщъыьэюяЁёЄєЇїЎў°∙·√№¤■\u{A0}")
    /// WPC1251 (Windows Cyrillic): the Russian alphabet with Ё/ё and №.
    public static let wpc1251 = CodePage(name: "wpc1251", upperHalf: "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u{FFFD}™љ›њќћџ\u{A0}ЎўЈ¤Ґ¦§Ё©Є«¬\u{AD}®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя")
    /// WPC1254 (Windows Turkish): every Azerbaijani letter but Ə/ə.
    public static let wpc1254 = CodePage(name: "wpc1254", upperHalf: "€\u{FFFD}‚ƒ„…†‡ˆ‰Š‹Œ\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}‘’“”•–—˜™š›œ\u{FFFD}\u{FFFD}Ÿ\u{A0}¡¢£¤¥¦§¨©ª«¬\u{AD}®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏĞÑÒÓÔÕÖ×ØÙÚÛÜİŞßàáâãäåæçèéêëìíîïğñòóôõö÷øùúûüışÿ")

    /// Every table Lobby knows, by profile name.
    public static let all: [String: CodePage] = Dictionary(uniqueKeysWithValues: [pc437, pc857, pc866, wpc1251, wpc1254].map { ($0.name, $0) })
}
