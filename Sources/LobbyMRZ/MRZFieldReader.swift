/// Reads and checks the fields of an MRZ whose line count and lengths are already right.
struct MRZFieldReader {
    let format: MRZFormat
    let layout: MRZLayout
    let scalars: [[Unicode.Scalar]]
    let bytes: [[UInt8]]
    private(set) var errors: [MRZIssue] = []

    private static let filler = UInt8(ascii: "<")

    init(format: MRZFormat, scalars: [[Unicode.Scalar]], bytes: [[UInt8]]) {
        self.format = format
        self.layout = format.layout
        self.scalars = scalars
        self.bytes = bytes
    }

    // MARK: - Access

    private func slice(_ span: MRZSpan) -> ArraySlice<UInt8> {
        let start = span.column - 1
        return bytes[span.line - 1][start..<(start + span.length)]
    }

    private func text(_ span: MRZSpan) -> String {
        let start = span.column - 1
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[span.line - 1][start..<(start + span.length)])
        return String(view)
    }

    private func byte(_ span: MRZSpan) -> UInt8 { bytes[span.line - 1][span.column - 1] }

    private func isClean<C: Collection>(_ data: C) -> Bool where C.Element == UInt8 {
        data.allSatisfy(MRZCheckDigit.isMRZCharacter)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isLetter(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }

    private static func string<C: Collection>(_ data: C) -> String where C.Element == UInt8 {
        String(decoding: Array(data), as: UTF8.self)
    }

    private static func trimmingTrailingFillers(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        while scalars.last == "<" { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private mutating func fail(_ field: MRZField, _ message: String, line: Int, column: Int) {
        errors.append(MRZIssue(field: field, message: message, line: line, column: column))
    }

    // MARK: - Check digits

    /// Verifies a check digit; silent when the data or the digit holds characters already reported as not allowed.
    private mutating func verifyCheckDigit<C: Collection>(
        _ field: MRZField, over data: C, at check: MRZSpan, fillerAllowedWhenEmpty: Bool = false
    ) where C.Element == UInt8 {
        let checkByte = byte(check)
        guard MRZCheckDigit.isMRZCharacter(checkByte), let computed = MRZCheckDigit.compute(data) else { return }
        if Self.isDigit(checkByte) {
            let written = Int(checkByte - 48)
            if written != computed {
                fail(field, "\(field.wording) check digit is \(written), computed \(computed)", line: check.line, column: check.column)
            }
        } else if checkByte == Self.filler && fillerAllowedWhenEmpty && data.allSatisfy({ $0 == Self.filler }) {
            return
        } else {
            let shown = Character(Unicode.Scalar(checkByte))
            fail(field, "\(field.wording) check digit is '\(shown)', not a digit; computed \(computed)", line: check.line, column: check.column)
        }
    }

    // MARK: - Fields

    mutating func read() -> MRZFields {
        let documentCode = readDocumentCode()
        let issuingState = readState(layout.issuingState, field: .issuingState)
        let number = readDocumentNumber()
        let birth = readDate(layout.birthDate, check: layout.birthDateCheck, field: .birthDate, mayBeAbsent: false)
        let expiry = readDate(layout.expiryDate, check: layout.expiryDateCheck, field: .expiryDate, mayBeAbsent: true)
        let sex = readSex()
        let nationality = readState(layout.nationality, field: .nationality)
        let (surname, givenNames) = readName()
        let optionalData = readOptionalData(continuationUsed: number.continuationLength)
        readComposite()
        let (fin, azerbaijaniLayout) = readAzerbaijaniFIN(numberContinues: number.continuationLength != nil)
        return MRZFields(
            documentCode: Self.trimmingTrailingFillers(documentCode),
            issuingState: Self.trimmingTrailingFillers(issuingState),
            documentNumber: number.text,
            birthDate: birth.text,
            parsedBirthDate: birth.date,
            sex: sex,
            expiryDate: expiry.isAbsent ? nil : expiry.text,
            parsedExpiryDate: expiry.date,
            nationality: Self.trimmingTrailingFillers(nationality),
            surname: surname,
            givenNames: givenNames,
            optionalData: optionalData,
            fin: fin,
            azerbaijaniLayout: azerbaijaniLayout)
    }

    private mutating func readDocumentCode() -> String {
        let span = layout.documentCode
        let code = text(span)
        let first = byte(span)
        let second = bytes[span.line - 1][span.column]
        if MRZCheckDigit.isMRZCharacter(first), ![UInt8(ascii: "A"), UInt8(ascii: "C"), UInt8(ascii: "I"), UInt8(ascii: "P")].contains(first) {
            fail(.documentCode, "document code '\(code)' must start with A, C, I or P", line: span.line, column: span.column)
        }
        if Self.isDigit(second) {
            fail(.documentCode, "document code '\(code)' must end with a letter or <", line: span.line, column: span.column + 1)
        }
        return code
    }

    private mutating func readState(_ span: MRZSpan, field: MRZField) -> String {
        let value = text(span)
        let data = slice(span)
        if let index = data.firstIndex(where: Self.isDigit) {
            let column = span.column + (index - data.startIndex)
            fail(field, "\(field.wording) '\(value)' contains the digit '\(Character(Unicode.Scalar(data[index])))'", line: span.line, column: column)
        } else if data.allSatisfy({ $0 == Self.filler }) {
            fail(field, "\(field.wording) is empty", line: span.line, column: span.column)
        }
        return value
    }

    /// The document number text and, when it continues into optional data, how many characters of that field it used (including its check digit).
    private mutating func readDocumentNumber() -> (text: String, continuationLength: Int?) {
        let principal = slice(layout.documentNumber)
        let checkSpan = layout.documentNumberCheck
        if byte(checkSpan) == Self.filler, let continuation = layout.continuationField {
            let rest = slice(continuation)
            let run = rest.prefix(while: { $0 != Self.filler })
            if run.isEmpty {
                fail(.documentNumber, "document number check digit is '<' and no continuation follows in the optional data",
                     line: checkSpan.line, column: checkSpan.column)
                return (Self.trimmingTrailingFillers(text(layout.documentNumber)), nil)
            }
            let digitSpan = MRZSpan(line: continuation.line, column: continuation.column + run.count - 1, length: 1)
            let numberData = Array(principal) + Array(run.dropLast())
            verifyCheckDigit(.documentNumber, over: numberData, at: digitSpan)
            let full = text(layout.documentNumber) + text(MRZSpan(line: continuation.line, column: continuation.column, length: run.count - 1))
            return (Self.trimmingTrailingFillers(full), run.count)
        }
        verifyCheckDigit(.documentNumber, over: principal, at: checkSpan)
        let number = Self.trimmingTrailingFillers(text(layout.documentNumber))
        if principal.allSatisfy({ $0 == Self.filler }) {
            fail(.documentNumber, "document number is empty", line: layout.documentNumber.line, column: layout.documentNumber.column)
        }
        return (number, nil)
    }

    private mutating func readDate(
        _ span: MRZSpan, check: MRZSpan, field: MRZField, mayBeAbsent: Bool
    ) -> (text: String, date: MRZDate?, isAbsent: Bool) {
        let value = text(span)
        let data = slice(span)
        verifyCheckDigit(field, over: data, at: check)
        guard isClean(data) else { return (value, nil, false) }
        if mayBeAbsent && data.allSatisfy({ $0 == Self.filler }) { return (value, nil, true) }
        if let index = data.firstIndex(where: { !Self.isDigit($0) }) {
            fail(field, "\(field.wording) '\(value)' is not six digits YYMMDD", line: span.line, column: span.column + (index - data.startIndex))
            return (value, nil, false)
        }
        let digits = data.map { Int($0) - 48 }
        let month = digits[2] * 10 + digits[3]
        if !(1...12).contains(month) {
            fail(field, "\(field.wording) \(value) has month \(digits[2])\(digits[3]), not 01-12", line: span.line, column: span.column + 2)
            return (value, nil, false)
        }
        guard let date = MRZDate(value) else {
            fail(field, "\(field.wording) \(value) has day \(digits[4])\(digits[5]), impossible in month \(digits[2])\(digits[3])",
                 line: span.line, column: span.column + 4)
            return (value, nil, false)
        }
        return (value, date, false)
    }

    private mutating func readSex() -> String {
        let span = layout.sex
        let value = byte(span)
        let allowed: [UInt8] = [UInt8(ascii: "M"), UInt8(ascii: "F"), UInt8(ascii: "X"), Self.filler]
        if MRZCheckDigit.isMRZCharacter(value), !allowed.contains(value) {
            fail(.sex, "sex '\(Character(Unicode.Scalar(value)))' must be M, F, X or <", line: span.line, column: span.column)
        }
        return text(span)
    }

    private mutating func readName() -> (surname: String, givenNames: String) {
        let span = layout.name
        let data = slice(span)
        if let index = data.firstIndex(where: Self.isDigit) {
            fail(.name, "name contains the digit '\(Character(Unicode.Scalar(data[index])))'", line: span.line, column: span.column + (index - data.startIndex))
        }
        if data.allSatisfy({ $0 == Self.filler }) {
            fail(.name, "name is empty", line: span.line, column: span.column)
            return ("", "")
        }
        let characters = Array(text(span).unicodeScalars)
        var separator: Int? = nil
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == "<" && characters[index + 1] == "<" {
                separator = index
                break
            }
            index += 1
        }
        guard let separator else { return (Self.spaced(characters[...]), "") }
        return (Self.spaced(characters[..<separator]), Self.spaced(characters[(separator + 2)...]))
    }

    /// Turns every run of `<` into one space and trims spaces at both ends.
    private static func spaced(_ characters: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in characters {
            if scalar == "<" {
                pendingSpace = !view.isEmpty
            } else {
                if pendingSpace { view.append(" ") }
                pendingSpace = false
                view.append(scalar)
            }
        }
        return String(view)
    }

    private mutating func readOptionalData(continuationUsed: Int?) -> String {
        if let personal = layout.personalNumber, let check = layout.personalNumberCheck {
            verifyCheckDigit(.personalNumber, over: slice(personal), at: check, fillerAllowedWhenEmpty: true)
            return Self.trimmingTrailingFillers(text(personal))
        }
        var parts: [String] = []
        for (index, span) in layout.optionalData.enumerated() {
            var value = text(span)
            if index == 0, let used = continuationUsed {
                // The number continuation, then one filler, then the remaining optional data.
                value = String(String.UnicodeScalarView(value.unicodeScalars.dropFirst(min(used + 1, span.length))))
            }
            let trimmed = Self.trimmingTrailingFillers(value)
            if !trimmed.isEmpty { parts.append(trimmed) }
        }
        return parts.joined(separator: " ")
    }

    private mutating func readComposite() {
        var data: [UInt8] = []
        for span in layout.compositeCoverage { data.append(contentsOf: slice(span)) }
        verifyCheckDigit(.composite, over: data, at: layout.composite)
    }

    private mutating func readAzerbaijaniFIN(numberContinues: Bool) -> (AzerbaijaniFIN?, AzerbaijaniLayout?) {
        guard Array(slice(layout.issuingState)) == Array("AZE".utf8),
              byte(layout.documentCode) == UInt8(ascii: "I"),
              let span = layout.azerbaijaniFIN, !numberContinues
        else { return (nil, nil) }
        let kind: AzerbaijaniLayout = format == .td1 ? .newTD1 : .oldTD2
        let data = slice(span)
        guard isClean(data) else { return (nil, kind) }
        if data.allSatisfy({ $0 == Self.filler }) {
            fail(.fin, "FIN is missing from an Azerbaijani ID card", line: span.line, column: span.column)
            return (nil, kind)
        }
        let value = text(span)
        do {
            return (try AzerbaijaniFIN(value), kind)
        } catch {
            switch error {
            case .letterO(let offset):
                fail(.fin, "FIN '\(value)' contains the letter O, which a FIN never uses", line: span.line, column: span.column + offset)
            case .invalidCharacter(_, let offset):
                fail(.fin, "FIN '\(value)' has a filler at position \(offset + 1); a FIN is 7 letters or digits", line: span.line, column: span.column + offset)
            case .wrongLength(let count):
                fail(.fin, "FIN '\(value)' has \(count) characters, not 7", line: span.line, column: span.column)
            }
            return (nil, kind)
        }
    }
}
