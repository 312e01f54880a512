import Foundation
import LobbyTestSupport
import Testing

/// lobbyd against its contract, Docs/openapi.yaml: the document is valid OpenAPI 3.1 and names
/// the roles of Docs/API.md's table; schemathesis (pinned, deterministic seed, bounded examples)
/// sends generated requests with each role's token, and every answer must conform to the
/// document with no 5xx; the event streams' payloads conform and `Last-Event-ID` resumes.
@Suite("API contract", .tags(.host), .serialized)
struct APIContractTests {
    static let document = Built.repository.appendingPathComponent("Docs/openapi.yaml").path
    static let adminToken = "admin-token-1234567"

    /// The event streams never end, so schemathesis cannot judge them: their payloads are
    /// checked by `eventStreams` instead.
    static let streams = "^(displayEvents|events|busMonitor|keypadEvents)$"

    /// The venv's python with schemathesis and openapi-spec-validator, created on first use by
    /// Tests/LobbyRenderTests/Scripts/setup-python-venv.sh (needs PyPI once).
    static func python() throws -> String {
        let venv = Built.repository.appendingPathComponent(".build/lobby-python-venv").path
        let setup = Built.repository.appendingPathComponent("Tests/LobbyRenderTests/Scripts/setup-python-venv.sh").path
        let result = try run("/bin/sh", [setup, venv])
        guard result.status == 0 else { throw TestFailure("python venv setup failed: \(result.output)") }
        return venv + "/bin/python"
    }

    /// Runs a program to its end; its status and everything it printed.
    static func run(_ program: String, _ arguments: [String], in directory: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// lobbyd on the API tests' configuration plus an admin token (the socket needs none).
    static func start(_ scratch: Scratch) throws -> DaemonProcess {
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
            .replacingOccurrences(of: "  tokens:\n", with: "  tokens:\n    - {role: admin, token: \(adminToken)}\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        return try DaemonProcess(arguments: ["--config", config], scratch: scratch)
    }

    @Test("the document is valid OpenAPI 3.1 and its x-roles are Docs/API.md's Roles column")
    func documentMatchesTable() throws {
        let python = try Self.python()
        let validation = try Self.run(python, ["-m", "openapi_spec_validator", Self.document])
        #expect(validation.status == 0, "\(validation.output)")
        let dump = try Self.run(python, ["-c", """
            import json, sys, yaml
            doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
            print(json.dumps([[m.upper(), p, op["x-roles"]] for p, item in doc["paths"].items() for m, op in item.items()]))
            """, Self.document])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [[Any]], "\(dump.output)")
        func key(_ method: String, _ path: String) -> String {
            method + " " + path.replacingOccurrences(of: #"\{[^}]*\}"#, with: "{}", options: .regularExpression)
        }
        let documented = Dictionary(uniqueKeysWithValues: rows.map { row in
            (key(row[0] as! String, row[1] as! String), Set(row[2] as! [String]))
        })
        let table = Dictionary(uniqueKeysWithValues: try RoleMatrixTests.documentedRoutes().map { (key($0.method, $0.path), $0.roles) })
        #expect(Set(documented.keys) == Set(table.keys), "routes only in openapi.yaml: \(Set(documented.keys).subtracting(table.keys).sorted()); only in API.md: \(Set(table.keys).subtracting(documented.keys).sorted())")
        for (route, roles) in table {
            #expect(documented[route] == roles, "\(route): API.md says \(roles.sorted()), openapi.yaml \(documented[route]?.sorted() ?? [])")
        }
    }

    @Test("schemathesis: every answer conforms to the document, no 5xx", arguments: ["none", "kiosk", "operator", "technician", "admin"])
    func schemathesis(role: String) throws {
        let python = try Self.python()
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try Self.start(scratch)
        defer { d.stop() }
        let token = ["kiosk": "kiosk-token-123456", "operator": "alice-token-123456", "technician": "tech-token-1234567",
                     "admin": Self.adminToken][role]
        let schemathesis = URL(fileURLWithPath: python).deletingLastPathComponent().appendingPathComponent("schemathesis").path
        var arguments = ["run", Self.document, "--url", d.url,
                         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
                         "--phases", "examples,coverage,fuzzing", "--max-examples", "5", "--seed", "20261207",
                         "--workers", "1", "--request-timeout", "10", "--suppress-health-check", "all",
                         "--exclude-operation-id-regex", Self.streams, "--generation-database", "none", "--no-color"]
        if let token { arguments += ["--header", "Authorization: Bearer \(token)"] }
        // schemathesis keeps a cache folder where it runs: the scratch folder, not the repository.
        let result = try Self.run(schemathesis, arguments, in: scratch.path)
        #expect(result.status == 0, "schemathesis as \(role) failed:\n\(result.output.suffix(6000))")
        #expect(d.process.isRunning, "lobbyd stopped during the run: \(d.log.suffix(2000))")
    }

    @Test("the event streams' payloads conform, and Last-Event-ID resumes or resets")
    func eventStreams() throws {
        let python = try Self.python()
        let script = Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/contract_events.py").path
        let scratch = Scratch()
        defer { scratch.cleanup() }
        var d = try Self.start(scratch)
        let live = try Self.run(python, [script, "--doc", Self.document, "--url", d.url, "--token", Self.adminToken, "--mode", "live"])
        #expect(live.status == 0, "\(live.output)")
        d.stop()
        d = try DaemonProcess(arguments: ["--config", scratch.path + "/lobby.yaml"], scratch: scratch)
        defer { d.stop() }
        let restarted = try Self.run(python, [script, "--doc", Self.document, "--url", d.url, "--token", Self.adminToken, "--mode", "restarted"])
        #expect(restarted.status == 0, "\(restarted.output)")
    }
}
