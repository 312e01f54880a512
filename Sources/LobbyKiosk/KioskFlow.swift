import LobbyQueue

/// The kiosk as a state machine: inputs (taps, reader results, queue answers, ticks) and the
/// time in, effects out; `screen` is the laid-out model of the current state, which taps are
/// hit-tested against. Never reads a clock.
public struct KioskFlow: Sendable {
    /// Kiosk settings.
    public let configuration: KioskConfiguration
    /// The screen builder (catalogue and strings).
    public let builder: KioskScreenBuilder
    /// The state.
    public private(set) var state: KioskState
    /// The current screen.
    public private(set) var screen: KioskScreenModel

    /// A kiosk showing the attract screen at `now`.
    public init(configuration: KioskConfiguration, catalog: KioskCatalog, strings: KioskStrings, now: Instant) {
        self.configuration = configuration
        builder = KioskScreenBuilder(configuration: configuration, catalog: catalog, strings: strings)
        state = KioskState(now: now)
        screen = builder.model(for: state)
    }

    /// A kiosk in a given state (tests, screenshots).
    public init(configuration: KioskConfiguration, catalog: KioskCatalog, strings: KioskStrings, state: KioskState) {
        self.configuration = configuration
        builder = KioskScreenBuilder(configuration: configuration, catalog: catalog, strings: strings)
        self.state = state
        screen = builder.model(for: state)
    }

    /// The catalogue.
    public var catalog: KioskCatalog { builder.catalog }

    /// When a `.tick` would next change something (idle or printing timeout); nil on attract.
    public var nextDeadline: Instant? {
        switch state.stage {
        case .attract: nil
        case .printing(_, _, let since), .checkingIn(_, _, let since): since.adding(seconds: configuration.printingTimeoutSeconds)
        case .done(_, let receipt), .checkedIn(_, let receipt):
            state.lastActivity.adding(seconds: receipt.printed ? configuration.doneTimeoutSeconds : configuration.unprintedTimeoutSeconds)
        default: state.lastActivity.adding(seconds: configuration.idleTimeoutSeconds)
        }
    }

    /// Handles one input at `now`; returns the effects, ending with `.screenChanged` when the screen changed.
    public mutating func handle(_ input: KioskInput, at now: Instant) -> [KioskEffect] {
        let before = screen
        let beforeStage = state.stage
        var effects: [KioskEffect] = []
        switch input {
        case .tap(let x, let y):
            state.lastActivity = now
            if let button = screen.button(atX: x, y: y) { effects += perform(button.action, now: now) }
        case .action(let action):
            state.lastActivity = now
            // Only what the screen offers, enabled, as if tapped.
            if let button = screen.button(for: action), button.isEnabled { effects += perform(action, now: now) }
        case .tick:
            effects += expire(now: now)
        case .credential(let credential):
            effects += accept(credential, now: now)
        case .credentialUnreadable(let kind):
            if case .requirement(var step) = state.stage, step.remaining.first == kind {
                state.lastActivity = now
                step.unreadable = true
                state.stage = .requirement(step)
            } else if case .codeEntry(var entry) = state.stage, kind == .idDocument, documentsFind(entry) {
                state.lastActivity = now
                entry.documentUnreadable = true
                state.stage = .codeEntry(entry)
            }
        case .estimate(let service, let estimate):
            if case .confirm(var step) = state.stage, step.service == service, step.priority == nil {
                step.estimate = estimate
                state.stage = .confirm(step)
            }
        case .priorityEstimate(let service, let priority, let estimate):
            if case .confirm(var step) = state.stage, step.service == service, step.priority == priority {
                step.estimate = estimate
                state.stage = .confirm(step)
            }
        case .serviceEstimates(let estimates):
            state.serviceEstimates = estimates
        case .issued(let receipt):
            if case .printing(let step, let id, _) = state.stage, id == receipt.requestID {
                state.lastActivity = now
                state.stage = .done(step, receipt)
            } else if case .checkingIn(let step, let id, _) = state.stage, id == receipt.requestID {
                state.lastActivity = now
                state.stage = .checkedIn(step, receipt)
            }
        case .issueFailed(let id, let failure):
            if case .printing(let step, let pending, _) = state.stage, pending == id {
                state.lastActivity = now
                state.stage = .failure(step, id, failure)
            } else if case .checkingIn(let step, let pending, _) = state.stage, pending == id {
                state.lastActivity = now
                state.stage = .checkInFailure(step, id, failure)
            }
        }
        if state.stage != beforeStage { effects += readerEffects(from: beforeStage, to: state.stage) }
        // A service list that opens asks for every service's wait (shown beside each name).
        if case .services = state.stage, !beforeStage.isServiceList { effects.append(.requestServiceEstimates) }
        screen = builder.model(for: state)
        if screen != before { effects.append(.screenChanged(screen.name)) }
        return effects
    }

    private func language() -> Language { state.language ?? .az }

    private mutating func perform(_ action: KioskAction, now: Instant) -> [KioskEffect] {
        switch action {
        case .toggleAccessible:
            state.accessible.toggle()
            return []
        case .home:
            endVisit()
            return []
        case .back:
            return back(now: now)
        default:
            break
        }
        switch (state.stage, action) {
        case (.attract, .start):
            state.stage = .language
        case (.attract, .chooseLanguage(let language)), (.language, .chooseLanguage(let language)):
            state.language = language
            state.stage = firstListStage()
        case (.services(var list), .chooseLanguage(let language)):
            // Typed letters belong to the old language's alphabet: the search starts again.
            state.language = language
            list.query = ""
            list.page = 0
            state.stage = .services(list)
        case (_, .chooseLanguage(let language)):
            // Any other screen: the same place and large-text choice, in the other language.
            state.language = language
        case (.categories(var list), .openCategory(let node)):
            if node != list.node && !catalog.node(node).children.isEmpty {
                state.stage = .categories(CategoryListState(node: node, page: 0))
            } else {
                state.stage = .services(ServiceListState(scope: .category(node), query: "", page: 0))
            }
            list.page = 0
        case (.categories, .allServices):
            state.stage = .services(ServiceListState(scope: .all, query: "", page: 0))
        case (.categories(var list), .nextPage), (.categories(var list), .previousPage):
            list.page = turn(list.page, action)
            state.stage = .categories(list)
        case (.services(var list), .nextPage), (.services(var list), .previousPage):
            list.page = turn(list.page, action)
            state.stage = .services(list)
        case (.services(var list), .letter(let letter)):
            list.query += KioskAlphabet.fold(letter, language())
            list.page = 0
            state.stage = .services(list)
        case (.services(var list), .deleteLetter):
            if !list.query.isEmpty { list.query.removeLast() }
            list.page = 0
            state.stage = .services(list)
        case (.services(var list), .clearLetters):
            list.query = ""
            list.page = 0
            state.stage = .services(list)
        case (.services(let list), .chooseService(let id)):
            return choose(id, list: list)
        case (.confirm(let step), .takeTicket):
            return issue(step, now: now)
        case (.confirm(let step), .openPriority) where !configuration.priorities.isEmpty:
            state.stage = .priority(step)
        case (.priority(var step), .choosePriority(let id)) where configuration.priority(id) != nil:
            step.priority = id
            step.estimate = nil
            state.stage = .confirm(step)
            return [.requestPriorityEstimate(step.service, id)]
        case (.priority(var step), .noPriority):
            step.priority = nil
            step.estimate = nil
            state.stage = .confirm(step)
            return [.requestEstimate(step.service)]
        case (.failure(let step, _, .unavailable), .retry):
            return issue(step, now: now)
        case (.categories, .openCheckIn), (.services, .openCheckIn):
            state.stage = .codeEntry(CodeEntry(purpose: .checkIn(returnTo: state.stage)))
        case (.requirement(let step), .openCheckIn) where step.remaining.first == .appointmentCode:
            var fresh = step
            fresh.unreadable = false
            state.stage = .codeEntry(CodeEntry(purpose: .credential(fresh)))
        case (.checkInFailure(let step, _, _), .openCheckIn):
            var entry = step.entry
            entry.documentUnreadable = false
            state.stage = .codeEntry(entry)
        case (.codeEntry(var entry), .letter(let character)):
            entry.documentUnreadable = false
            if entry.append(character) { state.stage = .codeEntry(entry) }
        case (.codeEntry(var entry), .deleteLetter):
            entry.documentUnreadable = false
            if !entry.typed.isEmpty { entry.typed.removeLast() }
            state.stage = .codeEntry(entry)
        case (.codeEntry(var entry), .clearLetters):
            entry.documentUnreadable = false
            entry.typed = ""
            state.stage = .codeEntry(entry)
        case (.codeEntry(let entry), .checkIn):
            return submit(entry, now: now)
        case (.checkInFailure(let step, _, .unavailable), .retry):
            return checkIn(step, now: now)
        case (.checkInFailure(_, _, let failure), .ordinaryTicket):
            if case .checkInTooLate(_, let walkIn?) = failure, catalog.services[walkIn] != nil {
                return choose(walkIn, list: ServiceListState(scope: .all, query: "", page: 0))
            }
            state.stage = firstListStage()
        default:
            break
        }
        return []
    }

    private func turn(_ page: Int, _ action: KioskAction) -> Int {
        let count = screen.page?.count ?? 1
        return action == .nextPage ? min(page + 1, count - 1) : max(page - 1, 0)
    }

    /// Categories when the catalogue has any; otherwise the full list.
    private func firstListStage() -> KioskStage {
        catalog.node(.root).children.isEmpty
            ? .services(ServiceListState(scope: .category(.root), query: "", page: 0))
            : .categories(CategoryListState(node: .root, page: 0))
    }

    private mutating func choose(_ id: ServiceID, list: ServiceListState) -> [KioskEffect] {
        guard let service = catalog.services[id] else { return [] }
        var remaining: [CredentialKind] = []
        if service.appointmentOnly { remaining.append(.appointmentCode) }
        if service.requiresIDDocument { remaining.append(.idDocument) }
        let step = ServiceStep(service: id, list: list, remaining: remaining, credentials: [], unreadable: false, estimate: nil)
        if remaining.isEmpty {
            state.stage = .confirm(step)
            return [.requestEstimate(id)]
        }
        state.stage = .requirement(step)
        return []
    }

    /// Whether a document presented on this keypad checks in (the check-in keypad of a kiosk that reads documents).
    private func documentsFind(_ entry: CodeEntry) -> Bool {
        configuration.documentCheckIn && entry.isCheckIn
    }

    /// A credential a reader delivered: the next one a chosen service asks for, or an ID document
    /// presented on the check-in keypad (or after a refused check-in), which checks in by document.
    private mutating func accept(_ credential: KioskCredential, now: Instant) -> [KioskEffect] {
        if credential.kind == .idDocument {
            let entry: CodeEntry? = switch state.stage {
            case .codeEntry(let entry): entry
            case .checkInFailure(let step, _, _): step.entry
            default: nil
            }
            if var entry, documentsFind(entry) {
                state.lastActivity = now
                entry.documentUnreadable = false
                return checkIn(CheckInStep(key: .document(reference: credential.reference), entry: entry), now: now)
            }
        }
        guard case .requirement(var step) = state.stage, step.remaining.first == credential.kind else { return [] }
        state.lastActivity = now
        step.remaining.removeFirst()
        step.credentials.append(credential)
        step.unreadable = false
        if step.remaining.isEmpty {
            state.stage = .confirm(step)
            return [.requestEstimate(step.service)]
        }
        state.stage = .requirement(step)
        return []
    }

    /// Emits the one issue effect of this visit and service; a repeated take re-uses the request id.
    private mutating func issue(_ step: ServiceStep, now: Instant) -> [KioskEffect] {
        // One request id per service and priority: asking for priority after all is another ticket request.
        let id = requestID(for: RequestKey(service: step.service, priority: step.priority), in: \.requests)
        state.stage = .printing(step, id, since: now)
        return [.issueTicket(KioskTicketRequest(service: step.service, language: language(), requestID: id, credentials: step.credentials,
                                                priority: step.priority))]
    }

    /// A complete, valid code: check in, or hand it to the service step that asked for it.
    private mutating func submit(_ entry: CodeEntry, now: Instant) -> [KioskEffect] {
        guard let code = entry.code else { return [] }
        switch entry.purpose {
        case .checkIn:
            return checkIn(CheckInStep(code: code, entry: entry), now: now)
        case .credential(let step):
            state.stage = .requirement(step)
            return accept(KioskCredential(kind: .appointmentCode, reference: code.rawValue), now: now)
        }
    }

    /// Emits the one check-in effect of this visit and key; checking the same code or document in again re-uses the request id.
    private mutating func checkIn(_ step: CheckInStep, now: Instant) -> [KioskEffect] {
        let id = requestID(for: step.key, in: \.checkInRequests)
        state.stage = .checkingIn(step, id, since: now)
        return [.checkIn(KioskCheckInRequest(key: step.key, language: language(), requestID: id))]
    }

    /// The request id this visit already used for `key`, or a new one remembered under it.
    private mutating func requestID<Key: Hashable>(for key: Key, in table: WritableKeyPath<KioskState, [Key: RequestID]>) -> RequestID {
        if let existing = state[keyPath: table][key] { return existing }
        let id = nextRequestID()
        state[keyPath: table][key] = id
        return id
    }

    /// A new request id: `requestPrefix-serial`.
    private mutating func nextRequestID() -> RequestID {
        state.requestSerial += 1
        return RequestID("\(configuration.requestPrefix)-\(state.requestSerial)")
    }

    private mutating func back(now: Instant) -> [KioskEffect] {
        switch state.stage {
        case .attract, .printing, .checkingIn:
            break
        case .codeEntry(let entry):
            switch entry.purpose {
            case .checkIn(let returnTo): state.stage = returnTo
            case .credential(let step): state.stage = .requirement(step)
            }
        case .checkInFailure(let step, _, _):
            var entry = step.entry
            entry.documentUnreadable = false
            state.stage = .codeEntry(entry)
        case .checkedIn:
            state.requests = [:]
            state.checkInRequests = [:]
            state.stage = firstListStage()
        case .language:
            endVisit()
        case .categories(let list):
            if let parent = catalog.node(list.node).parent {
                state.stage = .categories(CategoryListState(node: parent, page: 0))
            } else {
                state.stage = .language
            }
        case .services(let list):
            switch list.scope {
            case .all:
                state.stage = .categories(CategoryListState(node: .root, page: 0))
            case .category(let node):
                if catalog.node(.root).children.isEmpty {
                    state.stage = .language
                } else if let parent = catalog.node(node).parent {
                    // The list of a node was opened from its parent, or from itself ("other services").
                    let opener = catalog.node(node).children.isEmpty ? parent : node
                    state.stage = .categories(CategoryListState(node: opener, page: 0))
                } else {
                    state.stage = .categories(CategoryListState(node: .root, page: 0))
                }
            }
        case .requirement(let step), .confirm(let step), .failure(let step, _, _):
            state.stage = .services(step.list)
        case .priority(let step):
            state.stage = .confirm(step)
        case .done:
            state.requests = [:]
            state.checkInRequests = [:]
            state.stage = firstListStage()
        }
        return []
    }

    private mutating func expire(now: Instant) -> [KioskEffect] {
        guard let deadline = nextDeadline, now >= deadline else { return [] }
        if case .printing(let step, let id, _) = state.stage {
            state.lastActivity = now
            state.stage = .failure(step, id, .unavailable)
        } else if case .checkingIn(let step, let id, _) = state.stage {
            state.lastActivity = now
            state.stage = .checkInFailure(step, id, .unavailable)
        } else {
            endVisit()
        }
        return []
    }

    /// Back to attract: language, accessibility and the visit's request ids are forgotten.
    private mutating func endVisit() {
        switch state.stage {
        case .printing, .checkingIn: return
        default: break
        }
        state.stage = .attract
        state.language = nil
        state.accessible = false
        state.requests = [:]
        state.checkInRequests = [:]
    }

    /// The credential a stage listens for: the next one a service asks for, or an ID document on
    /// the check-in keypad and after a refused check-in (when documents check in at this kiosk).
    private func wantedCredential(_ stage: KioskStage) -> CredentialKind? {
        switch stage {
        case .requirement(let step): step.remaining.first
        case .codeEntry(let entry): documentsFind(entry) ? .idDocument : nil
        case .checkInFailure(let step, _, _): documentsFind(step.entry) ? .idDocument : nil
        default: nil
        }
    }

    private func readerEffects(from old: KioskStage, to new: KioskStage) -> [KioskEffect] {
        var effects: [KioskEffect] = []
        let oldKind = wantedCredential(old)
        let newKind = wantedCredential(new)
        if oldKind != nil && oldKind != newKind { effects.append(.stopReaders) }
        if let newKind, newKind != oldKind { effects.append(.startReader(newKind)) }
        return effects
    }
}

extension KioskStage {
    /// Whether this stage shows a service list.
    var isServiceList: Bool {
        if case .services = self { true } else { false }
    }
}
