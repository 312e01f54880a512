import LobbyTestSupport
import Testing
@testable import LobbyMRZ

/// Synthetic Azerbaijani documents; expected computed digits come from an independent script.
@Suite("Azerbaijani ID cards", .tags(.unit))
struct MRZAzerbaijaniTests {
    static let oldLifetime = ["IDAZENUMUNOV<<SINAQ<<<<<<<<<<<<<<<<<", "12345678<8AZE8503150M<<<<<<01AB2C3D0"]
    static let oldDated = ["IDAZENUMUNOVA<<TEST<SINAQ<<<<<<<<<<<", "87654321<0AZE9001011F30010197XY3Z9K3"]
    static let newTD1 = ["IDAZEAA123456782QW3ER5<<<<<<<<", "0102030M3402030AZE<<<<<<<<<<<7", "NUMUNOV<<SINAQ<TEST<<<<<<<<<<<"]

    @Test func vectorFileMatchesTables() throws {
        let vectors = try VectorFile.blocks("azerbaijani-synthetic.txt")
        #expect(vectors.map(\.lines).prefix(3) == [Self.oldLifetime, Self.oldDated, Self.newTD1])
        for vector in vectors { #expect(MRZParser.parse(vector.text).errors == [], "\(vector.title)") }
    }

    @Test func oldTD2WithLifetimeExpiry() throws {
        let document = MRZParser.parse(Self.oldLifetime.joined(separator: "\n"))
        #expect(document.isValid)
        let fields = try #require(document.fields)
        #expect(document.format == .td2)
        #expect(fields.documentCode == "ID")
        #expect(fields.documentNumber == "12345678")
        #expect(fields.expiryDate == nil)
        #expect(fields.parsedExpiryDate == nil)
        #expect(fields.fin?.text == "1AB2C3D")
        #expect(fields.optionalData == "1AB2C3D")
        #expect(fields.azerbaijaniLayout == .oldTD2)
        #expect(fields.surname == "NUMUNOV")
        #expect(fields.givenNames == "SINAQ")
        #expect(fields.sex == "M")
    }

    @Test func oldTD2WithExpiryDate() throws {
        let document = MRZParser.parse(Self.oldDated.joined(separator: "\r\n"))
        #expect(document.isValid)
        let fields = try #require(document.fields)
        #expect(fields.expiryDate == "300101")
        #expect(fields.parsedExpiryDate == MRZDate(yearOfCentury: 30, month: 1, day: 1))
        #expect(fields.fin?.text == "7XY3Z9K")
        #expect(fields.givenNames == "TEST SINAQ")
    }

    @Test func newTD1WithFIN() throws {
        let document = MRZParser.parse(Self.newTD1.joined(separator: "\n"))
        #expect(document.isValid)
        let fields = try #require(document.fields)
        #expect(document.format == .td1)
        #expect(fields.documentNumber == "AA1234567")
        #expect(fields.fin?.text == "2QW3ER5")
        #expect(fields.azerbaijaniLayout == .newTD1)
        #expect(fields.expiryDate == "340203")
        #expect(fields.givenNames == "SINAQ TEST")
    }

    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: [String]
        var errors: [String]
        var fields: [MRZField]
        var testDescription: String { name }
    }

    static let variants: [Variant] = [
        Variant(name: "old: document number check", lines: [oldLifetime[0], "12345678<5AZE8503150M<<<<<<01AB2C3D0"],
                errors: ["document number check digit is 5, computed 8 (line 2, column 10)",
                         "composite check digit is 0, computed 9 (line 2, column 36)"],
                fields: [.documentNumber, .composite]),
        Variant(name: "old: birth date check", lines: [oldLifetime[0], "12345678<8AZE8503153M<<<<<<01AB2C3D0"],
                errors: ["birth date check digit is 3, computed 0 (line 2, column 20)",
                         "composite check digit is 0, computed 9 (line 2, column 36)"],
                fields: [.birthDate, .composite]),
        Variant(name: "old: lifetime expiry check not 0", lines: [oldLifetime[0], "12345678<8AZE8503150M<<<<<<31AB2C3D0"],
                errors: ["expiry date check digit is 3, computed 0 (line 2, column 28)",
                         "composite check digit is 0, computed 3 (line 2, column 36)"],
                fields: [.expiryDate, .composite]),
        Variant(name: "old: lifetime expiry check is a filler", lines: [oldLifetime[0], "12345678<8AZE8503150M<<<<<<<1AB2C3D0"],
                errors: ["expiry date check digit is '<', not a digit; computed 0 (line 2, column 28)"],
                fields: [.expiryDate]),
        Variant(name: "old: composite", lines: [oldLifetime[0], "12345678<8AZE8503150M<<<<<<01AB2C3D4"],
                errors: ["composite check digit is 4, computed 0 (line 2, column 36)"], fields: [.composite]),
        Variant(name: "old: FIN with letter O", lines: [oldLifetime[0], "12345678<8AZE8503150M<<<<<<01OB2C3D2"],
                errors: ["FIN '1OB2C3D' contains the letter O, which a FIN never uses (line 2, column 30)"], fields: [.fin]),
        Variant(name: "old: line too short", lines: [oldLifetime[0], "12345678<8AZE8503150M<<<<<<01AB2C3D"],
                errors: ["line 2 has 35 characters, TD2 expects 36 (line 2, column 36)"], fields: [.format]),
        Variant(name: "old: lowercase sex", lines: [oldLifetime[0], "12345678<8AZE8503150m<<<<<<01AB2C3D0"],
                errors: ["character 'm' is not allowed (an MRZ uses A-Z, 0-9 and <) (line 2, column 21)"], fields: [.sex]),
        Variant(name: "old: accented name", lines: ["IDAZENÜMUNOV<<SINAQ<<<<<<<<<<<<<<<<<", oldLifetime[1]],
                errors: ["character 'Ü' (U+00DC) is not allowed (an MRZ uses A-Z, 0-9 and <) (line 1, column 7)"], fields: [.name]),
        Variant(name: "old: one line only", lines: [oldLifetime[1]],
                errors: ["found 1 line of 36 characters; expected 3 lines of 30 (TD1), 2 of 36 (TD2) or 2 of 44 (TD3)"], fields: [.format]),
        Variant(name: "old: bad character inside the birth date", lines: [oldLifetime[0], "12345678<8AZE85-3150M<<<<<<01AB2C3D0"],
                errors: ["character '-' is not allowed (an MRZ uses A-Z, 0-9 and <) (line 2, column 16)"], fields: [.birthDate]),
        Variant(name: "dated: expiry month 13", lines: [oldDated[0], "87654321<0AZE9001011F30130147XY3Z9K3"],
                errors: ["expiry date 301301 has month 13, not 01-12 (line 2, column 24)"], fields: [.expiryDate]),
        Variant(name: "dated: expiry check", lines: [oldDated[0], "87654321<0AZE9001011F30010117XY3Z9K3"],
                errors: ["expiry date check digit is 1, computed 9 (line 2, column 28)",
                         "composite check digit is 3, computed 5 (line 2, column 36)"],
                fields: [.expiryDate, .composite]),
        Variant(name: "dated: short FIN", lines: [oldDated[0], "87654321<0AZE9001011F30010197XY3Z<<4"],
                errors: ["FIN '7XY3Z<<' has a filler at position 6; a FIN is 7 letters or digits (line 2, column 34)"], fields: [.fin]),
        Variant(name: "new: document number check", lines: ["IDAZEAA123456722QW3ER5<<<<<<<<", newTD1[1], newTD1[2]],
                errors: ["document number check digit is 2, computed 8 (line 1, column 15)",
                         "composite check digit is 7, computed 5 (line 2, column 30)"],
                fields: [.documentNumber, .composite]),
        Variant(name: "new: birth date check", lines: [newTD1[0], "0102039M3402030AZE<<<<<<<<<<<7", newTD1[2]],
                errors: ["birth date check digit is 9, computed 0 (line 2, column 7)",
                         "composite check digit is 7, computed 4 (line 2, column 30)"],
                fields: [.birthDate, .composite]),
        Variant(name: "new: expiry check", lines: [newTD1[0], "0102030M3402031AZE<<<<<<<<<<<7", newTD1[2]],
                errors: ["expiry date check digit is 1, computed 0 (line 2, column 15)",
                         "composite check digit is 7, computed 8 (line 2, column 30)"],
                fields: [.expiryDate, .composite]),
        Variant(name: "new: composite", lines: [newTD1[0], "0102030M3402030AZE<<<<<<<<<<<2", newTD1[2]],
                errors: ["composite check digit is 2, computed 7 (line 2, column 30)"], fields: [.composite]),
        Variant(name: "new: FIN with letter O", lines: ["IDAZEAA123456782QO3ER5<<<<<<<<", "0102030M3402030AZE<<<<<<<<<<<1", newTD1[2]],
                errors: ["FIN '2QO3ER5' contains the letter O, which a FIN never uses (line 1, column 18)"], fields: [.fin]),
        Variant(name: "new: FIN missing", lines: ["IDAZEAA12345678<<<<<<<<<<<<<<<", "0102030M3402030AZE<<<<<<<<<<<4", newTD1[2]],
                errors: ["FIN is missing from an Azerbaijani ID card (line 1, column 16)"], fields: [.fin]),
        Variant(name: "new: line too long", lines: [newTD1[0] + "<", newTD1[1], newTD1[2]],
                errors: ["line 1 has 31 characters, TD1 expects 30 (line 1, column 31)"], fields: [.format]),
        Variant(name: "new: two TD1 lines", lines: [newTD1[0], newTD1[1]],
                errors: ["found 2 lines of 30 characters; TD1 needs 3 lines"], fields: [.format]),
        Variant(name: "new: four lines", lines: newTD1 + [newTD1[2]],
                errors: ["found 4 lines; expected 3 (TD1) or 2 (TD2, TD3)"], fields: [.format]),
        Variant(name: "new: digit in name", lines: [newTD1[0], newTD1[1], "NUMUN0V<<SINAQ<TEST<<<<<<<<<<<"],
                errors: ["name contains the digit '0' (line 3, column 6)"], fields: [.name]),
    ]

    @Test(arguments: variants)
    func invalidVariant(_ variant: Variant) {
        let document = MRZParser.parse(variant.lines.joined(separator: "\n"))
        #expect(!document.isValid)
        #expect(document.errors.map(\.description) == variant.errors)
        #expect(document.errors.map(\.field) == variant.fields)
    }

    @Test func finStructure() {
        #expect((try? AzerbaijaniFIN("1AB2C3D"))?.text == "1AB2C3D")
        #expect(throws: AzerbaijaniFIN.Problem.letterO(offset: 2)) { try AzerbaijaniFIN("12O4567") }
        #expect(throws: AzerbaijaniFIN.Problem.wrongLength(6)) { try AzerbaijaniFIN("123456") }
        #expect(throws: AzerbaijaniFIN.Problem.invalidCharacter("a", offset: 0)) { try AzerbaijaniFIN("a234567") }
        #expect(throws: AzerbaijaniFIN.Problem.invalidCharacter("<", offset: 6)) { try AzerbaijaniFIN("123456<") }
    }

    @Test func finIsOnlyReadForAzerbaijaniIDCards() throws {
        // Same layout issued by the specimen state: no FIN, optional data kept.
        let lines = ["IDUTONUMUNOV<<SINAQ<<<<<<<<<<<<<<<<<", "12345678<8UTO8503150M<<<<<<01AB2C3D0"]
        let document = MRZParser.parse(lines.joined(separator: "\n"))
        #expect(document.fields?.fin == nil)
        #expect(document.fields?.azerbaijaniLayout == nil)
        #expect(document.fields?.optionalData == "1AB2C3D")
    }
}
