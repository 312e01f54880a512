import Foundation
import LobbyTestSupport
import Testing

/// The supervisor page's translation files: the same keys in az, ru and en, the same
/// placeholders in each, and nothing empty.
@Suite("Supervisor page strings", .tags(.unit))
struct SupervisorStringsTests {
    static func table(_ language: String) throws -> [String: String] {
        let url = Built.repository.appendingPathComponent("Sources/LobbyDaemon/Staff/Strings/supervisor.\(language).json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: String], "supervisor.\(language).json")
    }

    static func placeholders(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\\{([a-z]+)\\}")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }.sorted()
    }

    @Test("every key in every language, with the same placeholders")
    func complete() throws {
        let en = try Self.table("en")
        for language in ["az", "ru"] {
            let other = try Self.table(language)
            #expect(Set(other.keys) == Set(en.keys), "\(language): missing \(Set(en.keys).subtracting(other.keys).sorted()), extra \(Set(other.keys).subtracting(en.keys).sorted())")
            for (key, text) in other {
                #expect(!text.isEmpty, "\(language).\(key) is empty")
                #expect(Self.placeholders(text) == Self.placeholders(en[key] ?? ""), "\(language).\(key): placeholders differ from en")
            }
        }
        // Every alert kind of the API has its sentence.
        for kind in ["wait-past-target", "service-unserved", "window-idle", "service-overrun", "paper-out", "paper-low", "device-problem"] {
            #expect(en["alert." + kind] != nil, "no sentence for alert \(kind)")
        }
    }
}
