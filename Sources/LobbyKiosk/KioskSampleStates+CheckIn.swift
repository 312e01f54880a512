import LobbyQueue

extension KioskSampleStates {
    /// A synthetic booking code with a valid check character, for the check-in variants.
    public static let variantCode = BookingCode(payload: 31_415_926)

    /// `variantCode` with its check character replaced, so the check fails.
    public static var mistypedVariantCode: String {
        let raw = variantCode.rawValue
        let other = BookingCode.alphabet.first { $0 != raw.last! }!
        return String(raw.dropLast()) + String(other)
    }

    /// Every failure a check-in screen explains.
    public static let checkInFailures: [IssueFailure] = [
        .unavailable, .serviceClosed, .credentialRefused, .unknownBookingCode, .noAppointmentForDocument, .appointmentCancelled,
        .appointmentOnOtherDay(day: LocalDate(year: 2026, month: 11, day: 16), past: true),
        .appointmentOnOtherDay(day: LocalDate(year: 2026, month: 11, day: 18), past: false),
        .checkInTooEarly(opensAt: TimeOfDay(hour: 9, minute: 30)),
        .checkInTooLate(closedAt: TimeOfDay(hour: 10, minute: 15), walkInService: "passport"),
        .checkInTooLate(closedAt: TimeOfDay(hour: 10, minute: 15), walkInService: nil),
    ]

    /// Check-in states beyond the one sample per screen, named: the keypad complete, mistyped, empty
    /// and for a service's appointment step, an unreadable document; every failure reason (also on
    /// the service failure screen, and of a check-in by document); the done screens of a checked-in appointment. Layout and overflow tests run over all.
    public static func checkInVariants(language: Language, accessible: Bool, catalog: KioskCatalog) -> [(name: String, state: KioskState)] {
        let root = KioskStage.categories(CategoryListState(node: .root, page: 0))
        let entry = CodeEntry(typed: variantCode.rawValue, purpose: .checkIn(returnTo: root))
        let step = CheckInStep(code: variantCode, entry: entry)
        var stages: [(String, KioskStage)] = [
            ("keypad complete", .codeEntry(entry)),
            ("keypad mistyped", .codeEntry(CodeEntry(typed: mistypedVariantCode, purpose: .checkIn(returnTo: root)))),
            ("keypad empty", .codeEntry(CodeEntry(purpose: .checkIn(returnTo: root)))),
        ]
        if let service = catalog.order.first(where: { catalog.services[$0]!.appointmentOnly }) ?? catalog.order.first {
            let serviceStep = ServiceStep(service: service, list: ServiceListState(scope: .all, query: "", page: 0),
                                          remaining: [.appointmentCode], credentials: [], unreadable: true, estimate: nil)
            stages.append(("appointment step unreadable", .requirement(serviceStep)))
            stages.append(("keypad for a service", .codeEntry(CodeEntry(typed: mistypedVariantCode, purpose: .credential(serviceStep)))))
            for failure in checkInFailures { stages.append(("service failure \(failure)", .failure(serviceStep, "sample-1", failure))) }
        }
        for failure in checkInFailures { stages.append(("check-in failure \(failure)", .checkInFailure(step, "sample-1", failure))) }
        let byDocument = CheckInStep(key: .document(reference: "sample-document"), entry: CodeEntry(purpose: .checkIn(returnTo: root)))
        stages.append(("keypad document unreadable", .codeEntry(CodeEntry(purpose: .checkIn(returnTo: root), documentUnreadable: true))))
        stages.append(("check-in by document failure", .checkInFailure(byDocument, "sample-1", .noAppointmentForDocument)))
        for printed in [true, false] {
            let receipt = TicketReceipt(requestID: "sample-1", number: "P014", peopleAhead: 3, expectedWaitSeconds: 600, printed: printed,
                                        service: catalog.order.first, appointmentTime: TimeOfDay(hour: 10))
            stages.append(("checked in printed=\(printed)", .checkedIn(step, receipt)))
        }
        return stages.map { name, stage in
            var state = KioskState(now: Instant(seconds: 0))
            state.language = language
            state.accessible = accessible
            state.stage = stage
            return (name, state)
        }
    }
}
