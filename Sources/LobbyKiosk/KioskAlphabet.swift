import LobbyQueue

/// The letters of the on-screen search keyboard per language, and language-aware folding of
/// names for matching (Azerbaijani `i`/`İ` and `ı`/`I` are distinct letters; Russian `Ё` folds to `Е`).
public enum KioskAlphabet {
    /// The keyboard letters of `language`, in alphabetical order.
    public static func letters(_ language: Language) -> [String] {
        switch language {
        case .az: azerbaijani
        case .ru: russian
        case .en: english
        }
    }

    static let azerbaijani = "A B C Ç D E Ə F G Ğ H X I İ J K Q L M N O Ö P R S Ş T U Ü V Y Z".split(separator: " ").map(String.init)
    static let russian = "А Б В Г Д Е Ж З И Й К Л М Н О П Р С Т У Ф Х Ц Ч Ш Щ Ъ Ы Ь Э Ю Я".split(separator: " ").map(String.init)
    static let english = "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z".split(separator: " ").map(String.init)

    /// Upper-cases `text` by the rules of `language`.
    public static func fold(_ text: String, _ language: Language) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch (language, scalar) {
            case (.az, "i"): out.unicodeScalars.append("İ")
            case (.az, "ı"): out.unicodeScalars.append("I")
            case (_, "ё"), (_, "Ё"): out.unicodeScalars.append("Е")
            default: out += String(scalar).uppercased()
            }
        }
        return out
    }

    /// The words of `text` folded for `language`; letters and digits only, split at anything else.
    public static func words(_ text: String, _ language: Language) -> [String] {
        fold(text, language).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Whether any word of `name` begins with `query` (already folded); an empty query matches.
    public static func matches(name: String, query: String, language: Language) -> Bool {
        if query.isEmpty { return true }
        return words(name, language).contains { $0.hasPrefix(query) }
    }

    /// A sort key ordering names by the language's alphabet (Ç after C, Ə after E, …).
    public static func sortKey(_ text: String, _ language: Language) -> [Int] {
        let table = letters(language)
        var rank: [Character: Int] = [:]
        for (index, letter) in table.enumerated() { rank[Character(letter)] = index * 2 + 1000 }
        return fold(text, language).map { character in
            if let r = rank[character] { return r }
            if character == " " { return 0 }
            return Int(character.unicodeScalars.first!.value) + 2000
        }
    }
}
