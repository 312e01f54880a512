import LobbyQueue

/// Synthetic centres for tests, benchmarks and the crash test (no real data).
public enum ScenarioCentre {
    /// A centre with `services` services (prefixes A, B, …) and `windows` windows; each window
    /// serves three neighbouring services with weights 3, 2, 1.
    public static func make(services: Int = 8, windows: Int = 6, timeZone: String = "Asia/Baku",
                            numbering: NumberingRule = NumberingRule(first: 1, last: 999, wraps: false)) -> CentreConfiguration {
        let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ").map(String.init)
        let agencies = (0..<max(1, services / 4)).map { AgencyDefinition(id: AgencyID("agency\($0)"), name: LocalizedText(en: "Agency \($0)")) }
        let svc = (0..<services).map { i in
            ServiceDefinition(
                id: ServiceID("s\(i)"), agency: agencies[i % agencies.count].id,
                name: LocalizedText(az: "Xidmət \(i)", ru: "Услуга \(i)", en: "Service \(i)"),
                prefix: i < letters.count ? letters[i] : letters[i / letters.count] + letters[i % letters.count],
                expectedServiceSeconds: 240 + Int64(i % 5) * 60)
        }
        let win = (0..<windows).map { w in
            var weights: [ServiceID: Int] = [:]
            for k in 0..<min(3, services) { weights[svc[(w + k) % services].id] = 3 - k }
            return WindowDefinition(id: WindowID(w + 1), agency: svc[w % services].agency, services: weights)
        }
        return CentreConfiguration(
            name: LocalizedText(az: "Sınaq mərkəzi", ru: "Тестовый центр", en: "Test centre"),
            timeZone: timeZone, numbering: numbering,
            agencies: agencies, services: svc, windows: win,
            priorities: [
                PriorityCategory(id: "disabled", name: LocalizedText(en: "Disabled"), policy: .first(maxConsecutive: 2)),
                PriorityCategory(id: "aged65", name: LocalizedText(en: "Aged 65+"), policy: .boost(seconds: 600)),
            ])
    }

    /// A centre of generalist windows: every window serves every one of `services` services
    /// with weight 1 (as in a small centre where any operator serves any citizen).
    public static func generalist(services: Int = 20, windows: Int = 4) -> CentreConfiguration {
        var c = make(services: services, windows: windows)
        let all = Dictionary(uniqueKeysWithValues: c.services.map { ($0.id, 1) })
        c.windows = c.windows.map { WindowDefinition(id: $0.id, agency: $0.agency, services: all) }
        return c
    }
}
