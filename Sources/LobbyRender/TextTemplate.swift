import Foundation

/// A line of template text with placeholders: `{fieldName}` for a ticket field,
/// `{label.key}` for a label in the ticket's language, `[…]` for a part left out when a field in
/// it is empty, and `{{`, `}}`, `[[`, `]]` for literal braces and brackets.
public struct TextTemplate: Equatable, Sendable {
    /// One piece of the text.
    public enum Segment: Equatable, Sendable {
        /// Literal text.
        case literal(String)
        /// A ticket field.
        case field(TicketField)
        /// A label key looked up in the template's labels for the ticket language.
        case label(String)
        /// A part shown only when every field in it has a value.
        indirect case optional([Segment])
    }

    /// The pieces in order.
    public var segments: [Segment]

    /// Creates a template from pieces.
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Parses template text; the error message names the bad placeholder.
    public init(parsing text: String) throws(TextTemplateError) {
        var outer: [Segment] = []
        var group: [Segment]?
        var literal = ""
        func flush() {
            guard !literal.isEmpty else { return }
            if group != nil { group!.append(.literal(literal)) } else { outer.append(.literal(literal)) }
            literal = ""
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let doubled = next < text.endIndex && text[next] == character
            if "{}[]".contains(character), doubled {
                literal.append(character)
                index = text.index(after: next)
            } else if character == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw TextTemplateError(message: "'{' without a closing '}'")
                }
                let name = String(text[next..<close])
                let segment: Segment
                if name.hasPrefix("label.") {
                    let key = String(name.dropFirst("label.".count))
                    guard !key.isEmpty else { throw TextTemplateError(message: "empty label name in '{\(name)}'") }
                    segment = .label(key)
                } else if let field = TicketField(rawValue: name) {
                    segment = .field(field)
                } else {
                    let known = TicketField.allCases.map(\.rawValue).joined(separator: ", ")
                    throw TextTemplateError(message: "unknown placeholder '{\(name)}' (fields: \(known); labels: {label.NAME})")
                }
                flush()
                if group != nil { group!.append(segment) } else { outer.append(segment) }
                index = text.index(after: close)
            } else if character == "}" {
                throw TextTemplateError(message: "'}' without an opening '{' (write '}}' for a literal brace)")
            } else if character == "[" {
                guard group == nil else { throw TextTemplateError(message: "'[' inside '[…]': optional parts do not nest (write '[[' for a literal bracket)") }
                flush()
                group = []
                index = next
            } else if character == "]" {
                guard let parts = group else { throw TextTemplateError(message: "']' without an opening '[' (write ']]' for a literal bracket)") }
                flush()
                guard parts.contains(where: { if case .field = $0 { true } else { false } }) else {
                    throw TextTemplateError(message: "an optional part '[…]' must show a field")
                }
                outer.append(.optional(parts))
                group = nil
                index = next
            } else {
                literal.append(character)
                index = next
            }
        }
        guard group == nil else { throw TextTemplateError(message: "'[' without a closing ']'") }
        flush()
        self.segments = outer
    }

    /// Label keys the text uses.
    public var labelKeys: [String] {
        Self.flattened(segments).compactMap { if case let .label(key) = $0 { key } else { nil } }
    }

    /// The fields the text shows, optional parts included.
    public var fields: [TicketField] {
        Self.flattened(segments).compactMap { if case let .field(field) = $0 { field } else { nil } }
    }

    private static func flattened(_ segments: [Segment]) -> [Segment] {
        segments.flatMap { segment -> [Segment] in
            if case let .optional(inner) = segment { return flattened(inner) }
            return [segment]
        }
    }

    /// True when the text shows at least one field and every field it shows is empty
    /// (such a block is left out of the ticket, e.g. an empty note).
    public func showsOnlyEmptyFields(of content: TicketContent) -> Bool {
        return !fields.isEmpty && fields.allSatisfy { content.value(of: $0).isEmpty }
    }

    /// The text for one ticket; a missing label shows as `{label.key}` (layout validation
    /// prevents that for declared languages). Spaces that must not break a line become no-break
    /// spaces (`NoBreakSpacing`), and the text is trimmed.
    public func resolve(content: TicketContent, labels: [String: String]) -> String {
        let text = Self.resolve(segments, content: content, labels: labels)
        return NoBreakSpacing.apply(to: text).trimmingCharacters(in: .whitespaces)
    }

    private static func resolve(_ segments: [Segment], content: TicketContent, labels: [String: String]) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case let .literal(text): output += text
            case let .field(field): output += content.value(of: field)
            case let .label(key): output += labels[key] ?? "{label.\(key)}"
            case let .optional(inner):
                let shown = flattened(inner).allSatisfy { part in
                    if case let .field(field) = part { return !content.value(of: field).isEmpty }
                    return true
                }
                if shown { output += resolve(inner, content: content, labels: labels) }
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
