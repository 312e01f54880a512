import LobbyKioskFixtures
import Foundation
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue
import LobbyTestSupport
import Testing

/// Every screen in each language and mode at 540×960, compared pixel-wise with Golden/*.png.
/// Regenerate with LOBBY_RECORD_GOLDEN=1 (then review the images before committing them).
@Suite(.tags(.unit)) struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let geometry = KioskGeometry(width: 540, height: 960)

    static var cases: [(ScreenName, Language, Bool)] {
        ScreenName.allCases.flatMap { screen in
            // Attract and language are the same in every language.
            let languages: [Language] = (screen == .attract || screen == .language) ? [.az] : Language.allCases
            return languages.flatMap { language in [false, true].map { (screen, language, $0) } }
        }
    }

    @Test(arguments: cases)
    func screenMatchesGolden(_ screen: ScreenName, _ language: Language, _ accessible: Bool) throws {
        let strings = try KioskStringFiles.load()
        var centre = try SampleCentre.load()
        centre.services[0].requiresIDDocument = true
        let canvas = try KioskCanvas(width: Self.geometry.width, height: Self.geometry.height)
        canvas.draw(KioskScreenshot.model(screen, language: language, accessible: accessible, geometry: Self.geometry, centre: centre, strings: strings))
        let path = Self.directory.appendingPathComponent("\(screen.rawValue)-\(language.rawValue)\(accessible ? "-accessible" : "").png").path
        if ProcessInfo.processInfo.environment["LOBBY_RECORD_GOLDEN"] == "1" {
            try KioskStringFiles.writeFile(path, canvas.pngData())
            return
        }
        let golden = try KioskImage.readPNG(path)
        let rendered = KioskImage(width: canvas.width, height: canvas.height, pixels: canvas.pixels())
        let differing = try #require(rendered.differingPixels(from: golden, tolerance: 8), "size differs from \(path)")
        #expect(differing <= rendered.pixels.count / 1000, "\(differing) pixels differ from \(path)")
    }
}
