import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct KioskFlowTests {
    static let catalog = KioskCatalog(configuration: try! SampleCentre.load())

    /// A flow showing the sample state of `screen`.
    static func flow(_ screen: ScreenName, accessible: Bool = false, geometry: KioskGeometry = .portraitFullHD) throws -> (KioskFlow, Instant) {
        let centre = try SampleCentre.load()
        var c = centre
        c.services[0].requiresIDDocument = true
        let catalog = KioskCatalog(configuration: c)
        let now = Instant(seconds: 5_000)
        let state = KioskSampleStates.state(screen, language: .ru, accessible: accessible, catalog: catalog, now: now)
        return (KioskFlow(configuration: KioskConfiguration(geometry: geometry, centreName: c.name, requestPrefix: "t"),
                          catalog: catalog, strings: try SampleCentre.strings(), state: state), now)
    }

    static func tap(_ flow: inout KioskFlow, _ action: KioskAction, at now: Instant) -> [KioskEffect] {
        guard let b = flow.screen.button(for: action), b.isEnabled else { return [] }
        return flow.handle(.tap(x: b.frame.center.x, y: b.frame.center.y), at: now)
    }

    static let backTable: [(ScreenName, ScreenName)] = [
        (.language, .attract), (.categories, .language), (.services, .categories), (.idDocument, .services),
        (.appointment, .services), (.confirm, .services), (.printing, .printing), (.done, .categories),
        (.doneUnprinted, .categories), (.failure, .services), (.checkIn, .categories), (.checkInFailure, .checkIn),
    ]

    @Test(arguments: backTable)
    func backGoesOneScreenBack(_ from: ScreenName, _ to: ScreenName) throws {
        var (flow, now) = try Self.flow(from)
        #expect(flow.screen.name == from)
        let back = try #require(flow.screen.button(for: .back))
        #expect(back.isEnabled == (from != .printing))
        _ = flow.handle(.tap(x: back.frame.center.x, y: back.frame.center.y), at: now.adding(seconds: 1))
        #expect(flow.screen.name == to)
        if from != .printing && to != .attract { #expect(flow.state.language == .ru) }
    }

    @Test(arguments: ScreenName.allCases)
    func homeAndAccessibleToggleOnEveryScreen(_ screen: ScreenName) throws {
        var (flow, now) = try Self.flow(screen)
        // The toggle is always present, bottom right, and flips the mode without leaving the screen.
        let toggle = try #require(flow.screen.button(for: .toggleAccessible))
        #expect(toggle.isEnabled && toggle.state == .normal)
        #expect(toggle.frame.maxX > flow.screen.geometry.width / 2 && toggle.frame.y > flow.screen.geometry.height * 3 / 4)
        let effects = Self.tap(&flow, .toggleAccessible, at: now)
        #expect(flow.state.accessible && flow.screen.accessible && flow.screen.name == screen)
        #expect(effects.contains(.screenChanged(screen)))
        #expect(flow.screen.button(for: .toggleAccessible)?.state == .selected)
        #expect(flow.screen.button(for: .toggleAccessible)?.label.hasPrefix("✓") == true)
        if screen == .attract {
            #expect(flow.screen.button(for: .home) == nil)
            return
        }
        let home = try #require(flow.screen.button(for: .home))
        _ = flow.handle(.tap(x: home.frame.center.x, y: home.frame.center.y), at: now.adding(seconds: 1))
        if screen == .printing {
            #expect(flow.screen.name == .printing, "home is disabled while the ticket is being issued")
        } else {
            #expect(flow.screen.name == .attract && flow.state.language == nil && !flow.state.accessible)
        }
    }

    static let idleTable: [(ScreenName, Int64)] = [
        (.language, 60), (.categories, 60), (.services, 60), (.idDocument, 60), (.appointment, 60), (.confirm, 60),
        (.done, 20), (.doneUnprinted, 120), (.failure, 60), (.checkIn, 60), (.checkInFailure, 60),
    ]

    @Test(arguments: idleTable)
    func idleTimeoutReturnsToAttract(_ screen: ScreenName, _ seconds: Int64) throws {
        var (flow, now) = try Self.flow(screen, accessible: true)
        #expect(flow.nextDeadline == now.adding(seconds: seconds))
        _ = flow.handle(.tick, at: now.adding(milliseconds: seconds * 1000 - 1))
        #expect(flow.screen.name == screen)
        // A touch anywhere (even between buttons) postpones the timeout.
        _ = flow.handle(.tap(x: 1, y: 1), at: now.adding(seconds: seconds - 1))
        _ = flow.handle(.tick, at: now.adding(seconds: seconds))
        #expect(flow.screen.name == screen)
        let effects = flow.handle(.tick, at: now.adding(seconds: 2 * seconds - 1))
        #expect(flow.screen.name == .attract && !flow.state.accessible && flow.state.language == nil)
        #expect(effects.contains(.screenChanged(.attract)))
        if screen == .idDocument || screen == .appointment { #expect(effects.contains(.stopReaders)) }
    }

    @Test func attractHasNoTimeoutAndPrintingTimesOutToFailure() throws {
        var (attract, now) = try Self.flow(.attract)
        #expect(attract.nextDeadline == nil)
        _ = attract.handle(.tick, at: now.adding(seconds: 86_400))
        #expect(attract.screen.name == .attract)
        var (printing, t0) = try Self.flow(.printing)
        _ = printing.handle(.tick, at: t0.adding(seconds: 14))
        #expect(printing.screen.name == .printing)
        _ = printing.handle(.tick, at: t0.adding(seconds: 15))
        #expect(printing.screen.name == .failure)
        #expect(printing.screen.button(for: .retry)?.isEnabled == true)
        _ = now
    }

    @Test func pagingThroughHundredsOfServices() throws {
        var kiosk = try Kiosk(centre: SampleCentre.large(360))
        kiosk.tap(.start)
        kiosk.tap(.chooseLanguage(.en))
        kiosk.tap(.allServices)
        let first = try #require(kiosk.flow.screen.page)
        #expect(first.index == 0 && first.count > 10)
        #expect(kiosk.flow.screen.button(for: .previousPage)?.isEnabled == false)
        var seen = Set<ServiceID>()
        for expected in 0..<first.count {
            #expect(kiosk.flow.screen.page?.index == expected)
            for b in kiosk.flow.screen.buttons { if case .chooseService(let id) = b.action { #expect(seen.insert(id).inserted) } }
            if expected < first.count - 1 { do { let tapped = kiosk.tap(.nextPage); #expect(tapped) } }
        }
        #expect(seen.count == 360, "every service appears on exactly one page")
        #expect(kiosk.flow.screen.button(for: .nextPage)?.isEnabled == false)
        do { let tapped = kiosk.tap(.nextPage); #expect(!tapped) }
        do { let tapped = kiosk.tap(.previousPage); #expect(tapped) }
        #expect(kiosk.flow.screen.page?.index == first.count - 2)
        // Accessible mode: fewer rows, more pages, page index kept within range.
        kiosk.tap(.toggleAccessible)
        let accessible = try #require(kiosk.flow.screen.page)
        #expect(accessible.count > first.count && accessible.index < accessible.count)
    }

    @Test func categoriesComeFromCategoryPaths() throws {
        var kiosk = try Kiosk()
        kiosk.tap(.start)
        kiosk.tap(.chooseLanguage(.az))
        #expect(kiosk.screen == .categories)
        let categories = kiosk.flow.screen.buttons.filter { if case .openCategory = $0.action { true } else { false } }
        #expect(categories.map(\.label) == ["Daxili İşlər Nazirliyi", "Ədliyyə Nazirliyi", "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi",
                                            "Əmlak Məsələləri Dövlət Xidməti", "Dövlət Miqrasiya Xidməti"])
        let node = categories[0].action
        kiosk.tap(node)
        #expect(kiosk.screen == .services)
        let names = kiosk.flow.screen.buttons.compactMap { if case .chooseService = $0.action { $0.label } else { nil } }
        #expect(names.first == "Şəxsiyyət vəsiqəsinin verilməsi" && names.count == 8)
        kiosk.tap(.back)
        #expect(kiosk.screen == .categories)
    }

    @Test func letterSearchInAzerbaijani() throws {
        var kiosk = try Kiosk()
        kiosk.tap(.start)
        kiosk.tap(.chooseLanguage(.az))
        kiosk.tap(.allServices)
        #expect(kiosk.flow.screen.button(for: .deleteLetter)?.state == .disabled)
        do { let tapped = kiosk.tap(.letter("Ş")); #expect(tapped) }
        let names = kiosk.flow.screen.buttons.compactMap { if case .chooseService = $0.action { $0.label } else { nil } }
        #expect(!names.isEmpty)
        for name in names { #expect(KioskAlphabet.words(name, .az).contains { $0.contains("Ş") }, "\(name)") }
        #expect(kiosk.flow.screen.texts.contains { $0.text == "Axtarış: Ş" })
        // Letters that would leave nothing are disabled (dashed, not tappable), and say so by shape, not colour.
        let dead = kiosk.flow.screen.buttons.filter { if case .letter = $0.action { $0.state == .disabled } else { false } }
        #expect(!dead.isEmpty)
        do { let tapped = kiosk.tap(dead[0].action); #expect(!tapped) }
        kiosk.tap(.letter("Ə"))
        let narrowed = kiosk.flow.screen.buttons.compactMap { if case .chooseService = $0.action { $0.label } else { nil } }
        #expect(narrowed.allSatisfy { name in KioskAlphabet.words(name, .az).contains { word in word.contains("ŞƏ") } })
        #expect(narrowed.count <= names.count)
        kiosk.tap(.deleteLetter)
        #expect(kiosk.flow.screen.texts.contains { $0.text == "Axtarış: Ş" })
        kiosk.tap(.clearLetters)
        #expect(kiosk.flow.screen.button(for: .clearLetters)?.state == .disabled)
    }

    @Test(arguments: [
        ("istifadə", Language.az, "İSTİFADƏ"), ("ılıq", .az, "ILIQ"), ("İxrac", .az, "İXRAC"),
        ("ёлка", .ru, "ЕЛКА"), ("identity", .en, "IDENTITY"), ("Çıxarış", .az, "ÇIXARIŞ"),
    ])
    func languageAwareFolding(_ text: String, _ language: Language, _ folded: String) {
        #expect(KioskAlphabet.fold(text, language) == folded)
    }

    @Test func azerbaijaniDottedAndDotlessIAreDifferentKeys() {
        let services = [
            ServiceDefinition(id: "a", agency: "x", name: LocalizedText(az: "İxrac"), prefix: "A"),
            ServiceDefinition(id: "b", agency: "x", name: LocalizedText(az: "Işıq"), prefix: "B"),
        ]
        let catalog = KioskCatalog(services: services)
        #expect(catalog.list(.all, query: "İ", language: .az) == ["a"])
        #expect(catalog.list(.all, query: "I", language: .az) == ["b"])
        let useful = catalog.usefulLetters(.all, query: "", language: .az)
        #expect(useful.isSuperset(of: ["İ", "I", "Ş", "X"]) && !useful.contains("Ə"), "letters of the names, also inside words")
        #expect(catalog.alphabetical(.az) == ["b", "a"], "I comes before İ in the Azerbaijani alphabet")
    }
}
