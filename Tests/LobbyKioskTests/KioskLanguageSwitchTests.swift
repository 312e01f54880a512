import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Language at every step", .tags(.unit))
struct KioskLanguageSwitchTests {
    @Test("the attract screen offers the three languages directly: one tap to the first list")
    func attractOffersLanguages() throws {
        var kiosk = try Kiosk()
        for language in Language.allCases { #expect(kiosk.flow.screen.button(for: .chooseLanguage(language)) != nil) }
        #expect(kiosk.flow.screen.button(for: .start) != nil, "Start still opens the language screen")
        kiosk.tap(.chooseLanguage(.ru))
        #expect(kiosk.screen == .categories)
        #expect(kiosk.flow.state.language == .ru)
    }

    @Test("the language screen's back and home speak all three languages")
    func languageScreenNavigation() throws {
        var kiosk = try Kiosk()
        kiosk.tap(.start)
        #expect(kiosk.screen == .language)
        let back = try #require(kiosk.flow.screen.button(for: .back))
        let home = try #require(kiosk.flow.screen.button(for: .home))
        #expect(back.label == "◀ Geri\n◀ Назад\n◀ Back")
        #expect(home.label == "⌂ Əvvələ\n⌂ В начало\n⌂ Home")
        kiosk.tap(.back)
        #expect(kiosk.screen == .attract)
    }

    @Test("switching language on the confirm screen keeps the service, the estimate and large text")
    func switchMidFlow() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport", .ru)
        kiosk.tap(.toggleAccessible)
        kiosk.send(.estimate("passport", WaitEstimate(peopleAhead: 3, expectedWaitSeconds: 600, openWindows: 1, averageServiceSeconds: 300)))
        #expect(kiosk.flow.screen.texts.contains { $0.text == "Перед вами: 3 чел." })
        let current = try #require(kiosk.flow.screen.button(for: .chooseLanguage(.ru)))
        #expect(current.state == .selected && current.label.hasPrefix("✓"))
        kiosk.tap(.chooseLanguage(.en))
        #expect(kiosk.screen == .confirm)
        #expect(kiosk.flow.state.accessible)
        #expect(kiosk.flow.screen.accessible)
        #expect(kiosk.flow.screen.texts.contains { $0.text == "People ahead of you: 3" })
        #expect(kiosk.flow.screen.texts.contains { $0.text == "Passport issue" })
        kiosk.tap(.takeTicket)
        #expect(kiosk.issues.map(\.language) == [.en])
    }

    @Test("switching language in a search starts the search again in the new alphabet, on the same list")
    func switchInSearch() throws {
        var kiosk = try Kiosk()
        kiosk.tap(.chooseLanguage(.az))
        kiosk.tap(.allServices)
        kiosk.tap(.letter("Ş"))
        kiosk.tap(.chooseLanguage(.ru))
        #expect(kiosk.screen == .services)
        guard case .services(let list) = kiosk.flow.state.stage else { Issue.record("not on services"); return }
        #expect(list.query == "" && list.scope == .all)
        #expect(kiosk.flow.screen.button(for: .letter("Ж")) != nil)
    }

    @Test("while printing the language switch is disabled like back and home")
    func disabledWhilePrinting() throws {
        var kiosk = try Kiosk()
        kiosk.goToService("passport")
        kiosk.tap(.takeTicket)
        #expect(kiosk.screen == .printing)
        #expect(kiosk.flow.screen.button(for: .chooseLanguage(.az))?.state == .disabled)
        let tapped = kiosk.tap(.chooseLanguage(.az))
        #expect(!tapped)
    }
}
