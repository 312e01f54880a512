import LobbyQueue

/// A booking code being typed on the kiosk's keypad, and what it is typed for.
public struct CodeEntry: Hashable, Sendable {
    /// What the typed code is for.
    public indirect enum Purpose: Hashable, Sendable {
        /// Appointment check-in by booking code; back returns to `returnTo`.
        case checkIn(returnTo: KioskStage)
        /// The appointment code a chosen service asks for (instead of the scanner); back returns to the step.
        case credential(ServiceStep)
    }

    /// The characters typed so far: only characters of `BookingCode.alphabet`, at most `BookingCode.length`.
    public var typed: String
    /// What the code is for.
    public var purpose: Purpose
    /// The last ID document presented on this screen could not be used (unreadable or invalid).
    public var documentUnreadable: Bool

    /// An entry from its parts.
    public init(typed: String = "", purpose: Purpose, documentUnreadable: Bool = false) {
        self.typed = typed
        self.purpose = purpose
        self.documentUnreadable = documentUnreadable
    }

    /// Whether the entry is for checking in (a document may be presented instead of typing).
    public var isCheckIn: Bool {
        if case .checkIn = purpose { true } else { false }
    }

    /// Whether all eight characters are typed.
    public var isComplete: Bool { typed.count == BookingCode.length }

    /// The validated code once eight characters with a matching check character are typed.
    public var code: BookingCode? {
        guard isComplete else { return nil }
        return try? BookingCode(parsing: typed)
    }

    /// Eight characters are typed but the check character does not match (a typo or a swap).
    public var checkFailed: Bool { isComplete && code == nil }

    /// The typed characters as shown: two groups of four, untyped places as `_` (`ACE_-____`).
    public var display: String {
        let padded = Array(typed + String(repeating: "_", count: max(0, BookingCode.length - typed.count)))
        return String(padded[0..<4]) + "-" + String(padded[4..<BookingCode.length])
    }

    /// Appends `character` when it belongs to the alphabet and there is room; returns whether it did.
    public mutating func append(_ character: String) -> Bool {
        guard typed.count < BookingCode.length, character.count == 1, let c = character.first,
              BookingCode.alphabet.contains(c) else { return false }
        typed.append(c)
        return true
    }
}

/// An appointment check-in, from the moment the code is submitted or the document presented.
public struct CheckInStep: Hashable, Sendable {
    /// What finds the appointment.
    public var key: CheckInKey
    /// The keypad entry it came from (to correct the code, or type one, after a refusal).
    public var entry: CodeEntry

    /// A step from its parts.
    public init(key: CheckInKey, entry: CodeEntry) {
        self.key = key
        self.entry = entry
    }

    /// A check-in by a validated booking code.
    public init(code: BookingCode, entry: CodeEntry) {
        self.init(key: .bookingCode(code), entry: entry)
    }
}
