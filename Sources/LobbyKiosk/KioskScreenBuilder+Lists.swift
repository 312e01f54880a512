import LobbyQueue

/// One list entry before layout.
struct ListEntry {
    var action: KioskAction
    var label: String
    var detail: String?
    var origin: TextOrigin
    var detailOrigin: TextOrigin = .translation(.appointmentOnly)
}

extension KioskScreenBuilder {
    /// The entries of a category node: the A–Z list (at the root), sub-categories, then
    /// "other services" when the node also holds services directly.
    func categoryEntries(_ node: CategoryNodeID, _ language: Language) -> [ListEntry] {
        var entries: [ListEntry] = []
        if node == .root {
            entries.append(ListEntry(action: .allServices, label: strings.text(.allServices, language), origin: .translation(.allServices)))
        }
        let content = catalog.node(node)
        for child in content.children {
            entries.append(ListEntry(action: .openCategory(child), label: catalog.node(child).name.text(in: language), origin: .data))
        }
        if !content.children.isEmpty && !content.services.isEmpty {
            entries.append(ListEntry(action: .openCategory(node), label: strings.text(.otherServices, language), origin: .translation(.otherServices)))
        }
        return entries
    }

    func categories(_ page: inout Page, _ list: CategoryListState, _ language: Language) {
        let m = page.metrics
        let title = list.node == .root ? strings.text(.categoriesTitle, language) : catalog.node(list.node).name.text(in: language)
        page.text(title, size: m.titleSize, role: .title, lines: page.titleLines,
                  origin: list.node == .root ? .translation(.categoriesTitle) : .data)
        if list.node == .root { checkInEntryButton(&page, language) }
        let area = PixelRect(x: page.left, y: page.top, width: page.width, height: page.bottom - page.top)
        pagedList(&page, categoryEntries(list.node, language), pageIndex: list.page, area: area, language)
    }

    /// "Waiting: 3 · about 12 min" beside a service (from the same estimator as the ticket; never "0 min").
    func statusText(_ estimate: WaitEstimate, _ language: Language) -> String {
        let count = String(estimate.peopleAhead)
        if estimate.isShort { return strings.text(.serviceStatusShort, language, ["count": count]) }
        return strings.text(.serviceStatus, language, ["count": count, "minutes": Self.minutes(estimate.expectedWaitSeconds)])
    }

    func services(_ page: inout Page, _ list: ServiceListState, _ estimates: [ServiceID: WaitEstimate], _ language: Language) {
        let m = page.metrics
        let title: String
        let titleOrigin: TextOrigin
        if case .category(let node) = list.scope, node != .root {
            title = catalog.node(node).name.text(in: language)
            titleOrigin = .data
        } else {
            title = strings.text(.servicesTitle, language)
            titleOrigin = .translation(.servicesTitle)
        }
        page.text(title, size: m.titleSize, role: .title, lines: page.titleLines, origin: titleOrigin)
        let searchKey: KioskStringKey = list.query.isEmpty ? .searchHint : .searchQuery
        page.text(strings.text(searchKey, language, ["query": list.query]), size: m.labelSize, role: .body, lines: 1,
                  origin: .translation(searchKey))
        // Without categories this list is the first screen after the language: check-in starts here.
        if list.scope == .category(.root) && catalog.node(.root).children.isEmpty { checkInEntryButton(&page, language) }

        let ids = catalog.list(list.scope, query: list.query, language: language)
        let entries = ids.map { id -> ListEntry in
            let service = catalog.services[id]!
            var details: [String] = []
            // An appointment-only service is called at the booked time: a queue's wait would mislead.
            if !service.appointmentOnly, let estimate = estimates[id] { details.append(statusText(estimate, language)) }
            if service.appointmentOnly { details.append(strings.text(.appointmentOnly, language)) }
            if service.requiresIDDocument { details.append(strings.text(.needsIDDocument, language)) }
            return ListEntry(action: .chooseService(id), label: service.name.text(in: language),
                             detail: details.isEmpty ? nil : details.joined(separator: " · "), origin: .data)
        }
        let useful = catalog.usefulLetters(list.scope, query: list.query, language: language)
        let available = PixelRect(x: page.left, y: page.top, width: page.width, height: page.bottom - page.top)
        let listArea: PixelRect
        let keyboardArea: PixelRect
        if page.geometry.isLandscape {
            let listWidth = (available.width - m.gap) * 55 / 100
            listArea = PixelRect(x: available.x, y: available.y, width: listWidth, height: available.height)
            keyboardArea = PixelRect(x: available.x + listWidth + m.gap, y: available.y, width: available.width - listWidth - m.gap,
                                     height: available.height)
        } else {
            let keyboardHeight = keyboardRows(width: available.width, language, m) * (m.keyHeight + m.gap) - m.gap
            listArea = PixelRect(x: available.x, y: available.y, width: available.width, height: available.height - keyboardHeight - m.gap)
            keyboardArea = PixelRect(x: available.x, y: listArea.maxY + m.gap, width: available.width, height: keyboardHeight)
        }
        if entries.isEmpty {
            page.top = listArea.y
            page.texts.append(KioskText(frame: PixelRect(x: listArea.x, y: listArea.y, width: listArea.width, height: m.textHeight(m.labelSize, lines: 2)),
                                        text: strings.text(.noMatch, language), size: m.labelSize, role: .notice, maxLines: 2,
                                        origin: .translation(.noMatch)))
            page.pageInfo = PageInfo(index: 0, count: 1)
        } else {
            pagedList(&page, entries, pageIndex: list.page, area: listArea, language)
        }
        keyboard(&page, area: keyboardArea, query: list.query, useful: useful, language)
    }

    /// Keys per row and rows for the keyboard at `width`.
    func keyboardColumns(width: Int, _ m: KioskMetrics) -> Int {
        max(4, (width + m.gap) / (m.keyMinimumWidth + m.gap))
    }

    /// The rows of the largest alphabet, whatever the language: switching language must not move
    /// the list's paging buttons or the keyboard's top.
    func keyboardRows(width: Int, _ language: Language, _ m: KioskMetrics) -> Int {
        let columns = keyboardColumns(width: width, m)
        let cells = Language.allCases.map { KioskAlphabet.letters($0).count }.max()! + 6
        return (cells + columns - 1) / columns
    }

    /// The letter keys, then "delete" and "clear" three cells wide each (at the same place in every
    /// language), in rows from the top of `area`.
    func keyboard(_ page: inout Page, area: PixelRect, query: String, useful: Set<String>, _ language: Language) {
        let m = page.metrics
        let columns = keyboardColumns(width: area.width, m)
        let keyWidth = (area.width - (columns - 1) * m.gap) / columns
        var cell = 0
        func frame(span: Int) -> PixelRect {
            if cell % columns + span > columns { cell += columns - cell % columns }
            let row = cell / columns, column = cell % columns
            cell += span
            return PixelRect(x: area.x + column * (keyWidth + m.gap), y: area.y + row * (m.keyHeight + m.gap),
                             width: keyWidth * span + m.gap * (span - 1), height: m.keyHeight)
        }
        for letter in KioskAlphabet.letters(language) {
            page.buttons.append(KioskButton(action: .letter(letter), frame: frame(span: 1), label: letter, labelSize: m.labelSize,
                                            state: useful.contains(letter) ? .normal : .disabled, kind: .key, origin: .data))
        }
        // Delete and clear where they fall after the largest alphabet, in every language.
        cell = Language.allCases.map { KioskAlphabet.letters($0).count }.max()!
        let editState: KioskButton.State = query.isEmpty ? .disabled : .normal
        page.buttons.append(KioskButton(action: .deleteLetter, frame: frame(span: 3), label: strings.text(.deleteLetter, language),
                                        labelSize: m.labelSize, state: editState, kind: .key, origin: .translation(.deleteLetter)))
        page.buttons.append(KioskButton(action: .clearLetters, frame: frame(span: 3), label: strings.text(.clearLetters, language),
                                        labelSize: m.labelSize, state: editState, kind: .key, origin: .translation(.clearLetters)))
    }

    /// Lays out one page of `entries` in `area`; a pager row is added at the bottom when more than one page.
    func pagedList(_ page: inout Page, _ entries: [ListEntry], pageIndex: Int, area: PixelRect, _ language: Language) {
        let m = page.metrics
        let step = m.rowHeight + m.gap
        let allFit = max(1, (area.height + m.gap) / step)
        let perPage = entries.count <= allFit ? allFit : max(1, (area.height - m.navigationHeight) / step)
        let pages = max(1, (entries.count + perPage - 1) / perPage)
        let index = min(max(0, pageIndex), pages - 1)
        page.pageInfo = PageInfo(index: index, count: pages)
        for (row, entry) in entries.dropFirst(index * perPage).prefix(perPage).enumerated() {
            page.buttons.append(KioskButton(action: entry.action,
                                            frame: PixelRect(x: area.x, y: area.y + row * step, width: area.width, height: m.rowHeight),
                                            label: entry.label, detail: entry.detail, labelSize: m.labelSize, detailSize: m.detailSize,
                                            maxLines: entry.detail == nil ? 2 : 1, kind: .entry, origin: entry.origin,
                                            detailOrigin: entry.detail == nil ? .data : entry.detailOrigin))
        }
        guard pages > 1 else { return }
        let row = PixelRect(x: area.x, y: area.maxY - m.navigationHeight, width: area.width, height: m.navigationHeight)
        let cells = page.cells(3, in: row)
        page.buttons.append(KioskButton(action: .previousPage, frame: cells[0], label: strings.text(.previousPage, language), labelSize: m.labelSize,
                                        maxLines: 2, state: index > 0 ? .normal : .disabled, kind: .navigation, origin: .translation(.previousPage)))
        page.texts.append(KioskText(frame: cells[1], text: strings.text(.page, language, ["page": String(index + 1), "pages": String(pages)]),
                                    size: m.labelSize, role: .body, maxLines: 2, origin: .translation(.page)))
        page.buttons.append(KioskButton(action: .nextPage, frame: cells[2], label: strings.text(.nextPage, language), labelSize: m.labelSize,
                                        maxLines: 2, state: index < pages - 1 ? .normal : .disabled, kind: .navigation, origin: .translation(.nextPage)))
    }
}
