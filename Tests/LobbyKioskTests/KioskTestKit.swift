import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue

/// A flow on the sample centre with helpers to tap buttons by action.
struct Kiosk {
    var flow: KioskFlow
    var now = Instant(seconds: 1_000_000)
    var effects: [KioskEffect] = []

    init(centre: CentreConfiguration? = nil, geometry: KioskGeometry = .portraitFullHD, documentCheckIn: Bool = false,
         priorities: Bool = false) throws {
        let centre = try centre ?? SampleCentre.load()
        flow = KioskFlow(configuration: KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "k1-boot7",
                                                           documentCheckIn: documentCheckIn, priorities: priorities ? centre.priorities : []),
                         catalog: KioskCatalog(configuration: centre), strings: try SampleCentre.strings(), now: now)
    }

    var screen: ScreenName { flow.screen.name }

    /// Taps the centre of the button with `action`; returns false when no such enabled button is shown.
    @discardableResult
    mutating func tap(_ action: KioskAction, after ms: Int64 = 300) -> Bool {
        now = now.adding(milliseconds: ms)
        guard let button = flow.screen.button(for: action), button.isEnabled else { return false }
        let c = button.frame.center
        effects += flow.handle(.tap(x: c.x, y: c.y), at: now)
        return true
    }

    mutating func send(_ input: KioskInput, after ms: Int64 = 100) {
        now = now.adding(milliseconds: ms)
        effects += flow.handle(input, at: now)
    }

    var issues: [KioskTicketRequest] {
        effects.compactMap { if case .issueTicket(let r) = $0 { r } else { nil } }
    }

    var checkIns: [KioskCheckInRequest] {
        effects.compactMap { if case .checkIn(let r) = $0 { r } else { nil } }
    }

    /// Types `code` on the keypad key by key; returns false when a key is missing or disabled.
    @discardableResult
    mutating func type(_ code: String) -> Bool {
        for character in code where !tap(.letter(String(character))) { return false }
        return true
    }

    /// From attract to the check-in keypad in `language` via the categories screen.
    mutating func goToCheckIn(_ language: Language = .en) {
        tap(.start)
        tap(.chooseLanguage(language))
        tap(.openCheckIn)
    }

    /// From attract to the confirm screen of `service` in `language` via the A–Z list.
    mutating func goToService(_ service: ServiceID, _ language: Language = .en) {
        tap(.start)
        tap(.chooseLanguage(language))
        tap(.allServices)
        while flow.screen.button(for: .chooseService(service)) == nil {
            guard tap(.nextPage) else { return }
        }
        tap(.chooseService(service))
    }
}
