/// The keys of the citizens' strings; each translation file must have every one.
public enum KioskStringKey: String, Hashable, Sendable, CaseIterable {
    /// The language's own name on the language button ("Azərbaycan dili").
    case languageName = "language.name"
    /// Attract screen: invitation to touch.
    case attractPrompt = "attract.prompt"
    /// Attract screen: the start button.
    case attractStart = "attract.start"
    /// Language screen title.
    case languageTitle = "language.title"
    /// Back button.
    case back = "nav.back"
    /// Home button.
    case home = "nav.home"
    /// Accessible toggle while off.
    case accessibleOff = "accessible.off"
    /// Accessible toggle while on.
    case accessibleOn = "accessible.on"
    /// Category screen title.
    case categoriesTitle = "categories.title"
    /// Entry for the alphabetical list of every service.
    case allServices = "categories.all"
    /// Entry for services placed directly in a category that also has sub-categories.
    case otherServices = "categories.other"
    /// Service list title.
    case servicesTitle = "services.title"
    /// Search field hint while empty.
    case searchHint = "services.searchHint"
    /// Search field with letters typed; `{query}`.
    case searchQuery = "services.query"
    /// No service matches.
    case noMatch = "services.noMatch"
    /// Page indicator; `{page}`, `{pages}`.
    case page = "services.page"
    /// Next page button.
    case nextPage = "services.next"
    /// Previous page button.
    case previousPage = "services.previous"
    /// Keyboard: delete the last letter.
    case deleteLetter = "keyboard.delete"
    /// Keyboard: clear the search.
    case clearLetters = "keyboard.clear"
    /// Service detail: an ID document is needed.
    case needsIDDocument = "service.needsID"
    /// Service detail: by appointment only.
    case appointmentOnly = "service.appointmentOnly"
    /// ID document step title.
    case idTitle = "requirement.id.title"
    /// ID document step instruction.
    case idInstruction = "requirement.id.instruction"
    /// Appointment step title.
    case appointmentTitle = "requirement.appointment.title"
    /// Appointment step instruction.
    case appointmentInstruction = "requirement.appointment.instruction"
    /// A reader could not use what it saw.
    case credentialUnreadable = "requirement.unreadable"
    /// Confirmation screen title.
    case confirmTitle = "confirm.title"
    /// People ahead; `{count}`.
    case peopleAhead = "confirm.ahead"
    /// Expected wait; `{minutes}`.
    case expectedWait = "confirm.wait"
    /// Estimate not known yet.
    case estimatePending = "confirm.pending"
    /// The take-ticket button.
    case takeTicket = "confirm.take"
    /// Printing screen title.
    case printingTitle = "printing.title"
    /// Printing screen: please wait.
    case printingWait = "printing.wait"
    /// Done screen: "Your number".
    case doneTitle = "done.title"
    /// Done screen: take the printed ticket.
    case donePrinted = "done.printed"
    /// Done screen when nothing printed: remember or photograph the number.
    case doneUnprinted = "done.unprinted"
    /// Failure screen title.
    case failureTitle = "failure.title"
    /// The queue did not answer.
    case failureUnavailable = "failure.unavailable"
    /// The service takes no more tickets now.
    case failureClosed = "failure.closed"
    /// The credential was refused.
    case failureCredential = "failure.credential"
    /// Retry button.
    case retry = "failure.retry"
    /// Button on the first list screen: check in an appointment by its booking code.
    case checkInEntry = "checkIn.entry"
    /// Check-in keypad title.
    case checkInTitle = "checkIn.title"
    /// Check-in keypad instruction: type the eight characters.
    case checkInInstruction = "checkIn.instruction"
    /// Eight characters typed, but the check character does not match.
    case checkInInvalid = "checkIn.invalid"
    /// The check-in button.
    case checkInSubmit = "checkIn.submit"
    /// The keypad's submit button when the code is for a chosen service.
    case checkInContinue = "checkIn.continue"
    /// Appointment step: type the code on the screen instead of scanning it.
    case typeCode = "requirement.appointment.type"
    /// Check-in failure screen title.
    case checkInFailureTitle = "checkIn.failure.title"
    /// No appointment has the code.
    case checkInUnknown = "checkIn.failure.unknown"
    /// The appointment was cancelled.
    case checkInCancelled = "checkIn.failure.cancelled"
    /// Check-in opens later; `{time}`.
    case checkInTooEarly = "checkIn.failure.early"
    /// Check-in closed, an ordinary ticket is possible; `{time}`.
    case checkInTooLate = "checkIn.failure.late"
    /// Check-in closed, the service is by appointment only; `{time}`.
    case checkInTooLateAppointmentOnly = "checkIn.failure.lateBook"
    /// The appointment is on a later day; `{date}`.
    case checkInLaterDay = "checkIn.failure.laterDay"
    /// The appointment was on an earlier day; `{date}`.
    case checkInPastDay = "checkIn.failure.pastDay"
    /// Take an ordinary ticket instead.
    case ordinaryTicket = "checkIn.ordinary"
    /// Back to the keypad to correct the code.
    case correctCode = "checkIn.correct"
    /// Check-in keypad instruction when an ID document may be presented instead.
    case checkInInstructionDocument = "checkIn.instructionDocument"
    /// The document presented on the check-in keypad could not be used.
    case checkInDocumentUnreadable = "checkIn.documentUnreadable"
    /// The presented document has no appointment today or later.
    case checkInNoAppointment = "checkIn.failure.noAppointment"
    /// Back to the keypad to type a booking code after a document found nothing.
    case checkInTypeCode = "checkIn.typeCode"
    /// Done screen of a checked-in appointment; `{time}`.
    case doneAppointment = "done.appointment"
    /// Expected wait within `WaitEstimate.shortlySeconds` ("you will be called shortly").
    case waitShort = "confirm.waitShort"
    /// The language's own short name on the language switch of every screen ("Azərbaycanca").
    case languageShort = "language.short"
    /// Done screen: the windows serving the ticket's service; `{windows}`.
    case doneWindows = "done.windows"
    /// Service list: people waiting and the wait of a new ticket; `{count}`, `{minutes}`.
    case serviceStatus = "services.status"
    /// Service list: people waiting, and a new ticket would be called within 90 s; `{count}`.
    case serviceStatusShort = "services.statusShort"
    /// Confirm screen: the button that opens the priority categories.
    case priorityEntry = "priority.entry"
    /// Confirm and done screens: the chosen priority category; `{name}`.
    case priorityChosen = "priority.chosen"
    /// Priority screen title.
    case priorityTitle = "priority.title"
    /// Priority screen: what to choose and that proof may be asked at the window.
    case priorityInstruction = "priority.instruction"
    /// Priority screen: take an ordinary ticket after all.
    case priorityNone = "priority.none"
    /// Done screen: the QR code beside it opens the ticket's status page on a phone.
    case doneQR = "done.qr"
    /// Ticket status page (`/t/<token>`): title.
    case statusTitle = "status.title"
    /// Status page: nobody is ahead.
    case statusNext = "status.next"
    /// Status page: the ticket is called; `{window}`.
    case statusCalled = "status.called"
    /// Status page: the ticket's visit is over (served, no-show, cancelled).
    case statusFinished = "status.finished"
    /// Status page: no ticket of today has this address.
    case statusUnknown = "status.unknown"
    /// Status page: the last update failed; it keeps trying.
    case statusOffline = "status.offline"

    /// The placeholders (`{name}`) every translation of this key must contain.
    public var placeholders: [String] {
        switch self {
        case .searchQuery: ["query"]
        case .page: ["page", "pages"]
        case .peopleAhead: ["count"]
        case .expectedWait: ["minutes"]
        case .doneWindows: ["windows"]
        case .serviceStatus: ["count", "minutes"]
        case .serviceStatusShort: ["count"]
        case .priorityChosen: ["name"]
        case .statusCalled: ["window"]
        case .checkInTooEarly, .checkInTooLate, .checkInTooLateAppointmentOnly, .doneAppointment: ["time"]
        case .checkInLaterDay, .checkInPastDay: ["date"]
        default: []
        }
    }
}
