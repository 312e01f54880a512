/// Parses ICAO 9303 machine-readable zones (TD1, TD2, TD3) including Azerbaijani ID-card layouts.
///
/// Never traps: any string gives an `MRZDocument` whose `errors` say precisely what is wrong.
public enum MRZParser {
    /// At most this many bad-character errors are listed; one more error counts the rest.
    public static let maximumCharacterErrors = 12

    /// Parses MRZ text (lines separated by LF, CR or CRLF; surrounding whitespace ignored).
    public static func parse(_ text: String) -> MRZDocument {
        let input = MRZInput(text)
        let lineStrings = input.lines.map { line -> String in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: line)
            return String(view)
        }
        var errors: [MRZIssue] = []
        if input.isTooLong {
            errors.append(MRZIssue(
                field: .format,
                message: "input is longer than \(MRZInput.maximumScalarCount) characters; an MRZ has at most 90"))
            return MRZDocument(format: nil, lines: [], fields: nil, errors: errors)
        }
        guard let format = detectFormat(input.lines, errors: &errors) else {
            return MRZDocument(format: nil, lines: lineStrings, fields: nil, errors: errors)
        }
        var lengthsAreRight = true
        for (index, line) in input.lines.enumerated() where line.count != format.lineLength {
            lengthsAreRight = false
            errors.append(MRZIssue(
                field: .format,
                message: "line \(index + 1) has \(line.count) characters, \(format.rawValue) expects \(format.lineLength)",
                line: index + 1,
                column: min(line.count, format.lineLength) + 1))
        }
        scanCharacters(input.lines, layout: format.layout, lineLength: format.lineLength, errors: &errors)
        guard lengthsAreRight else {
            return MRZDocument(format: format, lines: lineStrings, fields: nil, errors: errors)
        }
        var reader = MRZFieldReader(format: format, scalars: input.lines, bytes: input.asciiLines)
        let fields = reader.read()
        errors.append(contentsOf: reader.errors)
        return MRZDocument(format: format, lines: lineStrings, fields: fields, errors: errors)
    }

    private static func detectFormat(_ lines: [[Unicode.Scalar]], errors: inout [MRZIssue]) -> MRZFormat? {
        switch lines.count {
        case 0:
            errors.append(MRZIssue(field: .format, message: "input is empty; expected 2 or 3 MRZ lines"))
            return nil
        case 2:
            if lines[0].count == 30 && lines[1].count == 30 {
                errors.append(MRZIssue(
                    field: .format,
                    message: "found 2 lines of 30 characters; TD1 needs 3 lines"))
                return nil
            }
            return max(lines[0].count, lines[1].count) >= 40 ? .td3 : .td2
        case 3:
            return .td1
        case 1:
            errors.append(MRZIssue(
                field: .format,
                message: "found 1 line of \(lines[0].count) characters; expected 3 lines of 30 (TD1), 2 of 36 (TD2) or 2 of 44 (TD3)"))
            return nil
        default:
            errors.append(MRZIssue(
                field: .format,
                message: "found \(lines.count) lines; expected 3 (TD1) or 2 (TD2, TD3)"))
            return nil
        }
    }

    private static func scanCharacters(
        _ lines: [[Unicode.Scalar]], layout: MRZLayout, lineLength: Int, errors: inout [MRZIssue]
    ) {
        var reported = 0
        var unreported = 0
        for (lineIndex, line) in lines.enumerated() {
            for (columnIndex, scalar) in line.enumerated() {
                if scalar.isASCII, MRZCheckDigit.isMRZCharacter(UInt8(scalar.value)) { continue }
                if reported >= maximumCharacterErrors {
                    unreported += 1
                    continue
                }
                reported += 1
                let column = columnIndex + 1
                let field = column <= lineLength ? layout.field(atLine: lineIndex + 1, column: column) : .format
                errors.append(MRZIssue(
                    field: field,
                    message: "character \(describe(scalar)) is not allowed (an MRZ uses A-Z, 0-9 and <)",
                    line: lineIndex + 1,
                    column: column))
            }
        }
        if unreported > 0 {
            errors.append(MRZIssue(field: .format, message: "\(unreported) more characters are not allowed"))
        }
    }

    /// Describes a character for messages: printable ASCII quoted, anything else with its code point.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if scalar.value > 0x20 && scalar.value < 0x7F { return "'\(Character(scalar))'" }
        if scalar.value == 0x20 { return "' ' (space)" }
        if scalar.value >= 0xA0, !scalar.properties.isWhitespace, scalar.properties.generalCategory != .format,
           scalar.properties.generalCategory != .control, scalar.properties.generalCategory != .privateUse,
           scalar.properties.generalCategory != .unassigned, scalar.properties.generalCategory != .surrogate,
           scalar.properties.generalCategory != .nonspacingMark, scalar.properties.generalCategory != .enclosingMark
        {
            return "'\(Character(scalar))' (U+\(hex))"
        }
        return "U+\(hex)"
    }
}
