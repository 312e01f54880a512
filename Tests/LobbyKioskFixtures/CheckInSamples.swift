import LobbyKiosk
import LobbyQueue

/// Booking codes for the check-in tests.
public enum CheckInSamples {
    /// A synthetic code with a valid check character.
    public static let code = KioskSampleStates.variantCode

    /// `code` with its last (check) character replaced, so the check fails.
    public static var mistyped: String { KioskSampleStates.mistypedVariantCode }
}
