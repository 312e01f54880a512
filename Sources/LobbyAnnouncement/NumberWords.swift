/// Numbers as sequences of word clips, with each language's grammar.
///
/// Azerbaijani: "üç yüz qırx iki" (no "bir" before "yüz"). Russian: cardinal "сто двадцать
/// один", and the dative of the ordinal for "к … окну", where only the last word takes the
/// ordinal's case ending ("к сто двадцать первому окну", "к двухсотому окну"). English
/// (British): "three hundred and forty-two".
public enum NumberWords {
    /// The largest number said as words; larger ticket numbers are said digit by digit.
    public static let largest = 999

    /// The clips that say `n` (0...999) as a cardinal number in `language`; digit by digit above 999.
    public static func cardinal(_ n: Int, in language: SpokenLanguage) -> [Clip] {
        precondition(n >= 0, "numbers are not negative")
        if n > largest { return String(n).map { cardinal(Int(String($0))!, in: language) }.flatMap { $0 } }
        if n == 0 { return [number(0, language)] }
        switch language {
        case .az: return azerbaijani(n)
        case .ru: return russian(n)
        case .en: return english(n)
        }
    }

    /// The Russian dative ordinal of `n` (1...999), masculine/neuter, as in "к пятому окну".
    public static func russianOrdinalDative(_ n: Int) -> [Clip] {
        precondition((1...largest).contains(n), "ordinals are said for 1...999")
        let hundreds = n / 100 * 100, rest = n % 100
        // The parts of the number as the cardinal would name them, largest first.
        var parts: [Int] = []
        if hundreds > 0 { parts.append(hundreds) }
        if rest >= 20 {
            parts.append(rest / 10 * 10)
            if rest % 10 > 0 { parts.append(rest % 10) }
        } else if rest > 0 {
            parts.append(rest)
        }
        let last = parts.removeLast()
        return parts.map { number($0, .ru) } + [Clip(id: "ru.ordinal-dative.\(last)", language: .ru, text: russianOrdinalsDative[last]!)]
    }

    /// The value a sequence of number clips says (the inverse of `cardinal` up to 999), or nil
    /// when a clip is not a number word.
    public static func value(of clips: [Clip]) -> Int? {
        var total = 0, current = 0
        for clip in clips {
            let parts = clip.id.split(separator: ".")
            guard parts.count == 3 else { return nil }
            switch (parts[1], parts[2]) {
            case ("word", "hundred"): current = max(current, 1) * 100
            case ("word", "and"): continue
            case ("number", let v), ("ordinal-dative", let v):
                guard let value = Int(v) else { return nil }
                current += value
            default: return nil
            }
        }
        total += current
        return total
    }

    /// Every number clip of `language` (what a voice pack must hold to say 0...999 and digits).
    public static func allClips(in language: SpokenLanguage) -> [Clip] {
        var clips: [Clip]
        switch language {
        case .az:
            clips = (0...9).map { number($0, .az) } + stride(from: 10, through: 90, by: 10).map { number($0, .az) } + [hundred(.az)]
        case .ru:
            clips = (0...19).map { number($0, .ru) } + stride(from: 20, through: 90, by: 10).map { number($0, .ru) }
                + stride(from: 100, through: 900, by: 100).map { number($0, .ru) }
            clips += russianOrdinalsDative.keys.sorted().map { Clip(id: "ru.ordinal-dative.\($0)", language: .ru, text: russianOrdinalsDative[$0]!) }
        case .en:
            clips = (0...19).map { number($0, .en) } + stride(from: 20, through: 90, by: 10).map { number($0, .en) }
                + [hundred(.en), Clip(id: "en.word.and", language: .en, text: "and")]
        }
        return clips
    }

    /// Joins number clips as written text ("forty-two", "сорок два", "qırx iki").
    public static func text(_ clips: [Clip]) -> String {
        var out = ""
        var previous: Clip?
        for clip in clips {
            if let p = previous {
                // English writes tens and units with a hyphen: "forty-two".
                let hyphen = p.language == .en && p.id.hasPrefix("en.number.") && (Int(p.id.split(separator: ".")[2]) ?? 0) >= 20
                    && clip.id.hasPrefix("en.number.") && (Int(clip.id.split(separator: ".")[2]) ?? 0) < 10
                out += hyphen ? "-" : " "
            }
            out += clip.text
            previous = clip
        }
        return out
    }

    static func number(_ n: Int, _ language: SpokenLanguage) -> Clip {
        let text: String
        switch language {
        case .az: text = azerbaijaniWords[n]!
        case .ru: text = russianWords[n]!
        case .en: text = englishWords[n]!
        }
        return Clip(id: "\(language.rawValue).number.\(n)", language: language, text: text)
    }

    static func hundred(_ language: SpokenLanguage) -> Clip {
        Clip(id: "\(language.rawValue).word.hundred", language: language, text: language == .az ? "yüz" : "hundred")
    }

    static func azerbaijani(_ n: Int) -> [Clip] {
        var out: [Clip] = []
        let h = n / 100, t = n % 100 / 10, u = n % 10
        if h > 1 { out.append(number(h, .az)) }
        if h > 0 { out.append(hundred(.az)) }
        if t > 0 { out.append(number(t * 10, .az)) }
        if u > 0 { out.append(number(u, .az)) }
        return out
    }

    static func russian(_ n: Int) -> [Clip] {
        var out: [Clip] = []
        let h = n / 100, rest = n % 100
        if h > 0 { out.append(number(h * 100, .ru)) }
        return out + belowHundred(rest, .ru)
    }

    static func english(_ n: Int) -> [Clip] {
        var out: [Clip] = []
        let h = n / 100, rest = n % 100
        if h > 0 { out += [number(h, .en), hundred(.en)] }
        if h > 0 && rest > 0 { out.append(Clip(id: "en.word.and", language: .en, text: "and")) }
        return out + belowHundred(rest, .en)
    }

    /// 1...99 where the teens are single words (Russian, English): tens, then units.
    static func belowHundred(_ rest: Int, _ language: SpokenLanguage) -> [Clip] {
        if rest >= 20 { return [number(rest / 10 * 10, language)] + (rest % 10 > 0 ? [number(rest % 10, language)] : []) }
        return rest > 0 ? [number(rest, language)] : []
    }

    static let azerbaijaniWords: [Int: String] = [
        0: "sıfır", 1: "bir", 2: "iki", 3: "üç", 4: "dörd", 5: "beş", 6: "altı", 7: "yeddi", 8: "səkkiz", 9: "doqquz",
        10: "on", 20: "iyirmi", 30: "otuz", 40: "qırx", 50: "əlli", 60: "altmış", 70: "yetmiş", 80: "səksən", 90: "doxsan",
    ]
    static let russianWords: [Int: String] = [
        0: "ноль", 1: "один", 2: "два", 3: "три", 4: "четыре", 5: "пять", 6: "шесть", 7: "семь", 8: "восемь", 9: "девять",
        10: "десять", 11: "одиннадцать", 12: "двенадцать", 13: "тринадцать", 14: "четырнадцать", 15: "пятнадцать",
        16: "шестнадцать", 17: "семнадцать", 18: "восемнадцать", 19: "девятнадцать",
        20: "двадцать", 30: "тридцать", 40: "сорок", 50: "пятьдесят", 60: "шестьдесят", 70: "семьдесят", 80: "восемьдесят", 90: "девяносто",
        100: "сто", 200: "двести", 300: "триста", 400: "четыреста", 500: "пятьсот", 600: "шестьсот", 700: "семьсот",
        800: "восемьсот", 900: "девятьсот",
    ]
    static let russianOrdinalsDative: [Int: String] = [
        1: "первому", 2: "второму", 3: "третьему", 4: "четвёртому", 5: "пятому", 6: "шестому", 7: "седьмому", 8: "восьмому",
        9: "девятому", 10: "десятому", 11: "одиннадцатому", 12: "двенадцатому", 13: "тринадцатому", 14: "четырнадцатому",
        15: "пятнадцатому", 16: "шестнадцатому", 17: "семнадцатому", 18: "восемнадцатому", 19: "девятнадцатому",
        20: "двадцатому", 30: "тридцатому", 40: "сороковому", 50: "пятидесятому", 60: "шестидесятому", 70: "семидесятому",
        80: "восьмидесятому", 90: "девяностому", 100: "сотому", 200: "двухсотому", 300: "трёхсотому", 400: "четырёхсотому",
        500: "пятисотому", 600: "шестисотому", 700: "семисотому", 800: "восьмисотому", 900: "девятисотому",
    ]
    static let englishWords: [Int: String] = [
        0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
        10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen",
        17: "seventeen", 18: "eighteen", 19: "nineteen",
        20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety",
    ]
}
