import LobbyKioskFixtures
import Foundation
import LobbyKiosk
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite(.tags(.unit)) struct KioskStringsTests {
    static func file(_ language: Language) throws -> [UInt8] {
        Array(try Data(contentsOf: SampleCentre.stringsDirectory.appendingPathComponent("\(language.rawValue).json")))
    }

    @Test(arguments: Language.allCases)
    func everyKeyIsTranslatedWithItsPlaceholders(_ language: Language) throws {
        let table = try KioskStrings.table(try Self.file(language))
        #expect(Set(table.keys) == Set(KioskStringKey.allCases))
        for key in KioskStringKey.allCases { #expect(KioskStrings.placeholders(in: table[key]!).sorted() == key.placeholders.sorted()) }
    }

    @Test func aMissingKeyIsReportedWithItsFile() throws {
        var files: [Language: [UInt8]] = [:]
        for language in Language.allCases { files[language] = try Self.file(language) }
        let text = String(decoding: files[.ru]!, as: UTF8.self).replacingOccurrences(of: "  \"confirm.take\": \"Взять талон\",\n", with: "")
        files[.ru] = Array(text.utf8)
        #expect(throws: KioskStringsError.inFile(.ru, .missingKey(.takeTicket))) { try KioskStrings(files: files) }
    }

    @Test(arguments: [
        ("{\"language.name\": 1}", KioskStringsError.syntax(offset: 18, expected: "a string")),
        ("{\"nope\": \"x\"}", .unknownKey("nope")),
        ("{\"confirm.ahead\": \"Ahead: {n}\"}", .placeholderMismatch(.peopleAhead, expected: ["count"], found: ["n"])),
        ("{\"nav.back\": \"a\", \"nav.back\": \"b\"}", .duplicateKey("nav.back")),
        ("{\"nav.back\": \"\"}", .emptyString(.back)),
        ("{\"nav.back\": \"a\"", .syntax(offset: 16, expected: "',' or '}'")),
    ])
    func malformedFilesAreRefusedWithTheirPlace(_ json: String, _ error: KioskStringsError) {
        #expect(throws: error) { try KioskStrings.table(Array(json.utf8)) }
    }

    @Test func escapesAreDecoded() throws {
        let pairs = try FlatJSONObject.parse(Array("{\"a\": \"\\u018F \\\"q\\\" \\\\\"}".utf8))
        #expect(pairs.first?.value == "Ə \"q\" \\")
    }
}
