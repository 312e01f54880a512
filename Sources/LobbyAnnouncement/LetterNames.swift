/// How the letters A–Z of a ticket prefix are said in each language, as people in a service
/// centre say them (Azerbaijani letter names; the Russian names of Latin letters; English names).
public enum LetterNames {
    /// The spoken name of `letter` (A–Z) in `language`, or nil for any other character.
    public static func name(of letter: Character, in language: SpokenLanguage) -> String? {
        guard let scalar = letter.unicodeScalars.first, letter.unicodeScalars.count == 1,
              (65...90).contains(scalar.value) else { return nil }
        let index = Int(scalar.value) - 65
        switch language {
        case .az: return az[index]
        case .ru: return ru[index]
        case .en: return en[index]
        }
    }

    /// The clip that says `letter` in `language`.
    public static func clip(_ letter: Character, in language: SpokenLanguage) -> Clip? {
        name(of: letter, in: language).map { Clip(id: "\(language.rawValue).letter.\(letter)", language: language, text: $0) }
    }

    /// Every letter clip of `language`.
    public static func allClips(in language: SpokenLanguage) -> [Clip] {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ".compactMap { clip($0, in: language) }
    }

    // Azerbaijani alphabet names (W is not an Azerbaijani letter: "dubl-ve", as it is said).
    static let az = ["a", "be", "ce", "de", "e", "fe", "ge", "he", "ı", "je", "ka", "el", "em",
                     "en", "o", "pe", "qe", "er", "es", "te", "u", "ve", "dubl-ve", "xe", "ye", "ze"]
    // Russian names of the Latin letters.
    static let ru = ["а", "бэ", "цэ", "дэ", "е", "эф", "гэ", "аш", "и", "йот", "ка", "эль", "эм",
                     "эн", "о", "пэ", "ку", "эр", "эс", "тэ", "у", "вэ", "дубль-вэ", "икс", "игрек", "зэт"]
    // English letter names (British "zed").
    static let en = ["ay", "bee", "see", "dee", "ee", "ef", "gee", "aitch", "eye", "jay", "kay", "el", "em",
                     "en", "oh", "pee", "cue", "ar", "ess", "tee", "you", "vee", "double-you", "ex", "why", "zed"]
}
