import LobbyKiosk
import LobbyQueue

/// `lobbyctl kiosk screenshot --screen NAME --language L [--accessible] --out FILE.png`:
/// renders a representative state of a screen to PNG.
public enum KioskScreenshot {
    /// The model of `screen` laid out for `geometry`.
    public static func model(_ screen: ScreenName, language: Language, accessible: Bool, geometry: KioskGeometry,
                             centre: CentreConfiguration, strings: KioskStrings) -> KioskScreenModel {
        let catalog = KioskCatalog(configuration: centre)
        let configuration = KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "screenshot",
                                               priorities: centre.priorities)
        let state = KioskSampleStates.state(screen, language: language, accessible: accessible, catalog: catalog, now: Instant(milliseconds: 0))
        return KioskScreenBuilder(configuration: configuration, catalog: catalog, strings: strings).model(for: state)
    }

    /// PNG bytes of `screen`.
    public static func png(_ screen: ScreenName, language: Language, accessible: Bool, geometry: KioskGeometry = .portraitFullHD,
                           centre: CentreConfiguration, strings: KioskStrings) throws(KioskRenderError) -> [UInt8] {
        let canvas = try KioskCanvas(width: geometry.width, height: geometry.height)
        canvas.draw(model(screen, language: language, accessible: accessible, geometry: geometry, centre: centre, strings: strings))
        return try canvas.pngData()
    }

    /// Writes the PNG of `screen` to `path`.
    public static func write(_ screen: ScreenName, language: Language, accessible: Bool, geometry: KioskGeometry = .portraitFullHD,
                             centre: CentreConfiguration, strings: KioskStrings, to path: String) throws(KioskRenderError) {
        try KioskStringFiles.writeFile(path, png(screen, language: language, accessible: accessible, geometry: geometry, centre: centre, strings: strings))
    }
}
