import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Search ranks the names that start with the letters first", .tags(.unit))
struct KioskSearchRankTests {
    @Test("typing P in English lists the names starting with P before Flat privatisation")
    func startsFirst() throws {
        let centre = try SampleCentre.load()
        let catalog = KioskCatalog(configuration: centre)
        let list = catalog.list(.all, query: "P", language: .en)
        let names = list.map { catalog.services[$0]!.name.text(in: .en) }
        let starting = names.prefix { $0.uppercased().hasPrefix("P") }
        #expect(starting.count >= 3, "\(names)")
        #expect(names.first == "Passport for a child" || names.first == "Passport issue", "\(names)")
        let flat = try #require(names.firstIndex(of: "Flat privatisation"))
        #expect(flat >= starting.count, "\(names)")
        // Each group keeps alphabetical order.
        #expect(Array(starting) == starting.sorted())
    }

    @Test("first word, then a later word, then inside a word; each group in the scope's order")
    func threeGroups() {
        let services = [
            ServiceDefinition(id: "inside", agency: "x", name: LocalizedText(en: "Compass check"), prefix: "A"),
            ServiceDefinition(id: "later", agency: "x", name: LocalizedText(en: "Child passport"), prefix: "B"),
            ServiceDefinition(id: "start", agency: "x", name: LocalizedText(en: "Pass"), prefix: "C"),
            ServiceDefinition(id: "none", agency: "x", name: LocalizedText(en: "Divorce"), prefix: "D"),
            ServiceDefinition(id: "start2", agency: "x", name: LocalizedText(en: "Passport"), prefix: "E"),
        ]
        let catalog = KioskCatalog(services: services)
        #expect(catalog.list(.all, query: "PAS", language: .en) == ["start", "start2", "later", "inside"])
        #expect(catalog.list(.category(.root), query: "PAS", language: .en) == ["start", "start2", "later", "inside"])
        // A letter that only occurs inside a word is still useful.
        #expect(catalog.usefulLetters(.all, query: "", language: .en).contains("V"))
        #expect(!catalog.usefulLetters(.all, query: "", language: .en).contains("Z"))
    }

    @Test("Russian and Azerbaijani: the name's first word first")
    func otherLanguages() {
        let services = [
            ServiceDefinition(id: "a", agency: "x", name: LocalizedText(az: "Mənzilin özəlləşdirilməsi", ru: "Приватизация квартиры"), prefix: "A"),
            ServiceDefinition(id: "b", agency: "x", name: LocalizedText(az: "Pasport", ru: "Выдача паспорта"), prefix: "B"),
            ServiceDefinition(id: "c", agency: "x", name: LocalizedText(az: "Uşaq üçün pasport", ru: "Паспорт для ребёнка"), prefix: "C"),
        ]
        let catalog = KioskCatalog(services: services)
        #expect(catalog.list(.all, query: "П", language: .ru) == ["c", "a", "b"])
        #expect(catalog.list(.all, query: "P", language: .az) == ["b", "c"])
    }
}
