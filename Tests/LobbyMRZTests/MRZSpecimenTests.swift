import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("ICAO 9303 specimens", .tags(.unit))
struct MRZSpecimenTests {
    @Test func allSpecimensAreValid() throws {
        let vectors = try VectorFile.blocks("icao-specimens.txt")
        #expect(vectors.count == 3)
        for vector in vectors {
            let document = MRZParser.parse(vector.text)
            #expect(document.errors == [], "\(vector.title)")
            #expect(document.isValid)
        }
    }

    @Test func td3Fields() throws {
        let vector = try #require(VectorFile.blocks("icao-specimens.txt").first { $0.title.hasPrefix("TD3") })
        let document = MRZParser.parse(vector.text)
        #expect(document.format == .td3)
        let fields = try #require(document.fields)
        #expect(fields.documentCode == "P")
        #expect(fields.issuingState == "UTO")
        #expect(fields.surname == "ERIKSSON")
        #expect(fields.givenNames == "ANNA MARIA")
        #expect(fields.documentNumber == "L898902C3")
        #expect(fields.nationality == "UTO")
        #expect(fields.birthDate == "740812")
        #expect(fields.parsedBirthDate == MRZDate(yearOfCentury: 74, month: 8, day: 12))
        #expect(fields.sex == "F")
        #expect(fields.expiryDate == "120415")
        #expect(fields.optionalData == "ZE184226B")
        #expect(fields.fin == nil)
    }

    @Test func td1AndTd2Fields() throws {
        let vectors = try VectorFile.blocks("icao-specimens.txt")
        for (prefix, format) in [("TD1", MRZFormat.td1), ("TD2", .td2)] {
            let vector = try #require(vectors.first { $0.title.hasPrefix(prefix) })
            let document = MRZParser.parse(vector.text)
            #expect(document.format == format)
            let fields = try #require(document.fields)
            #expect(fields.documentCode == "I")
            #expect(fields.documentNumber == "D23145890")
            #expect(fields.birthDate == "740812")
            #expect(fields.expiryDate == "120415")
            #expect(fields.surname == "ERIKSSON")
            #expect(fields.givenNames == "ANNA MARIA")
            #expect(fields.optionalData == "")
        }
    }

    @Test(arguments: [
        ("L898902C<", 3), ("690806", 1), ("940623", 6), ("AB2134", 5), ("1234567<", 4),
    ])
    func checkDigitFacts(text: String, digit: Int) {
        #expect(MRZCheckDigit.compute(text) == digit)
    }

    @Test func checkDigitRejectsForeignCharacters() {
        #expect(MRZCheckDigit.compute("AB-1") == nil)
        #expect(MRZCheckDigit.compute("ab") == nil)
        #expect(MRZCheckDigit.compute("É") == nil)
        #expect(MRZCheckDigit.compute("") == 0)
    }

    @Test func longDocumentNumberContinuesInOptionalData() throws {
        let vector = try #require(VectorFile.blocks("azerbaijani-synthetic.txt").first { $0.title.hasPrefix("TD1 with a 12") })
        let document = MRZParser.parse(vector.text)
        #expect(document.errors == [])
        #expect(document.fields?.documentNumber == "D23145890734")
        #expect(document.fields?.optionalData == "")
        // A wrong continuation check digit is reported at its own column (line 1, column 19).
        var lines = vector.lines
        lines[0] = replacing(lines[0], column: 19, with: "1")
        let broken = MRZParser.parse(lines.joined(separator: "\n"))
        #expect(broken.errors.map(\.description) == [
            "document number check digit is 1, computed 9 (line 1, column 19)",
            "composite check digit is 6, computed 2 (line 2, column 30)",
        ])
    }

    @Test func longDocumentNumberWithoutContinuation() {
        let text = "I<UTOD23145890<<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nSAMPLE<<TEST<<<<<<<<<<<<<<<<<<"
        let document = MRZParser.parse(text)
        #expect(document.errors.first?.description
            == "document number check digit is '<' and no continuation follows in the optional data (line 1, column 15)")
    }
}

/// Replaces the character at a 1-based column.
func replacing(_ line: String, column: Int, with character: Character) -> String {
    var characters = Array(line)
    characters[column - 1] = character
    return String(characters)
}
