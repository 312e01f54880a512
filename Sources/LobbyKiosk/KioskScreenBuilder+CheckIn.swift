import LobbyQueue

extension KioskScreenBuilder {
    /// The prominent "I have an appointment" button across the width, one list row high.
    func checkInEntryButton(_ page: inout Page, _ language: Language) {
        let m = page.metrics
        page.button(KioskButton(action: .openCheckIn, frame: PixelRect(x: 0, y: 0, width: 0, height: 0),
                                label: strings.text(.checkInEntry, language), labelSize: m.labelSize, maxLines: 2, kind: .primary,
                                origin: .translation(.checkInEntry)), height: m.rowHeight)
    }

    /// The keypad screen: title, instruction (or the invalid-code notice in its place), the code
    /// typed so far as `XXXX-XXXX`, the keys of the booking-code alphabet, delete and clear, and
    /// the submit button, enabled only for a complete code with a matching check character.
    func codeEntry(_ page: inout Page, _ entry: CodeEntry, _ language: Language) {
        let m = page.metrics
        let forService: Bool = if case .credential = entry.purpose { true } else { false }
        let titleKey: KioskStringKey = forService ? .appointmentTitle : .checkInTitle
        page.text(strings.text(titleKey, language), size: m.titleSize, role: .title, lines: page.titleLines, origin: .translation(titleKey))
        if entry.checkFailed {
            page.text(strings.text(.checkInInvalid, language), size: m.labelSize, role: .notice, lines: 3, origin: .translation(.checkInInvalid))
        } else if entry.documentUnreadable {
            page.text(strings.text(.checkInDocumentUnreadable, language), size: m.labelSize, role: .notice, lines: 3,
                      origin: .translation(.checkInDocumentUnreadable))
        } else {
            let instruction: KioskStringKey = configuration.documentCheckIn && entry.isCheckIn ? .checkInInstructionDocument : .checkInInstruction
            page.text(strings.text(instruction, language), size: m.labelSize, role: .body, lines: 3, origin: .translation(instruction))
        }
        page.text(entry.display, size: m.titleSize * 1.4, role: .number, lines: 1, origin: .data)

        let keyHeight = page.geometry.isLandscape ? m.keyHeight : m.rowHeight
        let columns = min(keyboardColumns(width: page.width, m), page.geometry.isLandscape ? 10 : 5)
        let keyWidth = (page.width - (columns - 1) * m.gap) / columns
        let keySize = min(m.titleSize, Double(keyHeight) * 0.5)
        let full = entry.isComplete
        for (index, character) in BookingCode.alphabet.enumerated() {
            let frame = PixelRect(x: page.left + index % columns * (keyWidth + m.gap), y: page.top + index / columns * (keyHeight + m.gap),
                                  width: keyWidth, height: keyHeight)
            page.buttons.append(KioskButton(action: .letter(String(character)), frame: frame, label: String(character), labelSize: keySize,
                                            state: full ? .disabled : .normal, kind: .key, origin: .data))
        }
        let letterRows = (BookingCode.alphabet.count + columns - 1) / columns
        page.top += letterRows * (keyHeight + m.gap)
        let edit = page.cells(2, in: PixelRect(x: page.left, y: page.top, width: page.width, height: keyHeight))
        let editState: KioskButton.State = entry.typed.isEmpty ? .disabled : .normal
        page.buttons.append(KioskButton(action: .deleteLetter, frame: edit[0], label: strings.text(.deleteLetter, language),
                                        labelSize: m.labelSize, state: editState, kind: .key, origin: .translation(.deleteLetter)))
        page.buttons.append(KioskButton(action: .clearLetters, frame: edit[1], label: strings.text(.clearLetters, language),
                                        labelSize: m.labelSize, state: editState, kind: .key, origin: .translation(.clearLetters)))
        page.top += keyHeight + m.gap

        let submitKey: KioskStringKey = forService ? .checkInContinue : .checkInSubmit
        page.button(KioskButton(action: .checkIn, frame: PixelRect(x: 0, y: 0, width: 0, height: 0), label: strings.text(submitKey, language),
                                labelSize: m.titleSize, maxLines: 1, state: entry.code == nil ? .disabled : .normal, kind: .primary,
                                origin: .translation(submitKey)), height: m.primaryHeight)
    }

    /// A refused or failed check-in: the code, why (in the citizen's language) and what to do instead.
    func checkInFailure(_ page: inout Page, _ step: CheckInStep, _ failure: IssueFailure, _ language: Language) {
        let m = page.metrics
        page.text(strings.text(.checkInFailureTitle, language), size: m.titleSize, role: .title, lines: page.titleLines,
                  origin: .translation(.checkInFailureTitle))
        switch step.key {
        case .bookingCode(let code): page.text(code.display, size: m.titleSize, role: .number, lines: 1, origin: .data)
        case .document: page.text(strings.text(.idTitle, language), size: m.labelSize, role: .body, lines: 2, origin: .translation(.idTitle))
        }
        let (key, values) = failureMessage(failure)
        page.text(strings.text(key, language, values), size: m.labelSize, role: .notice, lines: 5, origin: .translation(key))
        let blank = PixelRect(x: 0, y: 0, width: 0, height: 0)
        if failure == .unavailable {
            page.button(KioskButton(action: .retry, frame: blank, label: strings.text(.retry, language), labelSize: m.titleSize, maxLines: 1,
                                    kind: .primary, origin: .translation(.retry)), height: m.primaryHeight)
            return
        }
        if failure == .unknownBookingCode || failure == .noAppointmentForDocument {
            let key: KioskStringKey = failure == .unknownBookingCode ? .correctCode : .checkInTypeCode
            page.button(KioskButton(action: .openCheckIn, frame: blank, label: strings.text(key, language), labelSize: m.labelSize,
                                    maxLines: 2, kind: .key, origin: .translation(key)), height: m.rowHeight)
        }
        page.button(KioskButton(action: .ordinaryTicket, frame: blank, label: strings.text(.ordinaryTicket, language), labelSize: m.labelSize,
                                maxLines: 2, kind: .primary, origin: .translation(.ordinaryTicket)), height: m.rowHeight)
    }

    /// The string (and its values) that explains `failure` to the citizen.
    func failureMessage(_ failure: IssueFailure) -> (KioskStringKey, [String: String]) {
        switch failure {
        case .unavailable: (.failureUnavailable, [:])
        case .serviceClosed: (.failureClosed, [:])
        case .credentialRefused: (.failureCredential, [:])
        case .unknownBookingCode: (.checkInUnknown, [:])
        case .noAppointmentForDocument: (.checkInNoAppointment, [:])
        case .appointmentCancelled: (.checkInCancelled, [:])
        case .appointmentOnOtherDay(let day, let past): (past ? .checkInPastDay : .checkInLaterDay, ["date": Self.date(day)])
        case .checkInTooEarly(let opensAt): (.checkInTooEarly, ["time": opensAt.description])
        case .checkInTooLate(let closedAt, let walkIn):
            (walkIn == nil ? .checkInTooLateAppointmentOnly : .checkInTooLate, ["time": closedAt.description])
        }
    }

    /// A date as the kiosk shows it in every language: `DD.MM.YYYY`.
    static func date(_ day: LocalDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day.day)).\(two(day.month)).\(day.year)"
    }
}
