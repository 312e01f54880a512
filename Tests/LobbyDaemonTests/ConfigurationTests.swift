import Foundation
import LobbyDaemon
import LobbyQueue
import LobbyTestSupport
import Testing

@Suite("Configuration file", .tags(.host))
struct ConfigurationTests {
    static let valid = """
    centre:
      name: {az: "Mərkəz", en: "Centre"}
      hours:
        monday: "09:00-13:00, 14:00-18:00"
        sunday: closed
      closedDays: [2026-01-01]
      numbering: {first: 1, last: 500, wrap: true}
    agencies:
      - id: ag
        name: Agency
    services:
      - id: passport
        agency: ag
        name: {az: Pasport, ru: Паспорт}
        category: [{az: Sənədlər}]
        prefix: P
        dailyCap: 100
        expectedMinutes: 7
    windows:
      - number: 3
        agency: ag
        services: {passport: 2}
    priorities:
      - {id: disabled, name: Disabled, policy: first, maxConsecutive: 3}
      - {id: aged65, name: "65+", policy: boost, boostMinutes: 5}
    api:
      listen: 127.0.0.1:9000
      tokens:
        - {role: operator, operator: alice, token: abcdefghijklmnop}
    journal: /tmp/j.db
    """

    @Test("a valid file gives the centre it describes")
    func valid() throws {
        let c = try ConfigurationLoader.parse(Self.valid, file: "lobby.yaml")
        #expect(c.centre.services.first?.prefix == "P")
        #expect(c.centre.services.first?.expectedServiceSeconds == 420)
        #expect(c.centre.services.first?.name.text(in: .en) == "Pasport")  // falls back to az
        #expect(c.centre.openingHours[.monday]?.count == 2)
        #expect(c.centre.openingHours[.sunday] == nil)
        #expect(c.centre.closedDays.contains(LocalDate(year: 2026, month: 1, day: 1)))
        #expect(c.centre.numbering == NumberingRule(first: 1, last: 500, wraps: true))
        #expect(c.centre.windows.first?.services["passport"] == 2)
        #expect(c.centre.priorities.last?.policy == .boost(seconds: 300))
        #expect(c.api.port == 9000)
        #expect(c.api.tokens.first?.operatorID == "alice")
        #expect(c.journalPath == "/tmp/j.db")
    }

    /// Each case replaces one line of the valid file and expects a message naming line and field.
    @Test("every error names the file, line and field and says what is expected", arguments: [
        ("    prefix: P", "    prefix: p1", "lobby.yaml:16:13: services[0].prefix: expected one or two capital letters A-Z, got 'p1'"),
        ("    agency: ag\n    name: {az: Pasport", "    agency: nobody\n    name: {az: Pasport", "lobby.yaml:13:13: services[0].agency: unknown agency 'nobody'; define it under 'agencies'"),
        ("    services: {passport: 2}", "    services: {passport: 0}", "lobby.yaml:22:26: windows[0].services.passport: expected a number from 1 to 100, got 0"),
        ("    services: {passport: 2}", "    services: {visa: 2}", "lobby.yaml:22:22: windows[0].services.visa: unknown service 'visa'"),
        ("    dailyCap: 100", "    dailyCap: many", "lobby.yaml:17:15: services[0].dailyCap: expected a whole number, got 'many'"),
        ("    dailyCap: 100", "    colour: red", "lobby.yaml:17:5: services[0].colour: unknown field 'colour'; expected one of: id, agency, name, category, prefix, dailyCap, expectedMinutes, appointmentOnly, requiresID, checkIn"),
        ("    monday: \"09:00-13:00, 14:00-18:00\"", "    monday: \"9-5\"", "lobby.yaml:4:13: centre.hours.monday: expected opening hours like 09:00-18:00 (several separated by commas) or 'closed', got '9-5'"),
        ("    monday: \"09:00-13:00, 14:00-18:00\"", "    funday: \"09:00-18:00\"", "lobby.yaml:4:13: centre.hours.funday: 'funday' is not a weekday; use monday … sunday"),
        ("  closedDays: [2026-01-01]", "  closedDays: [1 January]", "lobby.yaml:6:16: centre.closedDays[0]: expected a date as YYYY-MM-DD, got '1 January'"),
        ("  numbering: {first: 1, last: 500, wrap: true}", "  numbering: {first: 500, last: 1}", "lobby.yaml:7:14: centre.numbering: 'first' (500) must be below 'last' (1)"),
        ("  name: {az: \"Mərkəz\", en: \"Centre\"}", "  name: {az: \"Mərkəz\", de: \"Zentrum\"}", "lobby.yaml:2:24: centre.name.de: unknown field 'de'; expected one of: az, ru, en"),
        ("  - {id: aged65, name: \"65+\", policy: boost, boostMinutes: 5}", "  - {id: aged65, name: \"65+\", policy: sometimes}", "lobby.yaml:25:39: priorities[1].policy: expected 'first' or 'boost', got 'sometimes'"),
        ("  listen: 127.0.0.1:9000", "  listen: 0.0.0.0:9000", "lobby.yaml:27:11: api.listen: '0.0.0.0' is not a loopback address; set api.allowRemote: true to serve other machines"),
        ("  listen: 127.0.0.1:9000", "  listen: localhost", "lobby.yaml:27:11: api.listen: expected HOST:PORT, for example 127.0.0.1:8080, got 'localhost'"),
        ("token: abcdefghijklmnop}", "token: short}", "lobby.yaml:29:48: api.tokens[0].token: a token must have at least 16 characters"),
        ("role: operator, operator: alice,", "role: operator,", "lobby.yaml:29:7: api.tokens[0]: an operator token needs 'operator' (the operator's login)"),
        ("role: operator, operator: alice,", "role: boss, operator: alice,", "lobby.yaml:29:14: api.tokens[0].role: unknown role 'boss'; expected kiosk, operator, technician, manager or admin"),
        ("  - number: 3", "  - number: three", "lobby.yaml:20:13: windows[0].number: expected a whole number, got 'three'"),
        ("journal: /tmp/j.db", "journal: [a, b]", "lobby.yaml:30:10: journal: expected text, got a list"),
        ("    name: Agency", "    name: \"\"", "lobby.yaml:10:11: agencies[0].name: text must not be empty"),
    ])
    func errors(original: String, replacement: String, expected: String) {
        #expect(Self.valid.contains(original), "the test's original text must be in the valid file")
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        do {
            _ = try ConfigurationLoader.parse(text, file: "lobby.yaml")
            Issue.record("expected an error: \(expected)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("the kiosk's touchscreen match lines are read at start-up; a wrong line names its entry")
    func touchscreenMatchLines() throws {
        func parse(_ match: String) throws(ConfigFileError) -> DaemonConfiguration {
            try ConfigurationLoader.parse(Self.valid + "\ndevices:\n  kiosk:\n    touchscreen:\n      match: \(match)\n", file: "lobby.yaml")
        }
        let kiosk = try #require(try parse(#"["0eef:0001 tablet", 'name:"Kiosk Panel*" touchscreen single-touch  a remark']"#).kiosk)
        #expect(kiosk.touchMatch.entries.map(\.description) == ["0eef:0001 tablet", "name:\"Kiosk Panel*\" touchscreen single-touch"])
        #expect(kiosk.touchMatch.entries[1].remark == "a remark")
        for (match, expected) in [
            (#"["0eef:0001 sideways"]"#, "lobby.yaml:34:15: devices.kiosk.touchscreen.match[0]: unknown class or protocol 'sideways' "
                + "(expected one of touchscreen, tablet, ignore, auto, single-touch, multitouch-a, multitouch-b)"),
            (#"["0eef:0001", "0EEF:0001 ignore"]"#, "lobby.yaml:34:28: devices.kiosk.touchscreen.match[1]: 0eef:0001 is already listed as match[0]"),
            ("0eef:0001", "lobby.yaml:34:14: devices.kiosk.touchscreen.match: expected a list, got '0eef:0001'"),
        ] {
            do {
                _ = try parse(match)
                Issue.record("expected an error: \(expected)")
            } catch {
                #expect(error.description == expected)
            }
        }
    }

    @Test("structural errors: empty file, missing sections, invalid YAML, duplicate ids")
    func structure() {
        func message(_ text: String) -> String {
            do {
                _ = try ConfigurationLoader.parse(text, file: "c.yaml")
                return "no error"
            } catch { return error.description }
        }
        #expect(message("") == "c.yaml: the file is empty; expected centre, agencies, services and windows")
        #expect(message("centre: {name: X}\n") == "c.yaml:1:1: agencies: missing; every configuration needs centre, agencies, services and windows")
        #expect(message("centre: {name: X\n") == "c.yaml:2:1: centre: not valid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 1, column 9)")
        #expect(message("colour: red\n") == "c.yaml:1:1: colour: unknown field 'colour'; expected one of: centre, agencies, services, windows, priorities, api, journal, devices, privacy")
        let dup = Self.valid.replacingOccurrences(of: "  - number: 3\n    agency: ag\n    services: {passport: 2}", with: "  - number: 3\n    agency: ag\n    services: {passport: 2}\n  - number: 3\n    agency: ag\n    services: {passport: 1}")
        #expect(message(dup) == "c.yaml:23:13: windows[1].number: window 3 is defined twice")
        let tz = Self.valid.replacingOccurrences(of: "  hours:", with: "  timeZone: Mars/Olympus\n  hours:")
        #expect(message(tz) == "c.yaml:3:13: centre.timeZone: unknown IANA time zone 'Mars/Olympus'; for example Asia/Baku")
    }

    @Test("the demo's built-in centre is the documented example, and it is valid")
    func sampleCentre() throws {
        let file = Built.repository.appendingPathComponent("Docs/Examples/lobby.yaml").path
        let c = try ConfigurationLoader.load(path: file)
        #expect(c.centre.agencies.count == 5)
        #expect(c.centre.services.count == 40)
        #expect(c.centre.windows.count == 12)
        for s in c.centre.services {
            for l in Language.allCases { #expect(s.name.translations[l] != nil, "service \(s.id) lacks \(l)") }
        }
    }

    @Test("lobbyd --check reports a bad file with exit code 78 and the file's line")
    func checkCommand() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/bad.yaml"
        try Self.valid.replacingOccurrences(of: "prefix: P", with: "prefix: Q9").write(toFile: path, atomically: true, encoding: .utf8)
        let (code, out) = try runTool("lobbyd", ["--config", path, "--check"])
        #expect(code == 78)
        #expect(out.contains("\(path):16:13: services[0].prefix: expected one or two capital letters A-Z, got 'Q9'"))
        try Self.valid.write(toFile: path, atomically: true, encoding: .utf8)
        let (ok, okOut) = try runTool("lobbyd", ["--config", path, "--check"])
        #expect(ok == 0)
        #expect(okOut.contains("configuration OK: 1 services, 1 windows, 1 tokens"))
    }
}

/// Runs one of the package's executables; returns its exit code and combined output.
func runTool(_ name: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try Built.executable(name))
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    let inPipe = Pipe()
    p.standardInput = inPipe
    try p.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}
