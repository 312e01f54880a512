import LobbyKioskFixtures
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue
import LobbyTestSupport
import Testing

/// Every check-in state (each failure reason, mistyped code, keypad for a service, done of an
/// appointment) in every language, mode and resolution: no translation overflows its box.
@Suite(.tags(.unit)) struct KioskCheckInRenderTests {
    @Test(arguments: KioskRenderTests.geometries)
    func noCheckInTranslationOverflows(_ geometry: KioskGeometry) throws {
        let strings = try KioskStringFiles.load()
        let canvas = try KioskCanvas(width: geometry.width, height: geometry.height)
        var centre = try SampleCentre.load()
        var failures: [String] = []
        var checked = 0
        for categories in [true, false] {
            if !categories { for i in centre.services.indices { centre.services[i].categoryPath = [] } }
            let catalog = KioskCatalog(configuration: centre)
            let configuration = KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "t")
            let builder = KioskScreenBuilder(configuration: configuration, catalog: catalog, strings: strings)
            for language in Language.allCases {
                for accessible in [false, true] {
                    var states = KioskSampleStates.checkInVariants(language: language, accessible: accessible, catalog: catalog)
                    var first = KioskFlow(configuration: configuration, catalog: catalog, strings: strings,
                                          state: KioskSampleStates.state(.language, language: language, accessible: accessible,
                                                                         catalog: catalog, now: Instant(seconds: 0)))
                    _ = first.handle(.action(.chooseLanguage(language)), at: Instant(seconds: 1))
                    states.append(("first list", first.state))
                    for (name, state) in states {
                        failures += canvas.overflows(builder.model(for: state)).map { "\(name) \(language) a=\(accessible): \($0)" }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 100)
        #expect(failures.isEmpty, "\(failures.count) overflows:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test func anOverlongCheckInTranslationIsDetected() throws {
        let strings = try KioskStringFiles.load()
        let canvas = try KioskCanvas(width: 540, height: 960)
        var model = KioskScreenshot.model(.checkInFailure, language: .ru, accessible: true, geometry: KioskGeometry(width: 540, height: 960),
                                          centre: try SampleCentre.load(), strings: strings)
        let index = try #require(model.texts.firstIndex { $0.role == .notice })
        model.texts[index].text = String(repeating: model.texts[index].text + " ", count: 3)
        #expect(canvas.overflows(model).map(\.key) == [.checkInTooEarly])
    }
}
