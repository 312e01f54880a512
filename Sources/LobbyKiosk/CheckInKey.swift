import LobbyQueue

/// What finds an appointment at check-in: a booking code typed on the keypad, or an ID document
/// presented on a reader (only an opaque reference to its keyed hash, never personal data).
public enum CheckInKey: Hashable, Sendable {
    /// A validated booking code.
    case bookingCode(BookingCode)
    /// An ID document read at this kiosk; the reference is the one its `KioskCredential` carried.
    case document(reference: String)

    /// The booking code, when the key is one.
    public var bookingCode: BookingCode? {
        if case .bookingCode(let code) = self { code } else { nil }
    }
}
