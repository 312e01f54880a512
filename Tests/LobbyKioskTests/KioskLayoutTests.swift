import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct KioskLayoutTests {
    static let geometries: [KioskGeometry] = [.portraitFullHD, .landscapeFullHD, KioskGeometry(width: 540, height: 960)]

    @Test(arguments: geometries)
    func targetsAreAtLeast15mmInsideTheScreenAndApart(_ geometry: KioskGeometry) throws {
        let centre = SampleCentre.large(360)
        let catalog = KioskCatalog(configuration: centre)
        let builder = KioskScreenBuilder(configuration: KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "t"),
                                         catalog: catalog, strings: try SampleCentre.strings())
        let bounds = PixelRect(x: 0, y: 0, width: geometry.width, height: geometry.height)
        for screen in ScreenName.allCases {
            for language in Language.allCases {
                for accessible in [false, true] {
                    let model = builder.model(for: KioskSampleStates.state(screen, language: language, accessible: accessible, catalog: catalog, now: Instant(seconds: 0)))
                    let where_ = "\(screen) \(language) accessible=\(accessible) \(geometry.width)x\(geometry.height)"
                    for button in model.buttons {
                        #expect(geometry.millimetres(button.frame.width) >= 15 && geometry.millimetres(button.frame.height) >= 15,
                                "\(where_): \(button.action) is \(button.frame)")
                        #expect(bounds.union(button.frame) == bounds, "\(where_): \(button.action) off screen")
                    }
                    for (i, a) in model.buttons.enumerated() {
                        for b in model.buttons[(i + 1)...] { #expect(!a.frame.intersects(b.frame), "\(where_): \(a.action) overlaps \(b.action)") }
                    }
                    for text in model.texts {
                        #expect(bounds.union(text.frame) == bounds, "\(where_): text \(text.text) off screen")
                        for b in model.buttons { #expect(!text.frame.intersects(b.frame), "\(where_): text \(text.text) under \(b.action)") }
                    }
                    if accessible {
                        let standard = builder.model(for: KioskSampleStates.state(screen, language: language, accessible: false, catalog: catalog, now: Instant(seconds: 0)))
                        let large = model.buttons.first { $0.action == .toggleAccessible }!.labelSize
                        #expect(large > standard.buttons.first { $0.action == .toggleAccessible }!.labelSize * 1.3)
                    }
                }
            }
        }
    }

    @Test func palettesHaveEnoughContrast() {
        for (palette, minimum) in [(KioskPalette.standard, 4.5), (.highContrast, 7.0)] {
            #expect(palette.text.contrast(with: palette.background) >= minimum)
            #expect(palette.title.contrast(with: palette.background) >= minimum)
            #expect(palette.buttonText.contrast(with: palette.buttonFill) >= minimum)
            #expect(palette.primaryText.contrast(with: palette.primaryFill) >= minimum)
            #expect(palette.disabledText.contrast(with: palette.background) >= 4.5)
        }
        #expect(KioskPalette.highContrast.borderMillimetres > KioskPalette.standard.borderMillimetres)
    }

    @Test func disabledAndSelectedStatesCarryTextOrShape() throws {
        var kiosk = try Kiosk()
        kiosk.tap(.start)
        kiosk.tap(.toggleAccessible)
        kiosk.tap(.chooseLanguage(.en))
        // Selected: the label says so (the renderer also thickens the frame).
        #expect(kiosk.flow.screen.button(for: .toggleAccessible)?.label == "✓ Large text")
        kiosk.tap(.toggleAccessible)
        #expect(kiosk.flow.screen.button(for: .toggleAccessible)?.label == "Large text")
    }
}
