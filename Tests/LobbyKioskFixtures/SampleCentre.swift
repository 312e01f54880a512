import Foundation
import LobbyConfiguration
import LobbyKiosk
import LobbyQueue

/// The sample centre of Docs/Examples/lobby.yaml (the demo's), and synthetic centres, for kiosk tests.
public enum SampleCentre {
    /// The 40-service sample centre, read by the same loader lobbyd uses.
    public static func load() throws -> CentreConfiguration {
        try ConfigurationLoader.parse(LobbyConfiguration.SampleCentre.yaml, file: "sample centre").centre
    }

    /// A synthetic centre of `count` services in 12 agencies with two-level categories.
    public static func large(_ count: Int) -> CentreConfiguration {
        let services = (0..<count).map { i in
            ServiceDefinition(id: ServiceID("svc\(i)"), agency: AgencyID("agency\(i % 12)"),
                              name: LocalizedText(az: "Xidmət \(i)", ru: "Услуга \(i)", en: "Service \(i)"),
                              categoryPath: [LocalizedText(az: "Qurum \(i % 12)", ru: "Ведомство \(i % 12)", en: "Agency \(i % 12)")],
                              prefix: "S")
        }
        return CentreConfiguration(name: LocalizedText(az: "Sınaq", ru: "Тест", en: "Test"), agencies: [], services: services, windows: [])
    }

    /// The translation files of the source tree.
    public static let stringsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/LobbyKiosk/Strings").standardized

    /// The kiosk's strings, read from the source tree.
    public static func strings() throws -> KioskStrings {
        var files: [Language: [UInt8]] = [:]
        for language in Language.allCases {
            files[language] = Array(try Data(contentsOf: stringsDirectory.appendingPathComponent("\(language.rawValue).json")))
        }
        return try KioskStrings(files: files)
    }
}
