/// The JSON report of `lobbyctl mrz parse`: fixed keys, null where a value does not exist.
public struct MRZReport: Sendable, Hashable {
    /// The parsed document.
    public let document: MRZDocument

    /// The keys of the report, in output order.
    public static let keys = [
        "format", "documentCode", "issuingState", "documentNumber", "birthDate", "sex", "expiryDate",
        "nationality", "surname", "givenNames", "optionalData", "fin", "valid", "errors",
    ]

    /// Creates the report of a parsed document.
    public init(document: MRZDocument) { self.document = document }

    /// The report as a JSON value.
    public var json: JSONValue {
        let fields = document.fields
        let errors = document.errors.map { issue in
            JSONValue.object([
                ("field", .string(issue.field.rawValue)),
                ("message", .string(issue.message)),
                ("line", .optional(issue.line)),
                ("column", .optional(issue.column)),
            ])
        }
        return .object([
            ("format", .optional(document.format?.rawValue)),
            ("documentCode", .optional(fields?.documentCode)),
            ("issuingState", .optional(fields?.issuingState)),
            ("documentNumber", .optional(fields?.documentNumber)),
            ("birthDate", .optional(fields?.birthDate)),
            ("sex", .optional(fields?.sex)),
            ("expiryDate", .optional(fields?.expiryDate)),
            ("nationality", .optional(fields?.nationality)),
            ("surname", .optional(fields?.surname)),
            ("givenNames", .optional(fields?.givenNames)),
            ("optionalData", .optional(fields?.optionalData)),
            ("fin", .optional(fields?.fin?.text)),
            ("valid", .bool(document.isValid)),
            ("errors", .array(errors)),
        ])
    }

    /// The pretty-printed JSON text, ending with a newline.
    public var text: String { json.rendered() + "\n" }
}
