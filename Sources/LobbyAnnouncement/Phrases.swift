/// The fixed phrases of an announcement in each language.
public enum Phrases {
    /// "Ticket" before the ticket's number.
    public static func ticket(_ language: SpokenLanguage) -> Clip {
        phrase("ticket", language, az: "Bilet", ru: "Билет", en: "Ticket")
    }

    /// Said before the call on a recall.
    public static func recall(_ language: SpokenLanguage) -> Clip {
        phrase("recall", language, az: "Təkrar çağırış", ru: "Повторный вызов", en: "Calling again")
    }

    /// Azerbaijani: after the window's number ("5 nömrəli pəncərəyə").
    public static let azerbaijaniToWindow = Clip(id: "az.phrase.to-window", language: .az, text: "nömrəli pəncərəyə")
    /// Russian: "к" before the window's ordinal.
    public static let russianTo = Clip(id: "ru.phrase.to", language: .ru, text: "к")
    /// Russian: "ко" before "второму" (the consonant cluster "вт").
    public static let russianToBeforeCluster = Clip(id: "ru.phrase.to-cluster", language: .ru, text: "ко")
    /// Russian: "окну" after the window's ordinal.
    public static let russianWindow = Clip(id: "ru.phrase.window", language: .ru, text: "окну")
    /// English: before the window's number.
    public static let englishToWindow = Clip(id: "en.phrase.to-window", language: .en, text: "to window")

    /// Every phrase clip of `language`.
    public static func allClips(in language: SpokenLanguage) -> [Clip] {
        let fixed: [Clip]
        switch language {
        case .az: fixed = [azerbaijaniToWindow]
        case .ru: fixed = [russianTo, russianToBeforeCluster, russianWindow]
        case .en: fixed = [englishToWindow]
        }
        return [ticket(language), recall(language)] + fixed
    }

    static func phrase(_ name: String, _ language: SpokenLanguage, az: String, ru: String, en: String) -> Clip {
        let text: String
        switch language {
        case .az: text = az
        case .ru: text = ru
        case .en: text = en
        }
        return Clip(id: "\(language.rawValue).phrase.\(name)", language: language, text: text)
    }
}
