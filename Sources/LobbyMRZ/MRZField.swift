/// The part of an MRZ an error is about; the raw value is the JSON `field` name.
public enum MRZField: String, Sendable, Hashable, CaseIterable {
    /// The shape of the input: size, line count, line lengths.
    case format
    /// Document code (line 1, columns 1-2).
    case documentCode
    /// Issuing state or organisation.
    case issuingState
    /// Document number and its check digit.
    case documentNumber
    /// Date of birth and its check digit.
    case birthDate
    /// Sex.
    case sex
    /// Date of expiry and its check digit.
    case expiryDate
    /// Nationality.
    case nationality
    /// Name of the holder.
    case name
    /// Optional data fields.
    case optionalData
    /// TD3 personal number and its check digit.
    case personalNumber
    /// Composite check digit.
    case composite
    /// Azerbaijani personal identification number (FIN).
    case fin

    /// Human wording used in messages ("birth date").
    public var wording: String {
        switch self {
        case .format: return "format"
        case .documentCode: return "document code"
        case .issuingState: return "issuing state"
        case .documentNumber: return "document number"
        case .birthDate: return "birth date"
        case .sex: return "sex"
        case .expiryDate: return "expiry date"
        case .nationality: return "nationality"
        case .name: return "name"
        case .optionalData: return "optional data"
        case .personalNumber: return "personal number"
        case .composite: return "composite"
        case .fin: return "FIN"
        }
    }
}
