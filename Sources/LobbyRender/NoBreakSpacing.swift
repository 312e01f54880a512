import Foundation

/// Keeps together what a line break must not split on a ticket: `№ 3`, `No. 3`, `~15 dəq`, and
/// codes such as `7KQ2M-X9RTA`.
///
/// A space between `№` (or `No.`, `N°`) and a number, and between a number and a short unit word
/// after it (up to four letters: `dəq`, `мин`, `min`), becomes a no-break space (U+00A0). Both
/// modes honour it: pango does not break there, and the text-mode wrapper treats it as a letter.
/// A hyphen inside a code (capital letters and digits with at least one digit) is followed by a
/// word joiner (U+2060), which pango honours and text mode drops.
public enum NoBreakSpacing {
    /// The no-break space.
    public static let noBreakSpace: Character = "\u{00A0}"
    /// The word joiner: no break here, nothing printed.
    public static let wordJoiner: Character = "\u{2060}"

    /// `text` with the spaces that must not break replaced.
    public static func apply(to text: String) -> String {
        let characters = Array(text)
        var output = characters
        for index in characters.indices where characters[index] == " " {
            guard index > 0, index + 1 < characters.count else { continue }
            let before = characters[..<index]
            let after = characters[(index + 1)...]
            let numberFollows = after.first?.isNumber == true
            let signBefore = before.last == "№" || before.last == "°" || before.suffix(3).elementsEqual("No.")
            if numberFollows && signBefore {
                output[index] = noBreakSpace
                continue
            }
            // A number followed by a short unit word (letters, then a space, punctuation or the end).
            if before.last?.isNumber == true {
                let word = after.prefix { $0.isLetter }
                let end = after.dropFirst(word.count).first
                if (1...4).contains(word.count), end == nil || end == " " || end == "." || end == "," || end == ")" {
                    output[index] = noBreakSpace
                }
            }
        }
        return joinCodes(String(output))
    }

    private static func joinCodes(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let isCode = word.contains("-") && word.contains { $0.isNumber }
                && word.allSatisfy { $0 == "-" || $0.isNumber || ($0.isLetter && $0.isUppercase && $0.isASCII) }
            return isCode ? word.replacingOccurrences(of: "-", with: "-\u{2060}") : String(word)
        }.joined(separator: " ")
    }
}
