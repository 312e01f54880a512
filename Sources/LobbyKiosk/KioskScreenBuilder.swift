import LobbyQueue

/// Lays out the screen of a state: texts and buttons in pixels. Pure; the flow calls it after
/// every change and hit-tests taps against its result.
public struct KioskScreenBuilder: Sendable {
    /// Kiosk settings.
    public let configuration: KioskConfiguration
    /// The services.
    public let catalog: KioskCatalog
    /// The citizens' strings.
    public let strings: KioskStrings

    /// A builder from its inputs.
    public init(configuration: KioskConfiguration, catalog: KioskCatalog, strings: KioskStrings) {
        self.configuration = configuration
        self.catalog = catalog
        self.strings = strings
    }

    /// The screen model of `state`.
    public func model(for state: KioskState) -> KioskScreenModel {
        let languageBar = state.stage != .attract && state.stage != .language
        var page = Page(geometry: configuration.geometry, accessible: state.accessible, languageBar: languageBar,
                        threeLanguageFooter: !languageBar)
        let language = state.language ?? .az
        switch state.stage {
        case .attract: attract(&page)
        case .language: languageChoice(&page)
        case .categories(let list): categories(&page, list, language)
        case .services(let list): services(&page, list, state.serviceEstimates, language)
        case .requirement(let step): requirement(&page, step, language)
        case .confirm(let step): confirm(&page, step, language)
        case .priority(let step): priorityChoice(&page, step, language)
        case .printing: printing(&page, language)
        case .done(let step, let receipt):
            var shown = receipt
            shown.priority = receipt.priority ?? step.priority
            done(&page, serviceName(step.service, language), shown, language)
        case .failure(let step, _, let reason): failure(&page, step, reason, language)
        case .codeEntry(let entry): codeEntry(&page, entry, language)
        case .checkingIn: printing(&page, language)
        case .checkedIn(_, let receipt): done(&page, receipt.service.map { serviceName($0, language) }, receipt, language)
        case .checkInFailure(let step, _, let reason): checkInFailure(&page, step, reason, language)
        }
        switch state.stage {
        case .attract: footer(&page, nil, accessible: state.accessible, enabled: true, navigation: false)
        case .language: footer(&page, nil, accessible: state.accessible, enabled: true, navigation: true)
        default: footer(&page, language, accessible: state.accessible, enabled: !isPrinting(state.stage), navigation: true)
        }
        if languageBar { self.languageBar(&page, language, enabled: !isPrinting(state.stage)) }
        let shownLanguage: Language? = (state.stage == .attract || state.stage == .language) ? nil : language
        var model = KioskScreenModel(name: state.stage.screenName, geometry: configuration.geometry, accessible: state.accessible,
                                     language: shownLanguage, texts: page.texts, buttons: page.buttons, page: page.pageInfo)
        model.code = page.code
        return model
    }

    private func isPrinting(_ stage: KioskStage) -> Bool {
        switch stage {
        case .printing, .checkingIn: true
        default: false
        }
    }

    /// A screen being assembled top-down.
    struct Page {
        let geometry: KioskGeometry
        let metrics: KioskMetrics
        /// Next free y from the top.
        var top: Int
        /// First y taken by the footer.
        let bottom: Int
        var texts: [KioskText] = []
        var buttons: [KioskButton] = []
        var pageInfo: PageInfo?
        var code: KioskCode?

        /// Height of the navigation row: taller before a language is chosen, when its labels
        /// have a line per language (three lines, inside a frame that may be selected).
        let footerHeight: Int

        init(geometry: KioskGeometry, accessible: Bool, languageBar: Bool = false, threeLanguageFooter: Bool = false) {
            self.geometry = geometry
            metrics = KioskMetrics(geometry: geometry, accessible: accessible)
            top = metrics.margin
            let palette: KioskPalette = accessible ? .highContrast : .standard
            let frame = 3 * Int(max(1, (palette.borderMillimetres * geometry.pixelsPerMillimetre).rounded()))
            let pad = Int(max(4, metrics.detailSize * 0.4).rounded(.up))
            let threeLines = metrics.textHeight(metrics.detailSize, lines: 3) + 2 * frame + pad + geometry.pixels(1)
            footerHeight = threeLanguageFooter ? max(metrics.navigationHeight, threeLines) : metrics.navigationHeight
            // Landscape screens are wide and short: the language switch shares the navigation row.
            let rows = languageBar && !geometry.isLandscape ? 2 : 1
            bottom = geometry.height - metrics.margin - footerHeight - metrics.gap - (rows - 1) * (metrics.navigationHeight + metrics.gap)
        }

        /// The row `index` of the footer counted from the bottom (0: navigation, 1: languages).
        func footerRow(_ index: Int) -> PixelRect {
            let y = geometry.height - metrics.margin - footerHeight - index * (metrics.navigationHeight + metrics.gap)
            return PixelRect(x: left, y: y, width: width, height: index == 0 ? footerHeight : metrics.navigationHeight)
        }

        var left: Int { metrics.margin }
        var width: Int { geometry.width - 2 * metrics.margin }

        /// Adds a text block across the width and moves down.
        mutating func text(_ text: String, size: Double, role: KioskText.Role, lines: Int, origin: TextOrigin) {
            let height = metrics.textHeight(size, lines: lines)
            texts.append(KioskText(frame: PixelRect(x: left, y: top, width: width, height: height), text: text, size: size,
                                   role: role, maxLines: lines, origin: origin))
            top += height + metrics.gap
        }

        /// Keeps the room of a text block that is not shown now but may appear on this screen
        /// later, so nothing below it moves when it does.
        mutating func reserve(size: Double, lines: Int) {
            top += metrics.textHeight(size, lines: lines) + metrics.gap
        }

        /// Adds a full-width button and moves down.
        mutating func button(_ button: KioskButton, height: Int) {
            var b = button
            b.frame = PixelRect(x: left, y: top, width: width, height: height)
            buttons.append(b)
            top += height + metrics.gap
        }

        /// `count` equal cells across `frame` with gaps.
        func cells(_ count: Int, in frame: PixelRect) -> [PixelRect] {
            let cellWidth = (frame.width - (count - 1) * metrics.gap) / count
            return (0..<count).map { PixelRect(x: frame.x + $0 * (cellWidth + metrics.gap), y: frame.y, width: cellWidth, height: frame.height) }
        }

        /// Title lines: two in portrait, one in landscape.
        var titleLines: Int { geometry.isLandscape ? 1 : 2 }
    }

    /// The language switch above the navigation row: every language by its own name, the current one selected.
    func languageBar(_ page: inout Page, _ current: Language, enabled: Bool) {
        let cells = page.geometry.isLandscape ? Array(page.cells(6, in: page.footerRow(0))[2..<5])
            : page.cells(Language.allCases.count, in: page.footerRow(1))
        for (language, cell) in zip(Language.allCases, cells) {
            let state: KioskButton.State = !enabled ? .disabled : (language == current ? .selected : .normal)
            page.buttons.append(KioskButton(action: .chooseLanguage(language), frame: cell, label: (language == current ? "✓ " : "") + strings.text(.languageShort, language),
                                            labelSize: page.metrics.labelSize * 0.85, maxLines: 2, state: state, kind: .navigation,
                                            origin: .translation(.languageShort)))
        }
    }

    func footer(_ page: inout Page, _ language: Language?, accessible: Bool, enabled: Bool, navigation: Bool) {
        let m = page.metrics
        let all = page.cells(6, in: page.footerRow(0))
        // Landscape with the language switch: back, home, three languages, large text in one row.
        let cells = page.geometry.isLandscape && language != nil ? [all[0], all[1], all[5]] : page.cells(3, in: page.footerRow(0))
        let toggleKey: KioskStringKey = accessible ? .accessibleOn : .accessibleOff
        let toggleLanguage = language ?? .az
        var toggleLabel = strings.text(toggleKey, toggleLanguage)
        if language == nil {
            // Before a language is chosen the toggle speaks all three languages, one per line.
            toggleLabel = Language.allCases.map { strings.text(toggleKey, $0) }.joined(separator: "\n")
        }
        page.buttons.append(KioskButton(action: .toggleAccessible, frame: cells[2], label: toggleLabel, labelSize: language == nil ? m.detailSize : m.labelSize,
                                        maxLines: language == nil ? 3 : 2, state: accessible ? .selected : .normal, kind: .navigation,
                                        origin: .translation(toggleKey)))
        guard navigation else { return }
        let state: KioskButton.State = enabled ? .normal : .disabled
        for (action, key, cell) in [(KioskAction.back, KioskStringKey.back, cells[0]), (.home, .home, cells[1])] {
            // Before a language is chosen, every language, one per line.
            let label = language.map { strings.text(key, $0) } ?? Language.allCases.map { strings.text(key, $0) }.joined(separator: "\n")
            page.buttons.append(KioskButton(action: action, frame: cell, label: label, labelSize: language == nil ? m.detailSize : m.labelSize,
                                            maxLines: language == nil ? 3 : 2, state: state, kind: .navigation, origin: .translation(key)))
        }
    }

    func attract(_ page: inout Page) {
        let m = page.metrics
        page.text(configuration.centreName.text(in: .az), size: m.titleSize, role: .title, lines: page.titleLines, origin: .data)
        for language in Language.allCases {
            page.text(strings.text(.attractPrompt, language), size: m.labelSize, role: .body, lines: 2, origin: .translation(.attractPrompt))
        }
        // The three languages directly (one tap fewer); "Start" opens the language screen.
        // Stacked in portrait, side by side in landscape.
        let across = page.geometry.isLandscape
        let row = page.cells(3, in: PixelRect(x: page.left, y: page.top, width: page.width, height: m.primaryHeight))
        for (index, language) in Language.allCases.enumerated() {
            let button = KioskButton(action: .chooseLanguage(language), frame: row[index], label: strings.text(.languageName, language),
                                     labelSize: across ? m.labelSize * 1.2 : m.titleSize, maxLines: 1, kind: .primary,
                                     origin: .translation(.languageName))
            if across { page.buttons.append(button) } else { page.button(button, height: m.primaryHeight) }
        }
        if across { page.top += m.primaryHeight + m.gap }
        let label = Language.allCases.map { strings.text(.attractStart, $0) }.joined(separator: " · ")
        let height = max(m.navigationHeight, min(m.primaryHeight, page.bottom - page.top))
        page.button(KioskButton(action: .start, frame: PixelRect(x: 0, y: 0, width: 0, height: 0), label: label, labelSize: m.labelSize,
                                maxLines: 2, kind: .entry, origin: .translation(.attractStart)), height: height)
    }

    func languageChoice(_ page: inout Page) {
        let m = page.metrics
        let title = Language.allCases.map { strings.text(.languageTitle, $0) }.joined(separator: "\n")
        page.text(title, size: m.labelSize, role: .title, lines: 3, origin: .translation(.languageTitle))
        for language in Language.allCases {
            page.button(KioskButton(action: .chooseLanguage(language), frame: PixelRect(x: 0, y: 0, width: 0, height: 0),
                                    label: strings.text(.languageName, language), labelSize: m.titleSize, maxLines: 1, kind: .entry,
                                    origin: .translation(.languageName)), height: m.primaryHeight)
        }
    }

    func requirement(_ page: inout Page, _ step: ServiceStep, _ language: Language) {
        let m = page.metrics
        let appointment = step.remaining.first == .appointmentCode
        let titleKey: KioskStringKey = appointment ? .appointmentTitle : .idTitle
        let instructionKey: KioskStringKey = appointment ? .appointmentInstruction : .idInstruction
        page.text(strings.text(titleKey, language), size: m.titleSize, role: .title, lines: page.titleLines, origin: .translation(titleKey))
        page.text(serviceName(step.service, language), size: m.labelSize, role: .body, lines: 2, origin: .data)
        page.text(strings.text(instructionKey, language), size: m.titleSize, role: .body, lines: 4, origin: .translation(instructionKey))
        if step.unreadable {
            page.text(strings.text(.credentialUnreadable, language), size: m.labelSize, role: .notice, lines: 2, origin: .translation(.credentialUnreadable))
        } else {
            page.reserve(size: m.labelSize, lines: 2)
        }
        if appointment {
            page.button(KioskButton(action: .openCheckIn, frame: PixelRect(x: 0, y: 0, width: 0, height: 0), label: strings.text(.typeCode, language),
                                    labelSize: m.labelSize, maxLines: 2, kind: .primary, origin: .translation(.typeCode)), height: m.rowHeight)
        }
    }

    func confirm(_ page: inout Page, _ step: ServiceStep, _ language: Language) {
        let m = page.metrics
        page.text(strings.text(.confirmTitle, language), size: m.titleSize, role: .title, lines: page.titleLines, origin: .translation(.confirmTitle))
        page.text(serviceName(step.service, language), size: m.titleSize, role: .body, lines: 3, origin: .data)
        if let estimate = step.estimate {
            page.text(strings.text(.peopleAhead, language, ["count": String(estimate.peopleAhead)]), size: m.labelSize, role: .body, lines: 2,
                      origin: .translation(.peopleAhead))
            page.text(waitText(estimate.expectedWaitSeconds, language), size: m.labelSize, role: .body, lines: 2,
                      origin: .translation(waitKey(estimate.expectedWaitSeconds)))
        } else {
            // The estimate's two lines are kept free: "take ticket" must not move when it arrives.
            page.text(strings.text(.estimatePending, language), size: m.labelSize, role: .body, lines: 2, origin: .translation(.estimatePending))
            page.reserve(size: m.labelSize, lines: 2)
        }
        page.button(KioskButton(action: .takeTicket, frame: PixelRect(x: 0, y: 0, width: 0, height: 0), label: strings.text(.takeTicket, language),
                                labelSize: m.titleSize, maxLines: 1, kind: .primary, origin: .translation(.takeTicket)), height: m.primaryHeight)
        guard !configuration.priorities.isEmpty else { return }
        // Below "take ticket", so an ordinary ticket stays one tap; the chosen category shows here.
        let chosen = step.priority.flatMap(configuration.priority)
        let label = chosen.map { strings.text(.priorityChosen, language, ["name": $0.name.text(in: language)]) } ?? strings.text(.priorityEntry, language)
        let detail = chosen.map { $0.proof?.text(in: language) ?? "" }
            ?? configuration.priorities.map { $0.name.text(in: language) }.joined(separator: " · ")
        page.button(KioskButton(action: .openPriority, frame: PixelRect(x: 0, y: 0, width: 0, height: 0), label: label,
                                detail: detail.isEmpty ? nil : detail, labelSize: m.labelSize, detailSize: m.detailSize, maxLines: detail.isEmpty ? 2 : 1,
                                state: chosen == nil ? .normal : .selected, kind: .entry,
                                origin: .translation(chosen == nil ? .priorityEntry : .priorityChosen)), height: m.rowHeight)
    }

    /// The centre's priority categories with what each needs, and "ordinary queue".
    func priorityChoice(_ page: inout Page, _ step: ServiceStep, _ language: Language) {
        let m = page.metrics
        page.text(strings.text(.priorityTitle, language), size: m.titleSize, role: .title, lines: page.titleLines, origin: .translation(.priorityTitle))
        page.text(strings.text(.priorityInstruction, language), size: m.labelSize, role: .body, lines: 3, origin: .translation(.priorityInstruction))
        var entries = configuration.priorities.map { category in
            ListEntry(action: .choosePriority(category.id), label: category.name.text(in: language), detail: category.proof?.text(in: language),
                      origin: .data, detailOrigin: .data)
        }
        entries.append(ListEntry(action: .noPriority, label: strings.text(.priorityNone, language), origin: .translation(.priorityNone)))
        let area = PixelRect(x: page.left, y: page.top, width: page.width, height: page.bottom - page.top)
        pagedList(&page, entries, pageIndex: 0, area: area, language)
        for index in page.buttons.indices where page.buttons[index].action == .choosePriority(step.priority ?? "") || (step.priority == nil && page.buttons[index].action == .noPriority) {
            page.buttons[index].state = .selected
        }
    }

    func printing(_ page: inout Page, _ language: Language) {
        let m = page.metrics
        page.top = max(page.top, page.geometry.height / 3)
        page.text(strings.text(.printingTitle, language), size: m.titleSize, role: .title, lines: 2, origin: .translation(.printingTitle))
        page.text(strings.text(.printingWait, language), size: m.labelSize, role: .body, lines: 2, origin: .translation(.printingWait))
    }

    func done(_ page: inout Page, _ service: String?, _ receipt: TicketReceipt, _ language: Language) {
        let m = page.metrics
        page.text(strings.text(.doneTitle, language), size: m.titleSize, role: .title, lines: 1, origin: .translation(.doneTitle))
        // The number: as large as the width allows (about 0.7 em per character), larger when unprinted.
        let characters = Double(max(4, receipt.number.count))
        let widthLimit = Double(page.width) / (characters * 0.75)
        let wanted = page.geometry.pixelsPerMillimetre * (receipt.printed ? 28 : 55)
        let heightLimit = Double(page.bottom - page.top) / 3.2
        page.text(receipt.number, size: min(wanted, widthLimit, heightLimit), role: .number, lines: 1, origin: .data)
        if let service { page.text(service, size: m.labelSize, role: .body, lines: 2, origin: .data) }
        if let category = receipt.priority.flatMap(configuration.priority) {
            let name = strings.text(.priorityChosen, language, ["name": category.name.text(in: language)])
            let proof = category.proof.map { " — " + $0.text(in: language) } ?? ""
            page.text(name + proof, size: m.labelSize, role: .notice, lines: 2, origin: .translation(.priorityChosen))
        }
        if !receipt.windows.isEmpty {
            let list = receipt.windows.map(String.init).joined(separator: ", ")
            page.text(strings.text(.doneWindows, language, ["windows": list]), size: m.labelSize, role: .body,
                      lines: page.geometry.isLandscape ? 1 : 2,
                      origin: .translation(.doneWindows))
        }
        if let time = receipt.appointmentTime {
            // Called at the appointment time, not in order: people ahead would mislead.
            page.text(strings.text(.doneAppointment, language, ["time": time.description]), size: m.labelSize, role: .body, lines: 2,
                      origin: .translation(.doneAppointment))
        } else {
            page.text(strings.text(.peopleAhead, language, ["count": String(receipt.peopleAhead)]), size: m.labelSize, role: .body, lines: 1,
                      origin: .translation(.peopleAhead))
            page.text(waitText(receipt.expectedWaitSeconds, language), size: m.labelSize, role: .body, lines: 1,
                      origin: .translation(waitKey(receipt.expectedWaitSeconds)))
        }
        if receipt.printed {
            page.text(strings.text(.donePrinted, language), size: m.titleSize, role: .body, lines: 2, origin: .translation(.donePrinted))
        } else {
            page.text(strings.text(.doneUnprinted, language), size: m.labelSize, role: .notice, lines: 4, origin: .translation(.doneUnprinted))
        }
        if let url = receipt.statusURL { statusCode(&page, url, language) }
    }

    /// The QR code of the ticket's status page with its caption beside it, in the room left
    /// (30 mm when there is room, at least 20 mm: a phone reads it from arm's length); left out when
    /// even 20 mm do not fit.
    func statusCode(_ page: inout Page, _ url: String, _ language: Language) {
        let m = page.metrics
        let room = page.bottom - page.top
        let side = min(page.geometry.pixels(30), room, page.width / 2)
        guard side >= page.geometry.pixels(20) else { return }
        page.code = KioskCode(frame: PixelRect(x: page.left, y: page.top, width: side, height: side), payload: url)
        let captionWidth = page.width - side - m.gap
        let lines = max(1, min(5, side / max(1, m.textHeight(m.detailSize, lines: 1))))
        page.texts.append(KioskText(frame: PixelRect(x: page.left + side + m.gap, y: page.top, width: captionWidth,
                                                     height: min(side, m.textHeight(m.detailSize, lines: lines))),
                                    text: strings.text(.doneQR, language), size: m.detailSize, role: .body, maxLines: lines,
                                    origin: .translation(.doneQR)))
        page.top += side + m.gap
    }

    func failure(_ page: inout Page, _ step: ServiceStep, _ failure: IssueFailure, _ language: Language) {
        let m = page.metrics
        page.text(strings.text(.failureTitle, language), size: m.titleSize, role: .title, lines: page.titleLines, origin: .translation(.failureTitle))
        page.text(serviceName(step.service, language), size: m.labelSize, role: .body, lines: 2, origin: .data)
        let (key, values) = failureMessage(failure)
        page.text(strings.text(key, language, values), size: m.labelSize, role: .notice, lines: 4, origin: .translation(key))
        if failure == .unavailable {
            page.button(KioskButton(action: .retry, frame: PixelRect(x: 0, y: 0, width: 0, height: 0), label: strings.text(.retry, language),
                                    labelSize: m.titleSize, maxLines: 1, kind: .primary, origin: .translation(.retry)), height: m.primaryHeight)
        }
    }

    func serviceName(_ id: ServiceID, _ language: Language) -> String {
        catalog.services[id]?.name.text(in: language) ?? id.rawValue
    }

    /// Whole minutes, rounded up, at least 1 when there is any wait.
    public static func minutes(_ seconds: Int64) -> String {
        seconds <= 0 ? "0" : String((seconds + 59) / 60)
    }

    /// The key telling a wait: "shortly" within `WaitEstimate.shortlySeconds`, else minutes.
    func waitKey(_ seconds: Int64) -> KioskStringKey { seconds <= WaitEstimate.shortlySeconds ? .waitShort : .expectedWait }

    /// The text telling a wait of `seconds` ("you will be called shortly", or "about N min").
    func waitText(_ seconds: Int64, _ language: Language) -> String {
        strings.text(waitKey(seconds), language, ["minutes": Self.minutes(seconds)])
    }
}
