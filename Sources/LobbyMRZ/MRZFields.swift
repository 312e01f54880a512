/// The data fields read from a structurally complete MRZ (present even when check digits fail).
public struct MRZFields: Sendable, Hashable {
    /// Document code with trailing fillers removed ("P", "ID", "I").
    public var documentCode: String
    /// Issuing state with trailing fillers removed ("UTO", "D").
    public var issuingState: String
    /// Full document number (including a TD1/TD2 continuation), trailing fillers removed.
    public var documentNumber: String
    /// Date of birth as the six characters written (YYMMDD).
    public var birthDate: String
    /// The parsed birth date, nil when not a valid YYMMDD.
    public var parsedBirthDate: MRZDate?
    /// Sex as written: "M", "F", "X" or "<".
    public var sex: String
    /// Date of expiry as the six characters written; nil when the document does not expire (`<<<<<<`).
    public var expiryDate: String?
    /// The parsed expiry date, nil when absent or not a valid YYMMDD.
    public var parsedExpiryDate: MRZDate?
    /// Nationality with trailing fillers removed.
    public var nationality: String
    /// Primary identifier, fillers turned into single spaces.
    public var surname: String
    /// Secondary identifier, fillers turned into single spaces.
    public var givenNames: String
    /// Optional data (TD1: both fields joined by a space; TD3: the personal number), trailing fillers removed.
    public var optionalData: String
    /// The Azerbaijani FIN, when the document is an Azerbaijani ID card and the FIN is well formed.
    public var fin: AzerbaijaniFIN?
    /// Which Azerbaijani ID-card layout was recognised, if any.
    public var azerbaijaniLayout: AzerbaijaniLayout?
}

/// The Azerbaijani ID-card layouts the parser knows.
public enum AzerbaijaniLayout: String, Sendable, Hashable {
    /// Old "AZE" series card: TD2, FIN in line 2 columns 29-35, possibly lifetime expiry.
    case oldTD2
    /// New card: TD1, FIN in line 1 columns 16-22.
    case newTD1
}
