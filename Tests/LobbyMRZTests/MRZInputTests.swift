import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("MRZ input normalisation", .tags(.unit))
struct MRZInputTests {
    static let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]

    @Test(arguments: [
        "\n", "\r\n", "\r", "\r\r\n\n",
    ])
    func lineSeparators(separator: String) {
        let document = MRZParser.parse("  \t" + Self.td3.joined(separator: separator) + " \r\n\n")
        #expect(document.errors == [])
        #expect(document.lines == Self.td3)
    }

    @Test func concatenatedLinesAreSplitByTotalLength() {
        #expect(MRZParser.parse(Self.td3.joined()).format == .td3)
        #expect(MRZParser.parse(Self.td3.joined()).isValid)
        let td1 = MRZAzerbaijaniTests.newTD1.joined()
        #expect(MRZParser.parse(td1).format == .td1)
        #expect(MRZParser.parse(td1).isValid)
    }

    @Test func emptyAndWhitespaceOnlyInput() {
        for text in ["", "   ", "\n\r\n\t"] {
            let document = MRZParser.parse(text)
            #expect(document.errors.map(\.description) == ["input is empty; expected 2 or 3 MRZ lines"])
            #expect(document.format == nil)
            #expect(document.fields == nil)
        }
    }

    @Test func hugeInputIsRefusedEarly() {
        let document = MRZParser.parse(String(repeating: "<", count: 5_000_000))
        #expect(document.errors.map(\.description) == ["input is longer than 1024 characters; an MRZ has at most 90"])
        #expect(document.lines.isEmpty)
    }

    @Test func lengthsAreReportedPerLine() {
        let document = MRZParser.parse("P<UTO\nL898902C36UTO7408122F1204159ZE184226B<<<<<10<<")
        #expect(document.format == .td3)
        #expect(document.errors.map(\.description) == [
            "line 1 has 5 characters, TD3 expects 44 (line 1, column 6)",
            "line 2 has 46 characters, TD3 expects 44 (line 2, column 45)",
        ])
        #expect(document.fields == nil)
    }

    @Test func badCharactersAreCappedAndCounted() {
        let line1 = String(repeating: "a", count: 44)
        let document = MRZParser.parse(line1 + "\n" + Self.td3[1])
        let characterErrors = document.errors.filter { $0.message.hasPrefix("character 'a'") }
        #expect(characterErrors.count == MRZParser.maximumCharacterErrors)
        #expect(characterErrors.map(\.column) == Array(1...MRZParser.maximumCharacterErrors))
        #expect(document.errors.contains { $0.description == "\(44 - MRZParser.maximumCharacterErrors) more characters are not allowed" })
    }

    @Test func controlAndFormatCharactersAreShownByCodePoint() {
        var line = Array(Self.td3[1])
        line[0] = "\u{0}"
        line[1] = "\u{200B}"
        let document = MRZParser.parse(Self.td3[0] + "\n" + String(line))
        #expect(document.errors.map(\.description).prefix(2) == [
            "character U+0000 is not allowed (an MRZ uses A-Z, 0-9 and <) (line 2, column 1)",
            "character U+200B is not allowed (an MRZ uses A-Z, 0-9 and <) (line 2, column 2)",
        ])
    }

    @Test func combiningMarksCountAsTheirOwnColumns() {
        // "E" followed by U+0301 is one Character but two scalars: the line becomes 45 scalars long.
        let line = "P<UTOE\u{301}RIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
        let document = MRZParser.parse(line + "\n" + Self.td3[1])
        #expect(document.errors.first?.description == "line 1 has 45 characters, TD3 expects 44 (line 1, column 45)")
        #expect(document.errors.contains { $0.description.hasPrefix("character U+0301") })
    }

    @Test func documentCodes() {
        func code(_ prefix: String) -> [String] {
            let line1 = prefix + String(Self.td3[0].dropFirst(2))
            return MRZParser.parse(line1 + "\n" + Self.td3[1]).errors.map(\.description)
        }
        #expect(code("P<") == [])
        #expect(code("PO") == [])
        #expect(code("ID") == [])
        #expect(code("IA") == [])
        #expect(code("A<") == [])
        #expect(code("C<") == [])
        #expect(code("V<") == ["document code 'V<' must start with A, C, I or P (line 1, column 1)"])
        #expect(code("P1") == ["document code 'P1' must end with a letter or < (line 1, column 2)"])
    }

    @Test func sexAndStates() {
        var line2 = Array(Self.td3[1])
        line2[20] = "Q"
        line2[11] = "7"
        let document = MRZParser.parse(Self.td3[0] + "\n" + String(line2))
        #expect(document.errors.map(\.description) == [
            "sex 'Q' must be M, F, X or < (line 2, column 21)",
            "nationality 'U7O' contains the digit '7' (line 2, column 12)",
        ])
    }

    @Test func personalNumberCheckDigit() {
        var line2 = Array(Self.td3[1])
        line2[42] = "7"
        let document = MRZParser.parse(Self.td3[0] + "\n" + String(line2))
        #expect(document.errors.map(\.description) == [
            "personal number check digit is 7, computed 1 (line 2, column 43)",
            "composite check digit is 0, computed 6 (line 2, column 44)",
        ])
    }

    @Test func emptyPersonalNumberMayHaveFillerCheckDigit() {
        // Personal number all fillers with '<' check; composite recomputed by an independent script.
        let line2 = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8"
        let document = MRZParser.parse(Self.td3[0] + "\n" + line2)
        #expect(document.errors == [])
        #expect(document.fields?.optionalData == "")
    }

    @Test func impossibleBirthDay() {
        // 740231 with its own check digit and a matching composite.
        let line2 = "L898902C36UTO7402315F1204159ZE184226B<<<<<16"
        let document = MRZParser.parse(Self.td3[0] + "\n" + line2)
        #expect(document.errors.map(\.description) == ["birth date 740231 has day 31, impossible in month 02 (line 2, column 18)"])
        #expect(document.fields?.parsedBirthDate == nil)
        #expect(document.fields?.birthDate == "740231")
    }
}
