import LobbyMRZ

/// What of a machine-readable zone may be shown: document facts always, personal fields only on `reveal`.
///
/// Masked: document number (after its first two characters, the series), names (`***`, length hidden), birth date, sex,
/// expiry date, nationality, optional data, FIN, and the error messages (they quote field values).
/// Shown: format, document code, issuing state, validity and which fields have errors.
public enum MRZDisclosure {
    /// Key-value pairs in display order; personal values masked unless `reveal`.
    public static func fields(of document: MRZDocument, reveal: Bool) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [
            ("format", .optional(document.format?.rawValue)),
            ("documentCode", .optional(document.fields?.documentCode)),
            ("issuingState", .optional(document.fields?.issuingState)),
            ("valid", .bool(document.isValid)),
        ]
        let fields = document.fields
        func personal(_ key: String, _ value: String?, keep: Int? = nil) {
            guard let value else {
                out.append((key, .null))
                return
            }
            if reveal {
                out.append((key, .string(value)))
            } else {
                out.append((key, .string(keep.map { mask(value, keeping: $0) } ?? hidden)))
            }
        }
        personal("documentNumber", fields?.documentNumber, keep: 2)
        personal("surname", fields?.surname)
        personal("givenNames", fields?.givenNames)
        personal("birthDate", fields?.birthDate)
        personal("sex", fields?.sex)
        personal("expiryDate", fields?.expiryDate)
        personal("nationality", fields?.nationality)
        personal("fin", fields?.fin?.text)
        if reveal {
            out.append(("errors", .array(document.errors.map { .string($0.description) })))
        } else {
            var seen: [String] = []
            for issue in document.errors where !seen.contains(issue.field.rawValue) { seen.append(issue.field.rawValue) }
            out.append(("errorFields", .array(seen.map(JSONValue.string))))
        }
        return out
    }

    /// What a masked field shows (its length is not disclosed either).
    public static let hidden = "***"

    /// `AA*******`: the first `keeping` characters, then one `*` per remaining character (empty stays empty).
    public static func mask(_ value: String, keeping: Int = 0) -> String {
        let characters = Array(value)
        let kept = min(max(keeping, 0), characters.count)
        return String(characters[..<kept]) + String(repeating: "*", count: characters.count - kept)
    }
}
