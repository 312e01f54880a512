import Foundation
import LobbyEscPos
import LobbyQueue
import LobbyTestSupport
import Testing
import Yams

@testable import LobbyDaemon

/// Every example in the documentation passes the checks it documents: configuration blocks load
/// with the real loader, booking codes pass their check character, JSON bodies are strict JSON
/// with times and codes the API accepts.
@Suite("Documentation examples", .tags(.unit))
struct DocsExamplesTests {
    /// The smallest centre the examples are merged into (they name `passport`, window 1, `aged65`).
    static let base = """
    centre:
      name: {en: "Base"}
    agencies:
      - {id: ag, name: Agency}
    services:
      - {id: passport, agency: ag, name: Passport, prefix: P}
    windows:
      - {number: 1, agency: ag, services: {passport: 1}}
    priorities:
      - {id: aged65, name: "65+", policy: boost, boostMinutes: 5}
    """

    /// Placeholders the documents use where a real value must not be printed.
    static let placeholders = ["\"…64 or more hexadecimal digits…\"": String(repeating: "0f", count: 32)]

    /// A bus entry of a compatible protocol, for the `compatibility` fragment that continues one.
    static let compatibleBus = """
    devices:
      buses:
        - name: ff
          port: /dev/ttyUSB9
          protocol: ff68
          devices:
            - {address: 0x31, role: keypad, window: 1}

    """

    static func blocks(_ document: String, language: String) throws -> [(line: Int, text: String)] {
        let lines = try String(contentsOf: Built.repository.appendingPathComponent("Docs/\(document)"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        var out: [(Int, String)] = []
        var current: [Substring]?
        var start = 0
        for (i, line) in lines.enumerated() {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```\(language)" {
                current = []
                start = i + 2
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                out.append((start, current!.joined(separator: "\n")))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return out
    }

    @Test("every YAML block of the configuration documents loads with the real loader", arguments: ["Configuration.md", "Appointments.md", "Kiosk.md"])
    func yamlBlocks(document: String) throws {
        let blocks = try Self.blocks(document, language: "yaml")
        #expect(!blocks.isEmpty)
        for (line, block) in blocks {
            var text = block
            for (placeholder, value) in Self.placeholders { text = text.replacingOccurrences(of: placeholder, with: value) }
            // A fragment that starts indented continues a bus entry (Configuration.md's `compatibility`).
            if text.hasPrefix(" ") { text = Self.compatibleBus + text }
            let merged = try Self.merge(try #require(try Yams.compose(yaml: Self.base)), try #require(try Yams.compose(yaml: text)))
            let yaml = try Yams.serialize(node: merged)
            do {
                _ = try ConfigurationLoader.parse(yaml, file: "\(document) block at line \(line)")
            } catch {
                Issue.record("Docs/\(document), the block at line \(line) does not load: \(error.description)")
            }
        }
    }

    @Test("Appointments.md's settings reach the queue as documented")
    func appointmentSettings() throws {
        let (_, block) = try #require(try Self.blocks("Appointments.md", language: "yaml").first)
        let merged = try Self.merge(try #require(try Yams.compose(yaml: Self.base)), try #require(try Yams.compose(yaml: block)))
        let c = try ConfigurationLoader.parse(try Yams.serialize(node: merged), file: "Appointments.md")
        #expect(c.centre.checkInWindow == CheckInWindow(opensBeforeSeconds: 3600, closesAfterSeconds: 900))
        #expect(c.centre.checkInWindow(for: "passport") == CheckInWindow(opensBeforeSeconds: 1800, closesAfterSeconds: 600))
    }

    @Test("every booking code the documents show passes its check character; the refusals table is what the parser says")
    func bookingCodes() throws {
        var shown = 0
        for document in ["Appointments.md", "API.md", "Kiosk.md", "Kiosk-appointments.md", "Privacy.md", "Troubleshooting.md"] {
            let url = Built.repository.appendingPathComponent("Docs/\(document)")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for match in text.matches(of: try Regex("[3479ACEFHKMNPRTUWXY]{4}-[3479ACEFHKMNPRTUWXY]{4}")) where text[match.range] != "XXXX-XXXX" {
                shown += 1  // XXXX-XXXX is Kiosk-appointments.md's placeholder for the form
                #expect(throws: Never.self, "Docs/\(document): \(text[match.range])") { try BookingCode(parsing: String(text[match.range])) }
            }
            for match in text.matches(of: try Regex(#""bookingCode": "([^"]+)""#)) {
                let code = String(text[match.range].dropFirst(16).dropLast())
                #expect(throws: Never.self, "Docs/\(document): \(code)") { try BookingCode(parsing: code) }
            }
        }
        #expect(shown >= 4)
        // The refusals table: | `typed` | `code` | message |
        let doc = try String(contentsOf: Built.repository.appendingPathComponent("Docs/Appointments.md"), encoding: .utf8)
        var rows = 0
        for line in doc.split(separator: "\n") where line.hasPrefix("| ") && line.contains("`booking-code-") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 3 else { continue }
            let code = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            var typed = cells[0].hasPrefix("`") ? cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")) : nil
            if typed == nil, let quoted = cells[2].firstMatch(of: try Regex("'([^']+)' is not a valid booking code")) {
                typed = String(cells[2][quoted.range].dropFirst().prefix { $0 != "'" })
            }
            if typed == nil, code == "booking-code-empty" { typed = " - " }
            guard let typed else { continue }
            rows += 1
            do {
                _ = try BookingCode(parsing: typed)
                Issue.record("Appointments.md says '\(typed)' is refused with \(code), but it is accepted")
            } catch {
                #expect(error.code == code, "'\(typed)'")
                #expect(error.description == cells[2], "'\(typed)'")
            }
        }
        #expect(rows == 4)
    }

    @Test("the JSON examples of Appointments.md are strict JSON with times and codes the API accepts")
    func jsonBodies() throws {
        let blocks = try Self.blocks("Appointments.md", language: "json")
        #expect(blocks.count >= 4)
        for (line, block) in blocks {
            // A block is one object, or one object per line (two alternative bodies).
            let bodies = (try? StrictJSONParser.parse(Array(block.utf8))).map { [$0] }
                ?? block.split(separator: "\n").compactMap { try? StrictJSONParser.parse(Array($0.utf8)) }
            #expect(!bodies.isEmpty, "Docs/Appointments.md, the JSON block at line \(line) is not JSON")
            for body in bodies { try Self.checkFields(body, where: "Docs/Appointments.md, the JSON block at line \(line)") }
        }
    }

    /// Checks every `at`, `appointmentAt`, `checkInFrom`, `checkInUntil` and `bookingCode` in a JSON value.
    static func checkFields(_ value: JSONValue, where place: String) throws {
        switch value {
        case .object(let members):
            for (key, member) in members {
                if case .string(let text) = member {
                    if ["at", "appointmentAt", "checkInFrom", "checkInUntil"].contains(key) {
                        #expect(throws: Never.self, "\(place): \(key) \(text)") { try TimestampText.instant(text) }
                    }
                    if key == "bookingCode" {
                        #expect(throws: Never.self, "\(place): \(text)") { try BookingCode(parsing: text) }
                    }
                }
                try checkFields(member, where: place)
            }
        case .array(let items):
            for item in items { try checkFields(item, where: place) }
        default:
            break
        }
    }

    /// `overlay` merged into `base`: mappings key by key, lists of entries by their `id`,
    /// `number` or `name`, anything else replaced.
    static func merge(_ base: Node, _ overlay: Node) throws -> Node {
        switch (base, overlay) {
        case (.mapping(let b), .mapping(let o)):
            var pairs = Array(b).map { ($0.key, $0.value) }
            for (key, value) in o {
                if let i = pairs.firstIndex(where: { $0.0 == key }) {
                    pairs[i].1 = try merge(pairs[i].1, value)
                } else {
                    pairs.append((key, value))
                }
            }
            return .mapping(Node.Mapping(pairs))
        case (.sequence(let b), .sequence(let o)):
            var items = Array(b)
            for item in o {
                if let i = items.firstIndex(where: { identity(of: $0) != nil && identity(of: $0) == identity(of: item) }) {
                    items[i] = try merge(items[i], item)
                } else {
                    items.append(item)
                }
            }
            return .sequence(Node.Sequence(items))
        default:
            return overlay
        }
    }

    static func identity(of node: Node) -> String? {
        guard case .mapping(let m) = node else { return nil }
        for key in ["id", "number", "name"] {
            if let v = m[Node(key)]?.string { return "\(key)=\(v)" }
        }
        return nil
    }
}
