/// Field positions of one MRZ format (ICAO 9303 parts 4, 5 and 6).
public struct MRZLayout: Sendable, Hashable {
    /// Document code, 2 characters.
    public var documentCode: MRZSpan
    /// Issuing state, 3 characters.
    public var issuingState: MRZSpan
    /// Principal document number field, 9 characters.
    public var documentNumber: MRZSpan
    /// Document number check digit (`<` there means the number continues in `continuationField`).
    public var documentNumberCheck: MRZSpan
    /// The optional data field that holds the rest of a number longer than 9 characters, if the format allows it.
    public var continuationField: MRZSpan?
    /// Date of birth YYMMDD.
    public var birthDate: MRZSpan
    /// Birth date check digit.
    public var birthDateCheck: MRZSpan
    /// Sex.
    public var sex: MRZSpan
    /// Date of expiry YYMMDD.
    public var expiryDate: MRZSpan
    /// Expiry date check digit.
    public var expiryDateCheck: MRZSpan
    /// Nationality, 3 characters.
    public var nationality: MRZSpan
    /// Name field.
    public var name: MRZSpan
    /// Optional data fields in reading order (TD1 has two; TD3 uses the personal number instead).
    public var optionalData: [MRZSpan]
    /// TD3 personal number (optional data) field.
    public var personalNumber: MRZSpan?
    /// TD3 personal number check digit.
    public var personalNumberCheck: MRZSpan?
    /// Composite check digit.
    public var composite: MRZSpan
    /// The spans the composite check digit covers, in order.
    public var compositeCoverage: [MRZSpan]
    /// Where the Azerbaijani FIN sits on ID cards of this format, if anywhere.
    public var azerbaijaniFIN: MRZSpan?

    /// The layout of a format.
    public static func of(_ format: MRZFormat) -> MRZLayout {
        switch format {
        case .td1: return td1
        case .td2: return td2
        case .td3: return td3
        }
    }

    private static let td1 = MRZLayout(
        documentCode: MRZSpan(line: 1, from: 1, to: 2),
        issuingState: MRZSpan(line: 1, from: 3, to: 5),
        documentNumber: MRZSpan(line: 1, from: 6, to: 14),
        documentNumberCheck: MRZSpan(line: 1, from: 15, to: 15),
        continuationField: MRZSpan(line: 1, from: 16, to: 30),
        birthDate: MRZSpan(line: 2, from: 1, to: 6),
        birthDateCheck: MRZSpan(line: 2, from: 7, to: 7),
        sex: MRZSpan(line: 2, from: 8, to: 8),
        expiryDate: MRZSpan(line: 2, from: 9, to: 14),
        expiryDateCheck: MRZSpan(line: 2, from: 15, to: 15),
        nationality: MRZSpan(line: 2, from: 16, to: 18),
        name: MRZSpan(line: 3, from: 1, to: 30),
        optionalData: [MRZSpan(line: 1, from: 16, to: 30), MRZSpan(line: 2, from: 19, to: 29)],
        personalNumber: nil,
        personalNumberCheck: nil,
        composite: MRZSpan(line: 2, from: 30, to: 30),
        compositeCoverage: [
            MRZSpan(line: 1, from: 6, to: 30), MRZSpan(line: 2, from: 1, to: 7),
            MRZSpan(line: 2, from: 9, to: 15), MRZSpan(line: 2, from: 19, to: 29),
        ],
        azerbaijaniFIN: MRZSpan(line: 1, from: 16, to: 22)
    )

    private static let td2 = MRZLayout(
            documentCode: MRZSpan(line: 1, from: 1, to: 2),
            issuingState: MRZSpan(line: 1, from: 3, to: 5),
            documentNumber: MRZSpan(line: 2, from: 1, to: 9),
            documentNumberCheck: MRZSpan(line: 2, from: 10, to: 10),
            continuationField: MRZSpan(line: 2, from: 29, to: 35),
            birthDate: MRZSpan(line: 2, from: 14, to: 19),
            birthDateCheck: MRZSpan(line: 2, from: 20, to: 20),
            sex: MRZSpan(line: 2, from: 21, to: 21),
            expiryDate: MRZSpan(line: 2, from: 22, to: 27),
            expiryDateCheck: MRZSpan(line: 2, from: 28, to: 28),
            nationality: MRZSpan(line: 2, from: 11, to: 13),
            name: MRZSpan(line: 1, from: 6, to: 36),
            optionalData: [MRZSpan(line: 2, from: 29, to: 35)],
            personalNumber: nil,
            personalNumberCheck: nil,
            composite: MRZSpan(line: 2, from: 36, to: 36),
            compositeCoverage: [
                MRZSpan(line: 2, from: 1, to: 10), MRZSpan(line: 2, from: 14, to: 20),
                MRZSpan(line: 2, from: 22, to: 35),
            ],
            azerbaijaniFIN: MRZSpan(line: 2, from: 29, to: 35)
        )

    private static let td3 = MRZLayout(
        documentCode: MRZSpan(line: 1, from: 1, to: 2),
        issuingState: MRZSpan(line: 1, from: 3, to: 5),
        documentNumber: MRZSpan(line: 2, from: 1, to: 9),
        documentNumberCheck: MRZSpan(line: 2, from: 10, to: 10),
        continuationField: nil,
        birthDate: MRZSpan(line: 2, from: 14, to: 19),
        birthDateCheck: MRZSpan(line: 2, from: 20, to: 20),
        sex: MRZSpan(line: 2, from: 21, to: 21),
        expiryDate: MRZSpan(line: 2, from: 22, to: 27),
        expiryDateCheck: MRZSpan(line: 2, from: 28, to: 28),
        nationality: MRZSpan(line: 2, from: 11, to: 13),
        name: MRZSpan(line: 1, from: 6, to: 44),
        optionalData: [],
        personalNumber: MRZSpan(line: 2, from: 29, to: 42),
        personalNumberCheck: MRZSpan(line: 2, from: 43, to: 43),
        composite: MRZSpan(line: 2, from: 44, to: 44),
        compositeCoverage: [
            MRZSpan(line: 2, from: 1, to: 10), MRZSpan(line: 2, from: 14, to: 20),
            MRZSpan(line: 2, from: 22, to: 43),
        ],
        azerbaijaniFIN: nil
    )

    /// The field a 1-based position belongs to (used to attribute bad characters).
    public func field(atLine line: Int, column: Int) -> MRZField {
        let table: [(MRZSpan?, MRZField)] = [
            (documentCode, .documentCode), (issuingState, .issuingState),
            (documentNumber, .documentNumber), (documentNumberCheck, .documentNumber),
            (birthDate, .birthDate), (birthDateCheck, .birthDate), (sex, .sex),
            (expiryDate, .expiryDate), (expiryDateCheck, .expiryDate),
            (nationality, .nationality), (name, .name),
            (personalNumber, .personalNumber), (personalNumberCheck, .personalNumber),
            (composite, .composite),
        ]
        for (span, field) in table {
            if let span, span.contains(line: line, column: column) { return field }
        }
        return .optionalData
    }
}
