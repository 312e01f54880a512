import Foundation
import LobbyDaemon
import LobbyQueue
import LobbyTestSupport
import Testing

/// Configuration errors never show secrets, and every one names the file, line, column and field.
@Suite("Configuration errors keep secrets out", .tags(.host))
struct ConfigurationSecretsTests {
    /// Unique marker strings as the secrets; none of them may appear in any message.
    static let kioskToken = "KIOSK-MARKER-TOKEN-Q7W1"
    static let adminToken = "ADMIN-MARKER-TOKEN-Z4X8"
    static let operatorToken = "OPERATOR-MARKER-TOKEN-M2K5"
    /// A usable person key that is also a unique marker (64 hexadecimal digits).
    static let personKey = "5eC0DE5eC0DE" + String(repeating: "d1ce", count: 13)
    static var markers: [String] { [kioskToken, adminToken, operatorToken, personKey] }

    static let valid = """
    centre:
      name: {az: "Mərkəz", en: "Centre"}
      hours:
        monday: "09:00-18:00"
      recallLimit: 2
    agencies:
      - id: ag
        name: Agency
    services:
      - id: passport
        agency: ag
        name: Passport
        prefix: P
    windows:
      - number: 1
        agency: ag
        services: {passport: 1}
    priorities:
      - {id: aged65, name: "65+", policy: boost, boostMinutes: 5}
    api:
      listen: 127.0.0.1:9000
      maxBodyBytes: 4096
      tokens:
        - {role: kiosk, token: \(kioskToken)}
        - role: admin
          token: "\(adminToken)"
        - {role: operator, operator: alice, token: '\(operatorToken)'}
    privacy:
      personKey: \(personKey)
      agePriority: {minimumAge: 65, category: aged65}
    journal: /tmp/j.db
    """

    /// Every kind of mistake: (what, original text, replacement).
    static let mistakes: [(String, String, String)] = [
        // Duplicate keys, in secret sections and elsewhere.
        ("duplicate token key", "{role: kiosk, token: \(kioskToken)}", "{role: kiosk, token: \(kioskToken), token: \(kioskToken)x}"),
        ("duplicate token key, block style", "      token: \"\(adminToken)\"", "      token: \"\(adminToken)\"\n      token: \"\(adminToken)\""),
        ("duplicate personKey", "  personKey: \(personKey)", "  personKey: \(personKey)\n  personKey: \(personKey)"),
        ("duplicate section", "journal: /tmp/j.db", "journal: /tmp/j.db\napi: {listen: 127.0.0.1:1}"),
        ("duplicate field", "    prefix: P", "    prefix: P\n    prefix: Q"),
        ("duplicate weekday", "    monday: \"09:00-18:00\"", "    monday: \"09:00-18:00\"\n    monday: closed"),
        // Tabs.
        ("tab before a token", "      token: \"\(adminToken)\"", "\ttoken: \"\(adminToken)\""),
        ("tab before personKey", "  personKey: \(personKey)", "\tpersonKey: \(personKey)"),
        ("tab before a field", "    prefix: P", "\tprefix: P"),
        // Wrong types.
        ("token as a list", "token: \(kioskToken)}", "token: [\(kioskToken)]}"),
        ("personKey as a mapping", "  personKey: \(personKey)", "  personKey: {key: \(personKey)}"),
        ("tokens as text", "  tokens:\n", "  tokens: \(kioskToken)\n  tokenz:\n"),
        ("privacy as text", "privacy:\n  personKey: \(personKey)\n  agePriority: {minimumAge: 65, category: aged65}", "privacy: \(personKey)"),
        ("a token entry as text", "    - {role: kiosk, token: \(kioskToken)}", "    - \(kioskToken)"),
        ("recallLimit as a list", "  recallLimit: 2", "  recallLimit: [2]"),
        // Unknown fields.
        ("unknown field beside a token", "{role: kiosk, token: \(kioskToken)}", "{role: kiosk, token: \(kioskToken), tokn: \(adminToken)}"),
        ("a token as a key", "{role: kiosk, token: \(kioskToken)}", "{role: kiosk, \(kioskToken): token}"),
        ("unknown field in privacy", "  agePriority:", "  personKeyOld: \(kioskToken)\n  agePriority:"),
        ("unknown section", "journal: /tmp/j.db", "journal: /tmp/j.db\ncolour: \(kioskToken)"),
        // Bad scalars.
        ("token in the role field", "{role: kiosk, token: \(kioskToken)}", "{role: \(kioskToken), token: \(adminToken)x}"),
        ("personKey not hexadecimal", "  personKey: \(personKey)", "  personKey: \(personKey.dropLast(4))\(kioskToken)"),
        ("personKey too short", "  personKey: \(personKey)", "  personKey: \(personKey.prefix(40))"),
        ("personKey of odd length", "  personKey: \(personKey)", "  personKey: \(personKey)a"),
        ("same token twice", "token: '\(operatorToken)'", "token: \(kioskToken)"),
        ("operator on a kiosk token", "{role: kiosk, token: \(kioskToken)}", "{role: kiosk, operator: \(adminToken), token: \(kioskToken)}"),
        ("age category unknown", "category: aged65}", "category: \(kioskToken)}"),
        ("bad number", "  maxBodyBytes: 4096", "  maxBodyBytes: \(kioskToken)"),
        ("closed day impossible", "  recallLimit: 2", "  recallLimit: 2\n  closedDays: [2026-02-30]"),
        // Broken YAML.
        ("unterminated quote in a token", "token: \"\(adminToken)\"", "token: \"\(adminToken)"),
        ("unclosed flow mapping", "{role: kiosk, token: \(kioskToken)}", "{role: kiosk, token: \(kioskToken)"),
        ("undefined alias", "token: \(kioskToken)}", "token: *secretalias}"),
        ("control character in a token", "token: \(kioskToken)}", "token: \(kioskToken)\u{07}}"),
        ("bad indentation", "  maxBodyBytes: 4096", "   maxBodyBytes: 4096"),
        ("mapping value in a plain scalar", "  listen: 127.0.0.1:9000", "  listen: a: b"),
    ]

    static func message(_ text: String) -> String? {
        do {
            _ = try ConfigurationLoader.parse(text, file: "lobby.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the configuration with markers is valid, so every error below comes from its one mistake")
    func markersAreValid() throws {
        let c = try ConfigurationLoader.parse(Self.valid, file: "lobby.yaml")
        #expect(c.api.tokens.map(\.secret) == [Self.kioskToken, Self.adminToken, Self.operatorToken])
        #expect(c.privacy?.personKeyHex == Self.personKey)
    }

    @Test("no secret appears in any error; each error is file:line:col: field: message", arguments: mistakes.indices)
    func noSecretInErrors(index: Int) throws {
        let (what, original, replacement) = Self.mistakes[index]
        #expect(Self.valid.contains(original), "\(what): the original text must be in the valid file")
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        let message = try #require(Self.message(text), "\(what): expected an error")
        for marker in Self.markers {
            // Neither the marker nor any eight characters of it.
            for start in stride(from: 0, through: marker.count - 8, by: 1) {
                let piece = String(marker.dropFirst(start).prefix(8))
                #expect(!message.contains(piece), "\(what): the message shows part of a secret: \(message)")
            }
        }
        let shape = try Regex(#"^lobby\.yaml:\d+:\d+: [A-Za-z][\w.\[\]]*: \S"#)
        #expect(message.firstMatch(of: shape) != nil, "\(what): not file:line:col: field: message — \(message)")
    }

    @Test("lobbyd --check with a duplicate key prints one line with position and field, and no secret")
    func checkCommandDuplicateKey() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/lobby.yaml"
        try Self.valid.replacingOccurrences(of: "  personKey: \(Self.personKey)", with: "  personKey: \(Self.personKey)\n  personKey: \(Self.personKey)")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let (code, out) = try runTool("lobbyd", ["--config", path, "--check"])
        #expect(code == 78)
        for marker in Self.markers { #expect(!out.contains(marker), "lobbyd --check showed a secret: \(out)") }
        #expect(out.contains("\(path):30:3: privacy.personKey: given twice in the same mapping (first at line 29, column 3); keep one"), "\(out)")
        #expect(!out.contains("centre:"), "the file's text is not repeated")
    }

    @Test("precise messages: duplicate keys, tabs, types, dates, appointment settings", arguments: [
        ("    prefix: P", "    prefix: P\n    prefix: Q",
         "lobby.yaml:14:5: services[0].prefix: given twice in the same mapping (first at line 13, column 5); keep one"),
        ("{role: kiosk, token: \(kioskToken)}", "{role: kiosk, token: \(kioskToken), role: admin}",
         "lobby.yaml:24:53: api.tokens[0].role: given twice in the same mapping (first at line 24, column 8); keep one"),
        ("    monday: \"09:00-18:00\"", "    monday: \"09:00-18:00\"\n    monday: closed",
         "lobby.yaml:5:5: centre.hours.monday: given twice in the same mapping (first at line 4, column 5); keep one"),
        ("    prefix: P", "\tprefix: P",
         "lobby.yaml:13:1: services[0].prefix: a tab is used for indentation; YAML indents with spaces only (replace the tab with spaces)"),
        ("  recallLimit: 2", "  recallLimit: [2]", "lobby.yaml:5:16: centre.recallLimit: expected a whole number from 0 to 20, got a list"),
        ("  recallLimit: 2", "  recallLimit: 2\n  closedDays: [2026-02-30]",
         "lobby.yaml:6:16: centre.closedDays[0]: 2026-02-30 does not exist: February 2026 has 28 days"),
        ("  recallLimit: 2", "  recallLimit: 2\n  closedDays: [9999-01-01]",
         "lobby.yaml:6:16: centre.closedDays[0]: year 9999 is outside 2000–2099; check the date '9999-01-01'"),
        ("  recallLimit: 2", "  recallLimit: 2\n  closedDays: [2026-13-01]",
         "lobby.yaml:6:16: centre.closedDays[0]: 2026-13-01 does not exist: there is no month 13"),
        ("  recallLimit: 2", "  recallLimit: 2\n  appointments: {checkInOpensMinutesBefore: 2000}",
         "lobby.yaml:6:45: centre.appointments.checkInOpensMinutesBefore: expected a number from 0 to 1440, got 2000"),
        ("    prefix: P", "    prefix: P\n    checkIn: {opensMinutesBefore: 30, closesAfter: 10}",
         "lobby.yaml:14:39: services[0].checkIn.closesAfter: unknown field 'closesAfter'; expected one of: opensMinutesBefore, closesMinutesAfter"),
        ("{role: kiosk, token: \(kioskToken)}", "{role: boss, token: \(kioskToken)}",
         "lobby.yaml:24:14: api.tokens[0].role: unknown role 'boss'; expected kiosk, operator, technician, manager or admin"),
        ("  personKey: \(personKey)", "  personKey: \(personKey.prefix(40))",
         "lobby.yaml:29:14: privacy.personKey: expected an even number of at least 64 hexadecimal digits (32 bytes; openssl rand -hex 32), got 40 digits"),
    ])
    func preciseMessages(original: String, replacement: String, expected: String) {
        #expect(Self.valid.contains(original))
        #expect(Self.message(Self.valid.replacingOccurrences(of: original, with: replacement)) == expected)
    }

    @Test("a file that is not UTF-8 names the place of the first bad byte, not the bytes")
    func notUTF8() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/lobby.yaml"
        // A Windows-1251 'П' (0xCF) where the service's name is.
        var data = Data(Self.valid.replacingOccurrences(of: "    name: Passport", with: "    name: #").utf8)
        data[data.firstIndex(of: UInt8(ascii: "#"))!] = 0xCF
        try data.write(to: URL(fileURLWithPath: path))
        do {
            _ = try ConfigurationLoader.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path):12:11: services[0].name: the file is not UTF-8 text here; save it as UTF-8 (an editor's \"encoding\" setting)")
        }
    }

    @Test("check-in windows from the configuration reach the queue's centre")
    func checkInWindows() throws {
        let text = Self.valid
            .replacingOccurrences(of: "  recallLimit: 2", with: "  recallLimit: 2\n  appointments: {checkInOpensMinutesBefore: 45, checkInClosesMinutesAfter: 5}")
            .replacingOccurrences(of: "    prefix: P", with: "    prefix: P\n    checkIn: {closesMinutesAfter: 20}")
        let c = try ConfigurationLoader.parse(text, file: "lobby.yaml")
        #expect(c.centre.checkInWindow == CheckInWindow(opensBeforeSeconds: 45 * 60, closesAfterSeconds: 5 * 60))
        // A side the service does not give is the centre's.
        #expect(c.centre.checkInWindow(for: "passport") == CheckInWindow(opensBeforeSeconds: 45 * 60, closesAfterSeconds: 20 * 60))
    }
}
