import LobbyQueue

/// Representative states of every screen, for screenshots, golden images and documentation.
public enum KioskSampleStates {
    /// The booking code the check-in samples show (synthetic).
    public static let sampleCode = BookingCode(payload: 4_242_424)
    /// The status page address the done samples' QR code encodes (synthetic token).
    public static let sampleStatusURL = "https://lobby.example/t/7KQ2MX9RTA4PZ8WB"

    /// A state showing `screen` in `language` (ignored on the multilingual screens).
    /// Uses the first services of the catalogue; the requirement screens use a service that needs
    /// the credential when one exists, otherwise the first service.
    public static func state(_ screen: ScreenName, language: Language, accessible: Bool, catalog: KioskCatalog, now: Instant) -> KioskState {
        var state = KioskState(now: now)
        state.accessible = accessible
        state.language = language
        let first = catalog.order.first ?? ServiceID("none")
        let rootList = ServiceListState(scope: .all, query: "", page: 0)
        func step(_ service: ServiceID, _ remaining: [CredentialKind] = []) -> ServiceStep {
            ServiceStep(service: service, list: rootList, remaining: remaining, credentials: [], unreadable: false, estimate: nil)
        }
        let estimate = WaitEstimate(peopleAhead: 7, expectedWaitSeconds: 1_260, openWindows: 3, averageServiceSeconds: 540)
        let request = RequestID("sample-1")
        switch screen {
        case .attract: state.stage = .attract; state.language = nil
        case .language: state.stage = .language; state.language = nil
        case .categories: state.stage = .categories(CategoryListState(node: .root, page: 0))
        case .services:
            state.stage = .services(rootList)
            // Waits beside the services: a queue, one short wait, and the rest without an answer yet.
            for (index, id) in catalog.alphabetical(language).prefix(3).enumerated() {
                state.serviceEstimates[id] = index == 1
                    ? WaitEstimate(peopleAhead: 0, expectedWaitSeconds: 0, openWindows: 2, averageServiceSeconds: 300)
                    : WaitEstimate(peopleAhead: 4 + index, expectedWaitSeconds: Int64(600 + 420 * index), openWindows: 2, averageServiceSeconds: 300)
            }
        case .idDocument:
            let id = catalog.order.first { catalog.services[$0]!.requiresIDDocument } ?? first
            state.stage = .requirement(step(id, [.idDocument]))
        case .appointment:
            let id = catalog.order.first { catalog.services[$0]!.appointmentOnly } ?? first
            state.stage = .requirement(step(id, [.appointmentCode]))
        case .confirm:
            var s = step(first)
            s.estimate = estimate
            state.stage = .confirm(s)
        case .priority:
            var s = step(first)
            s.estimate = estimate
            state.stage = .priority(s)
        case .printing: state.stage = .printing(step(first), request, since: now)
        case .done, .doneUnprinted:
            let receipt = TicketReceipt(requestID: request, number: (catalog.services[first]?.prefix ?? "A") + "042", peopleAhead: 7,
                                        expectedWaitSeconds: 1_260, printed: screen == .done, windows: [3, 4, 7],
                                        statusURL: sampleStatusURL)
            state.stage = .done(step(first), receipt)
        case .failure: state.stage = .failure(step(first), request, .unavailable)
        case .checkIn:
            // Six of eight characters typed: the grouping shows and the check-in button waits.
            let categories = KioskStage.categories(CategoryListState(node: .root, page: 0))
            state.stage = .codeEntry(CodeEntry(typed: String(sampleCode.rawValue.prefix(6)), purpose: .checkIn(returnTo: categories)))
        case .checkInFailure:
            let categories = KioskStage.categories(CategoryListState(node: .root, page: 0))
            let entry = CodeEntry(typed: sampleCode.rawValue, purpose: .checkIn(returnTo: categories))
            state.stage = .checkInFailure(CheckInStep(code: sampleCode, entry: entry), request, .checkInTooEarly(opensAt: TimeOfDay(hour: 9)))
        }
        return state
    }
}
