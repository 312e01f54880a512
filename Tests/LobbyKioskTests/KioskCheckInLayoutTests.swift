import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

/// Layout of every check-in state (beyond the one sample per screen) in every language, mode
/// and resolution: targets at least 15 mm, on screen, not overlapping, texts not under buttons.
@Suite(.tags(.unit)) struct KioskCheckInLayoutTests {
    @Test(arguments: KioskLayoutTests.geometries)
    func everyCheckInStateHasLargeSeparateTargets(_ geometry: KioskGeometry) throws {
        var centre = try SampleCentre.load()
        let noCategories = centre.services.map { service -> ServiceDefinition in var s = service; s.categoryPath = []; return s }
        let bounds = PixelRect(x: 0, y: 0, width: geometry.width, height: geometry.height)
        var checked = 0
        for services in [centre.services, noCategories] {
            centre.services = services
            let catalog = KioskCatalog(configuration: centre)
            let builder = KioskScreenBuilder(configuration: KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "t"),
                                             catalog: catalog, strings: try SampleCentre.strings())
            for language in Language.allCases {
                for accessible in [false, true] {
                    var states = KioskSampleStates.checkInVariants(language: language, accessible: accessible, catalog: catalog)
                    // The first list after the language: categories, or the services when there are none.
                    var first = KioskFlow(configuration: builder.configuration, catalog: catalog, strings: builder.strings,
                                          state: KioskSampleStates.state(.language, language: language, accessible: accessible,
                                                                         catalog: catalog, now: Instant(seconds: 0)))
                    _ = first.handle(.action(.chooseLanguage(language)), at: Instant(seconds: 1))
                    #expect(first.screen.button(for: .openCheckIn) != nil, "check-in offered on \(first.screen.name)")
                    states.append(("first list", first.state))
                    for (name, state) in states {
                        let model = builder.model(for: state)
                        let place = "\(name) \(language) accessible=\(accessible) \(geometry.width)x\(geometry.height)"
                        for button in model.buttons {
                            #expect(geometry.millimetres(button.frame.width) >= 15 && geometry.millimetres(button.frame.height) >= 15,
                                    "\(place): \(button.action) is \(button.frame)")
                            #expect(bounds.union(button.frame) == bounds, "\(place): \(button.action) off screen")
                        }
                        for (i, a) in model.buttons.enumerated() {
                            for b in model.buttons[(i + 1)...] { #expect(!a.frame.intersects(b.frame), "\(place): \(a.action) overlaps \(b.action)") }
                        }
                        for text in model.texts {
                            #expect(bounds.union(text.frame) == bounds, "\(place): text \(text.text) off screen")
                            for b in model.buttons { #expect(!text.frame.intersects(b.frame), "\(place): text \(text.text) under \(b.action)") }
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    @Test(arguments: KioskLayoutTests.geometries)
    func keypadKeysAreLargerThanTheMinimumAndCheckInIsEntryOnTheFirstScreen(_ geometry: KioskGeometry) throws {
        let centre = try SampleCentre.load()
        let catalog = KioskCatalog(configuration: centre)
        let builder = KioskScreenBuilder(configuration: KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "t"),
                                         catalog: catalog, strings: try SampleCentre.strings())
        for accessible in [false, true] {
            let keypad = builder.model(for: KioskSampleStates.state(.checkIn, language: .az, accessible: accessible, catalog: catalog, now: Instant(seconds: 0)))
            let keys = keypad.buttons.filter { if case .letter = $0.action { true } else { false } }
            #expect(keys.count == BookingCode.alphabet.count)
            let smallest = keys.map { min(geometry.millimetres($0.frame.width), geometry.millimetres($0.frame.height)) }.min()!
            #expect(smallest >= (accessible ? 22 : 17), "keys as large as the letter search's, \(smallest) mm")
            // The check-in button is the first button of the categories screen and spans the width.
            let first = builder.model(for: KioskSampleStates.state(.categories, language: .az, accessible: accessible, catalog: catalog, now: Instant(seconds: 0)))
            let entry = try #require(first.buttons.first)
            #expect(entry.action == .openCheckIn && entry.kind == .primary)
            #expect(entry.frame.width == first.buttons.first { $0.action == .allServices }!.frame.width)
        }
    }
}
