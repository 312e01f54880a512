import LobbyKioskFixtures
import Foundation
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct KioskRenderTests {
    static let geometries: [KioskGeometry] = [.portraitFullHD, .landscapeFullHD, KioskGeometry(width: 540, height: 960)]

    @Test(arguments: geometries)
    func noTranslationOverflowsItsBox(_ geometry: KioskGeometry) throws {
        let strings = try KioskStringFiles.load()
        let canvas = try KioskCanvas(width: geometry.width, height: geometry.height)
        var failures: [String] = []
        for centre in [try SampleCentre.load(), SampleCentre.large(360)] {
            var centre = centre
            centre.services[0].requiresIDDocument = true
            centre.services[0].appointmentOnly = true
            for screen in ScreenName.allCases {
                for language in Language.allCases {
                    for accessible in [false, true] {
                        var model = KioskScreenshot.model(screen, language: language, accessible: accessible, geometry: geometry, centre: centre, strings: strings)
                        failures += canvas.overflows(model).map { "\(language) a=\(accessible): \($0)" }
                        // Also with a long search query on the services screen.
                        if screen == .services, let i = model.texts.firstIndex(where: { $0.origin == .translation(.searchHint) }) {
                            model.texts[i].text = strings.text(.searchQuery, language, ["query": "ŞƏХИДМ"])
                            model.texts[i].origin = .translation(.searchQuery)
                            failures += canvas.overflows(model).map { "\(language) a=\(accessible): \($0)" }
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) overflows:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test func anOverlongTranslationIsDetected() throws {
        let strings = try KioskStringFiles.load()
        let canvas = try KioskCanvas(width: 540, height: 960)
        var model = KioskScreenshot.model(.confirm, language: .en, accessible: true, geometry: KioskGeometry(width: 540, height: 960),
                                          centre: try SampleCentre.load(), strings: strings)
        let index = try #require(model.buttons.firstIndex { $0.action == .takeTicket })
        model.buttons[index].label = "Take a ticket for this service right now please"
        let overflows = canvas.overflows(model)
        #expect(overflows.map(\.key) == [.takeTicket])
    }

    @Test func aLabelRunningIntoItsSelectedFrameIsDetected() throws {
        // The check measures against the inside of the frame as drawn: a label that fits inside a
        // thin frame overflows the same button selected (frame three times as thick).
        let strings = try KioskStringFiles.load()
        let canvas = try KioskCanvas(width: 540, height: 960)
        let base = KioskScreenshot.model(.attract, language: .en, accessible: true, geometry: KioskGeometry(width: 540, height: 960),
                                         centre: try SampleCentre.load(), strings: strings)
        let index = try #require(base.buttons.firstIndex { $0.action == .toggleAccessible })
        var found = false
        for height in stride(from: 40, through: 140, by: 2) {
            var normal = base, selected = base
            normal.buttons[index].state = .normal
            normal.buttons[index].frame.height = height
            selected.buttons[index].state = .selected
            selected.buttons[index].frame.height = height
            if canvas.overflows(normal).isEmpty && !canvas.overflows(selected).isEmpty { found = true }
        }
        #expect(found)
    }

    @Test func dejaVuCoversAzerbaijaniAndCyrillic() throws {
        let canvas = try KioskCanvas(width: 540, height: 960)
        let geometry = KioskGeometry(width: 540, height: 960)
        let model = KioskScreenModel(name: .printing, geometry: geometry, accessible: false, language: .az,
                                     texts: [KioskText(frame: PixelRect(x: 0, y: 0, width: 540, height: 200), text: "ƏəĞğIıİiÖöÜüÇçŞş ЁёЖжЩщЫыЭэЮюЯя ◀▶⌂⌫✓",
                                                       size: 20, role: .body, maxLines: 3, origin: .translation(.printingWait))], buttons: [], page: nil)
        #expect(canvas.overflows(model).isEmpty)
    }

    @Test func partialRedrawMatchesAFullRedraw() throws {
        let strings = try KioskStringFiles.load()
        let centre = try SampleCentre.load()
        let geometry = KioskGeometry(width: 540, height: 960)
        let configuration = KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "t")
        var flow = KioskFlow(configuration: configuration, catalog: KioskCatalog(configuration: centre), strings: strings,
                             state: KioskSampleStates.state(.services, language: .az, accessible: false, catalog: KioskCatalog(configuration: centre), now: Instant(seconds: 0)))
        let partial = try KioskCanvas(width: 540, height: 960)
        partial.draw(flow.screen)
        let before = flow.screen
        _ = flow.handle(.action(.letter("Ş")), at: Instant(seconds: 1))
        let damage = try #require(KioskDamage.region(from: before, to: flow.screen))
        #expect(damage.height < 960, "a letter changes the list, search line and keys, not the footer")
        partial.draw(flow.screen, clip: damage)
        let full = try KioskCanvas(width: 540, height: 960)
        full.draw(flow.screen)
        #expect(partial.pixels() == full.pixels())
    }
}
