/// A language offered to citizens at the kiosk and on tickets.
public enum Language: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Azerbaijani (Latin script).
    case az
    /// Russian.
    case ru
    /// English.
    case en

    /// Orders languages as the kiosk lists them.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Text in up to three languages; a missing translation falls back to another language.
public struct LocalizedText: Hashable, Sendable {
    /// The translations present, by language.
    public let translations: [Language: String]

    /// Creates a text from its translations; at least one should be present.
    public init(_ translations: [Language: String]) { self.translations = translations }

    /// Creates a text from the three usual translations, any of which may be missing.
    public init(az: String? = nil, ru: String? = nil, en: String? = nil) {
        var t: [Language: String] = [:]
        t[.az] = az
        t[.ru] = ru
        t[.en] = en
        self.translations = t
    }

    /// The text in `language`, else in Azerbaijani, English, Russian, in that order.
    public func text(in language: Language) -> String {
        if let t = translations[language] { return t }
        for fallback in [Language.az, .en, .ru] { if let t = translations[fallback] { return t } }
        return ""
    }
}
