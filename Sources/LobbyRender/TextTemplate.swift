/// A line of template text with placeholders: `{fieldName}` for a ticket field,
/// `{label.key}` for a label in the ticket's language, `{{` and `}}` for literal braces.
public struct TextTemplate: Equatable, Sendable {
    /// One piece of the text.
    public enum Segment: Equatable, Sendable {
        /// Literal text.
        case literal(String)
        /// A ticket field.
        case field(TicketField)
        /// A label key looked up in the template's labels for the ticket language.
        case label(String)
    }

    /// The pieces in order.
    public var segments: [Segment]

    /// Creates a template from pieces.
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Parses template text; the error message names the bad placeholder.
    public init(parsing text: String) throws(TextTemplateError) {
        var segments: [Segment] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{")
                index = text.index(after: next)
            } else if character == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}")
                index = text.index(after: next)
            } else if character == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw TextTemplateError(message: "'{' without a closing '}'")
                }
                let name = String(text[next..<close])
                if !literal.isEmpty {
                    segments.append(.literal(literal))
                    literal = ""
                }
                if name.hasPrefix("label.") {
                    let key = String(name.dropFirst("label.".count))
                    guard !key.isEmpty else { throw TextTemplateError(message: "empty label name in '{\(name)}'") }
                    segments.append(.label(key))
                } else if let field = TicketField(rawValue: name) {
                    segments.append(.field(field))
                } else {
                    let known = TicketField.allCases.map(\.rawValue).joined(separator: ", ")
                    throw TextTemplateError(message: "unknown placeholder '{\(name)}' (fields: \(known); labels: {label.NAME})")
                }
                index = text.index(after: close)
            } else if character == "}" {
                throw TextTemplateError(message: "'}' without an opening '{' (write '}}' for a literal brace)")
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    /// Label keys the text uses.
    public var labelKeys: [String] {
        segments.compactMap { if case let .label(key) = $0 { key } else { nil } }
    }

    /// True when the text shows at least one field and every field it shows is empty
    /// (such a block is left out of the ticket, e.g. an empty note).
    public func showsOnlyEmptyFields(of content: TicketContent) -> Bool {
        let fields = segments.compactMap { if case let .field(field) = $0 { field } else { nil } }
        return !fields.isEmpty && fields.allSatisfy { content.value(of: $0).isEmpty }
    }

    /// The text for one ticket; a missing label shows as `{label.key}` (layout validation
    /// prevents that for declared languages).
    public func resolve(content: TicketContent, labels: [String: String]) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case let .literal(text): output += text
            case let .field(field): output += content.value(of: field)
            case let .label(key): output += labels[key] ?? "{label.\(key)}"
            }
        }
        return output
    }
}

/// Template text that could not be parsed.
public struct TextTemplateError: Error, Equatable, Sendable {
    /// What is wrong.
    public var message: String
}
