import Foundation
import LobbyMRZ
import LobbyPrivacy
import LobbyQueue

/// Reads an ID document's MRZ at ticket issue and keeps only what the queue needs: a keyed hash of
/// the personal number and, by age, a priority category. Names, birth dates and document numbers
/// are dropped here and never reach the journal, logs or events (Docs/Privacy.md).
struct DocumentIdentity: Sendable {
    let keyring: PersonKeyring
    let minimumAge: Int?
    let ageCategory: PriorityCategoryID?
    let calendar: ServiceCalendar

    /// What the queue keeps of a document.
    struct Facts: Sendable {
        let personKey: PersonKey
        let priority: PriorityCategoryID?

        /// Gives `request` the document's person key and, unless a priority was asked for, the
        /// document's priority: the one place where a document shapes a ticket (HTTP and kiosk).
        func apply(to request: inout TicketRequest) {
            request.personKey = personKey
            if request.priority == nil { request.priority = priority }
        }
    }

    init(configuration: PrivacyConfiguration, calendar: ServiceCalendar) throws {
        keyring = try PersonKeyring(hexKey: configuration.personKeyHex)
        minimumAge = configuration.agePriorityMinimumAge
        ageCategory = configuration.agePriorityCategory
        self.calendar = calendar
    }

    /// The facts of a document read at `now`, or the reasons it cannot be used.
    func facts(mrz: String, now: Instant) throws -> Facts {
        let document = MRZParser.parse(mrz)
        guard document.isValid, let f = document.fields else {
            let reasons = document.errors.prefix(5).map(\.message).joined(separator: "; ")
            throw APIError(.unprocessableContent, "invalid-document", "the document's machine-readable zone is not valid: \(reasons)")
        }
        let identifier = f.fin?.text ?? (f.issuingState + ":" + f.documentNumber)
        var priority: PriorityCategoryID?
        if let minimumAge, let ageCategory, let birth = f.parsedBirthDate {
            let day = calendar.localDate(at: now)
            if let today = CalendarDay(year: day.year, month: day.month, day: day.day), birth.age(on: today) >= minimumAge {
                priority = ageCategory
            }
        }
        return Facts(personKey: keyring.personKey(for: identifier), priority: priority)
    }
}
