import Foundation
import LobbyTestSupport
import Testing
@testable import LobbyMRZ

@Suite("lobbyctl mrz parse report", .tags(.unit))
struct MRZReportTests {
    static func object(_ json: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any])
    }

    static func keyOrder(_ json: String) -> [String] {
        json.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  \""), !line.hasPrefix("    ") else { return nil }
            return String(line.dropFirst(3).prefix { $0 != "\"" })
        }
    }

    @Test func validDocumentReport() throws {
        let (json, code) = MRZCommand.run(input: MRZAzerbaijaniTests.oldLifetime.joined(separator: "\n"))
        #expect(code == 0)
        #expect(Self.keyOrder(json) == MRZReport.keys)
        let object = try Self.object(json)
        #expect(Set(object.keys) == Set(MRZReport.keys))
        #expect(object["format"] as? String == "TD2")
        #expect(object["documentCode"] as? String == "ID")
        #expect(object["issuingState"] as? String == "AZE")
        #expect(object["documentNumber"] as? String == "12345678")
        #expect(object["birthDate"] as? String == "850315")
        #expect(object["sex"] as? String == "M")
        #expect(object["expiryDate"] is NSNull)
        #expect(object["nationality"] as? String == "AZE")
        #expect(object["surname"] as? String == "NUMUNOV")
        #expect(object["givenNames"] as? String == "SINAQ")
        #expect(object["optionalData"] as? String == "1AB2C3D")
        #expect(object["fin"] as? String == "1AB2C3D")
        #expect(object["valid"] as? Bool == true)
        #expect((object["errors"] as? [Any])?.isEmpty == true)
    }

    @Test func invalidDocumentReport() throws {
        let (json, code) = MRZCommand.run(input: "IDAZENUMUNOV<<SINAQ<<<<<<<<<<<<<<<<<\n12345678<8AZE8503153M<<<<<<01AB2C3D0")
        #expect(code == 1)
        let object = try Self.object(json)
        #expect(object["valid"] as? Bool == false)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 2)
        #expect(errors[0]["field"] as? String == "birthDate")
        #expect(errors[0]["message"] as? String == "birth date check digit is 3, computed 0")
        #expect(errors[0]["line"] as? Int == 2)
        #expect(errors[0]["column"] as? Int == 20)
        #expect(errors[1]["field"] as? String == "composite")
        #expect(object["expiryDate"] is NSNull)
        #expect(object["fin"] as? String == "1AB2C3D")
    }

    @Test func unreadableInputReportsNullFields() throws {
        let (json, code) = MRZCommand.run(input: "\"hello\"\u{1}\\")
        #expect(code == 1)
        let object = try Self.object(json)
        #expect(Set(object.keys) == Set(MRZReport.keys))
        for key in MRZReport.keys where key != "valid" && key != "errors" { #expect(object[key] is NSNull, "\(key)") }
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] is NSNull)
        #expect(errors.first?["field"] as? String == "format")
    }

    @Test func stringsAreEscaped() throws {
        let text = "P<UTO\"\\\u{7}<<ANNA\n" + String(repeating: "<", count: 44)
        let (json, _) = MRZCommand.run(input: text)
        let object = try Self.object(json)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.contains { ($0["message"] as? String)?.contains("'\"'") == true })
        #expect(JSONValue.quoted("a\"b\\c\u{1}\n") == "\"a\\\"b\\\\c\\u0001\\n\"")
    }
}
