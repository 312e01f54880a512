import LobbyAnnouncement
import LobbyTestSupport
import Testing

/// A number and how it is said, checked by hand.
struct Spoken: Sendable, CustomTestStringConvertible {
    let n: Int
    let words: String
    var testDescription: String { "\(n): \(words)" }
    init(_ n: Int, _ words: String) { self.n = n; self.words = words }
}

@Suite("Number words", .tags(.unit))
struct NumberWordsTests {
    static let azerbaijani: [Spoken] = [
        Spoken(1, "bir"), Spoken(5, "beş"), Spoken(6, "altı"), Spoken(10, "on"), Spoken(11, "on bir"), Spoken(19, "on doqquz"),
        Spoken(20, "iyirmi"), Spoken(42, "qırx iki"), Spoken(57, "əlli yeddi"), Spoken(68, "altmış səkkiz"), Spoken(73, "yetmiş üç"),
        Spoken(84, "səksən dörd"), Spoken(99, "doxsan doqquz"), Spoken(100, "yüz"), Spoken(101, "yüz bir"), Spoken(110, "yüz on"),
        Spoken(200, "iki yüz"), Spoken(342, "üç yüz qırx iki"), Spoken(580, "beş yüz səksən"), Spoken(706, "yeddi yüz altı"),
        Spoken(930, "doqquz yüz otuz"), Spoken(999, "doqquz yüz doxsan doqquz"),
    ]
    static let russian: [Spoken] = [
        Spoken(1, "один"), Spoken(2, "два"), Spoken(11, "одиннадцать"), Spoken(14, "четырнадцать"), Spoken(20, "двадцать"),
        Spoken(21, "двадцать один"), Spoken(40, "сорок"), Spoken(42, "сорок два"), Spoken(90, "девяносто"), Spoken(100, "сто"),
        Spoken(101, "сто один"), Spoken(112, "сто двенадцать"), Spoken(200, "двести"), Spoken(345, "триста сорок пять"),
        Spoken(400, "четыреста"), Spoken(500, "пятьсот"), Spoken(678, "шестьсот семьдесят восемь"), Spoken(999, "девятьсот девяносто девять"),
    ]
    static let russianOrdinals: [Spoken] = [
        Spoken(1, "первому"), Spoken(2, "второму"), Spoken(3, "третьему"), Spoken(4, "четвёртому"), Spoken(7, "седьмому"),
        Spoken(8, "восьмому"), Spoken(11, "одиннадцатому"), Spoken(20, "двадцатому"), Spoken(21, "двадцать первому"),
        Spoken(40, "сороковому"), Spoken(42, "сорок второму"), Spoken(90, "девяностому"), Spoken(100, "сотому"),
        Spoken(101, "сто первому"), Spoken(115, "сто пятнадцатому"), Spoken(200, "двухсотому"), Spoken(240, "двести сороковому"),
        Spoken(300, "трёхсотому"), Spoken(500, "пятисотому"), Spoken(803, "восемьсот третьему"), Spoken(999, "девятьсот девяносто девятому"),
    ]
    static let english: [Spoken] = [
        Spoken(1, "one"), Spoken(13, "thirteen"), Spoken(21, "twenty-one"), Spoken(40, "forty"), Spoken(99, "ninety-nine"),
        Spoken(100, "one hundred"), Spoken(105, "one hundred and five"), Spoken(342, "three hundred and forty-two"),
        Spoken(810, "eight hundred and ten"), Spoken(999, "nine hundred and ninety-nine"),
    ]

    @Test("Azerbaijani cardinals", arguments: azerbaijani)
    func az(_ s: Spoken) { #expect(NumberWords.text(NumberWords.cardinal(s.n, in: .az)) == s.words) }

    @Test("Russian cardinals", arguments: russian)
    func ru(_ s: Spoken) { #expect(NumberWords.text(NumberWords.cardinal(s.n, in: .ru)) == s.words) }

    @Test("Russian dative ordinals: only the last word takes the ending", arguments: russianOrdinals)
    func ruOrdinal(_ s: Spoken) { #expect(NumberWords.text(NumberWords.russianOrdinalDative(s.n)) == s.words) }

    @Test("English cardinals", arguments: english)
    func en(_ s: Spoken) { #expect(NumberWords.text(NumberWords.cardinal(s.n, in: .en)) == s.words) }

    @Test("Every number 1–999 in every language says its value with clips of the pack", arguments: SpokenLanguage.allCases)
    func everyNumber(_ language: SpokenLanguage) {
        let pack = Set(NumberWords.allClips(in: language))
        var seen: [String: Int] = [:]
        for n in 1...999 {
            let clips = NumberWords.cardinal(n, in: language)
            #expect(NumberWords.value(of: clips) == n, "\(language) \(n)")
            #expect(clips.allSatisfy(pack.contains), "\(language) \(n) uses a clip the pack lacks")
            #expect(!clips.contains { $0.id.hasSuffix(".number.0") }, "\(language) \(n) says zero")
            let text = NumberWords.text(clips)
            #expect(seen.updateValue(n, forKey: text) == nil, "\(language): '\(text)' said for two numbers")
            switch language {
            case .az:
                // "yüz", never "bir yüz"; at most four words.
                #expect(!text.hasPrefix("bir yüz"), "\(n): \(text)")
                #expect(clips.count <= 4)
            case .ru:
                // Teens are one word; hundreds are one word.
                #expect(clips.count == [n / 100 > 0, n % 100 >= 20, n % 100 >= 20 ? n % 10 > 0 : n % 100 > 0].filter { $0 }.count)
            case .en:
                #expect(text.contains(" and ") == (n > 100 && n % 100 != 0), "\(n): \(text)")
                #expect(text.contains("-") == (n % 100 > 20 && n % 10 != 0), "\(n): \(text)")
            }
        }
    }

    @Test("Every Russian ordinal 1–999: cardinal words, then one dative ordinal")
    func everyRussianOrdinal() {
        let pack = Set(NumberWords.allClips(in: .ru))
        for n in 1...999 {
            let clips = NumberWords.russianOrdinalDative(n)
            #expect(NumberWords.value(of: clips) == n, "\(n)")
            #expect(clips.allSatisfy(pack.contains))
            #expect(clips.last!.id.hasPrefix("ru.ordinal-dative."), "\(n)")
            #expect(clips.dropLast().allSatisfy { $0.id.hasPrefix("ru.number.") }, "\(n)")
            #expect(clips.last!.text.hasSuffix("ому") || clips.last!.text.hasSuffix("ему"), "\(n)")
            // The leading words match the cardinal's.
            let cardinal = NumberWords.cardinal(n, in: .ru)
            #expect(Array(cardinal.dropLast()) == Array(clips.dropLast()), "\(n)")
        }
    }

    @Test("Numbers above 999 are said digit by digit; zero has a word")
    func digits() {
        #expect(NumberWords.text(NumberWords.cardinal(1005, in: .en)) == "one zero zero five")
        #expect(NumberWords.text(NumberWords.cardinal(0, in: .az)) == "sıfır")
        #expect(NumberWords.text(NumberWords.cardinal(2040, in: .ru)) == "два ноль четыре ноль")
    }
}

@Suite("Letter names", .tags(.unit))
struct LetterNamesTests {
    @Test("Every prefix letter A–Z has a distinct name in every language", arguments: SpokenLanguage.allCases)
    func everyLetter(_ language: SpokenLanguage) {
        var names = Set<String>()
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" {
            let name = LetterNames.name(of: letter, in: language)
            #expect(name != nil && !name!.isEmpty, "\(language) \(letter)")
            #expect(names.insert(name ?? "").inserted, "\(language): \(letter) is said like another letter")
        }
        #expect(LetterNames.allClips(in: language).count == 26)
    }

    @Test("Letters as people say them, checked by hand")
    func samples() {
        let cases: [(Character, SpokenLanguage, String)] = [
            ("A", .az, "a"), ("B", .az, "be"), ("Q", .az, "qe"), ("X", .az, "xe"), ("I", .az, "ı"), ("K", .az, "ka"),
            ("A", .ru, "а"), ("B", .ru, "бэ"), ("H", .ru, "аш"), ("Y", .ru, "игрек"), ("W", .ru, "дубль-вэ"), ("Z", .ru, "зэт"),
            ("A", .en, "ay"), ("H", .en, "aitch"), ("W", .en, "double-you"), ("Z", .en, "zed"),
        ]
        for (letter, language, name) in cases { #expect(LetterNames.name(of: letter, in: language) == name, "\(language) \(letter)") }
    }

    @Test("Anything but A–Z has no name")
    func notLetters() {
        for c in ["a", "Ə", "Ж", "1", "-"] as [Character] { #expect(LetterNames.name(of: c, in: .az) == nil, "\(c)") }
    }
}
