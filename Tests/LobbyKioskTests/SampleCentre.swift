import Foundation
import LobbyKiosk
import LobbyQueue

/// The sample centre of Docs/Examples/lobby.yaml (converted to JSON in Fixtures), and synthetic centres.
enum SampleCentre {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ any: Any?) -> LocalizedText {
        let d = any as? [String: String] ?? [:]
        return LocalizedText(az: d["az"], ru: d["ru"], en: d["en"])
    }

    /// The 40-service sample centre.
    static func load() throws -> CentreConfiguration {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("sample-centre.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let services = (json["services"] as! [[String: Any]]).map { s in
            ServiceDefinition(id: ServiceID(s["id"] as! String), agency: AgencyID(s["agency"] as! String), name: text(s["name"]),
                              categoryPath: (s["category"] as? [Any] ?? []).map(text), prefix: s["prefix"] as! String,
                              expectedServiceSeconds: Int64(s["expectedMinutes"] as? Int ?? 5) * 60,
                              appointmentOnly: s["appointmentOnly"] as? Bool ?? false, requiresIDDocument: s["requiresID"] as? Bool ?? false)
        }
        return CentreConfiguration(name: text(json["name"]), agencies: [], services: services, windows: [])
    }

    /// A synthetic centre of `count` services in 12 agencies with two-level categories.
    static func large(_ count: Int) -> CentreConfiguration {
        let services = (0..<count).map { i in
            ServiceDefinition(id: ServiceID("svc\(i)"), agency: AgencyID("agency\(i % 12)"),
                              name: LocalizedText(az: "Xidmət \(i)", ru: "Услуга \(i)", en: "Service \(i)"),
                              categoryPath: [LocalizedText(az: "Qurum \(i % 12)", ru: "Ведомство \(i % 12)", en: "Agency \(i % 12)")],
                              prefix: "S")
        }
        return CentreConfiguration(name: LocalizedText(az: "Sınaq", ru: "Тест", en: "Test"), agencies: [], services: services, windows: [])
    }

    static let stringsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/LobbyKiosk/Strings").standardized

    /// The translation files of the source tree.
    static func strings() throws -> KioskStrings {
        var files: [Language: [UInt8]] = [:]
        for language in Language.allCases {
            files[language] = Array(try Data(contentsOf: stringsDirectory.appendingPathComponent("\(language.rawValue).json")))
        }
        return try KioskStrings(files: files)
    }
}
