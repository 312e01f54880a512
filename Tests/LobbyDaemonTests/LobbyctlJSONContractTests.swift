import Foundation
import LobbyAnnouncement
import LobbyBusSimulator
import LobbyClient
import LobbyWire
import LobbyTestSupport
import LobbyVoicePack
import Testing

/// lobbyctl's `--json` contract (Docs/lobbyctl.md, "--json"): every command of the parser's
/// command tree, run with `--json` once where it succeeds and once where it fails, against a real
/// lobbyd on a private socket with a simulated bus and a headless kiosk. Success: a JSON document
/// on standard output (watch commands: one per line), exit 0. Failure: the error object on
/// standard output (the last line for watch commands) with a kebab-case `code`, a `message` and
/// the `exitCode` the process exits with.
@Suite("lobbyctl --json contract", .tags(.host), .serialized)
struct LobbyctlJSONContractTests {
    /// One run of lobbyctl: arguments, and how it is expected to end.
    struct Run {
        var arguments: [String]
        /// 0 for a success; the documented exit code of a failure.
        var exit: Int32 = 0
        /// The error object's code when the failure's code is fixed by lobbyctl or lobbyd.
        var code: String?
        /// Standard output holds JSON lines (watch commands), not one document.
        var lines = false
        /// Stop the command (SIGINT, as Ctrl-C) after this many seconds: a watch command that
        /// runs until stopped succeeds when every line it printed is JSON.
        var stopAfter: Double?
        var input: String?
        /// Runs every half second while the command runs (a key pressed on a simulated keypad,
        /// until the watcher has seen one).
        var meanwhile: (@Sendable () -> Void)?
    }

    /// What a run printed.
    struct Output {
        let status: Int32
        let stopped: Bool
        let stdout: String
        let stderr: String
    }

    /// Runs lobbyctl with standard output and standard error apart.
    static func lobbyctl(_ run: Run, environment: [String: String]) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Built.executable("lobbyctl"))
        p.arguments = run.arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LOBBY_TOKEN")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        let collected = OutputBox()
        out.fileHandleForReading.readabilityHandler = { collected.appendOut($0.availableData) }
        err.fileHandleForReading.readabilityHandler = { collected.appendErr($0.availableData) }
        try p.run()
        if let text = run.input { input.fileHandleForWriting.write(Data(text.utf8)) }
        try input.fileHandleForWriting.close()
        var stopped = false
        let deadline = Date().addingTimeInterval(run.stopAfter ?? 120)
        var nextMeanwhile = Date()
        while p.isRunning && Date() < deadline {
            if let meanwhile = run.meanwhile, Date() >= nextMeanwhile {
                meanwhile()
                nextMeanwhile = Date().addingTimeInterval(0.5)
            }
            usleep(20_000)
        }
        if p.isRunning {
            stopped = run.stopAfter != nil
            kill(p.processIdentifier, run.stopAfter != nil ? SIGINT : SIGKILL)
        }
        p.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        collected.appendOut(out.fileHandleForReading.readDataToEndOfFile())
        collected.appendErr(err.fileHandleForReading.readDataToEndOfFile())
        return Output(status: p.terminationStatus, stopped: stopped, stdout: collected.out, stderr: collected.err)
    }

    /// Checks one run against the contract; returns the JSON documents it printed.
    @discardableResult
    static func check(_ run: Run, environment: [String: String]) throws -> [Any] {
        let name = "lobbyctl " + run.arguments.joined(separator: " ")
        let output = try lobbyctl(run, environment: environment)
        let text = output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let pieces = run.lines ? text.split(separator: "\n").map(String.init) : (text.isEmpty ? [] : [text])
        var documents: [Any] = []
        for piece in pieces {
            guard let document = try? JSONSerialization.jsonObject(with: Data(piece.utf8), options: [.fragmentsAllowed]) else {
                Issue.record("\(name): standard output is not JSON: \(piece)\nstandard error: \(output.stderr)")
                return []
            }
            documents.append(document)
        }
        if run.exit == 0 {
            if run.stopAfter != nil && output.stopped {
                #expect(output.status == SIGINT || output.status == 0, "\(name): stopped by SIGINT, exit \(output.status): \(output.stderr)")
            } else {
                #expect(output.status == 0, "\(name): exit \(output.status), expected 0; stdout \(output.stdout) stderr \(output.stderr)")
                #expect(!documents.isEmpty, "\(name): a success prints a JSON document; stderr \(output.stderr)")
            }
            return documents
        }
        #expect(output.status == run.exit, "\(name): exit \(output.status), expected \(run.exit); stdout \(output.stdout) stderr \(output.stderr)")
        guard let error = documents.last as? [String: Any] else {
            Issue.record("\(name): a failure prints the error object on standard output; stdout \(output.stdout) stderr \(output.stderr)")
            return documents
        }
        let code = error["code"] as? String ?? ""
        #expect(code.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "\(name): code '\(code)' is not kebab-case: \(error)")
        if let expected = run.code { #expect(code == expected, "\(name): code '\(code)', expected '\(expected)': \(error)") }
        #expect(!(error["message"] as? String ?? "").isEmpty, "\(name): a message: \(error)")
        #expect((error["exitCode"] as? Int).map(Int32.init) == output.status, "\(name): exitCode in the object: \(error)")
        #expect(!output.stderr.isEmpty, "\(name): the message is on standard error too")
        return documents
    }

    /// The leaf commands of the parser's tree (`["bus", "scan"]`, `["status"]` …).
    static func leafCommands() throws -> Set<String> {
        let paths = try LobbyctlCommandLineTests.commandPaths()
        let leaves = paths.filter { path in !paths.contains { $0.count > path.count && Array($0.prefix(path.count)) == path } }
        return Set(leaves.map { $0.joined(separator: " ") })
    }

    /// The command a run exercises (the longest leaf its arguments start with).
    static func command(of run: Run, leaves: Set<String>) -> String? {
        (1...min(2, run.arguments.count)).reversed().map { run.arguments.prefix($0).joined(separator: " ") }.first { leaves.contains($0) }
    }

    /// Commands whose success needs hardware or a service this test does not start: where their
    /// success is tested instead.
    /// A voice pack of short tones for every clip (what `audio test` and `audio announce` need).
    static func tonePack(_ directory: String) throws {
        let clips = try AnnouncementPlanner(languages: [.az, .ru, .en]).requiredClips()
        try VoicePack.writeTemplate(directory: directory, name: "tones", clips: clips)
        for (i, clip) in clips.enumerated() where clip != .chime {
            let tone = PCM(sampleRate: 16_000, samples: (0..<1_600).map { Int16(sin(Double($0) * 0.1 * Double(1 + i % 5)) * 6_000) })
            try Data(WAV.encode(tone)).write(to: URL(fileURLWithPath: directory + "/" + VoicePackManifest.conventionalFile(of: clip)))
        }
    }

    static let successElsewhere = [
        "touch calibrate": "needs a touchscreen: CalibrationLabTests (QEMU x86 guest with a uinput panel)",
        "printer status": "needs a CUPS queue: PrinterToolTests (a private cupsd)",
        "printer test": "needs a CUPS queue: PrinterToolTests (a private cupsd)",
        "ticket reprint": "needs printers: AccountsAPITests.reprint (the demo's simulated printers)",
        "tls nginx": "needs api.tls: TLSTests.throughNginx (a real nginx)",
    ]

    @Test("every command: a JSON document on success, the error object with code, message and exit code on failure")
    func everyCommand() throws {
        let leaves = try Self.leafCommands()
        #expect(leaves.count >= 34, "\(leaves.sorted())")

        let simulator = try BusSimulator()
        defer { simulator.stop() }
        _ = simulator.addBoard(address: DeviceAddress(0x11), serial: 0xB0A2_0011)
        _ = simulator.addBoard(address: DeviceAddress(0x12), kind: .hallBoard, lines: 4, columns: 16, serial: 0xB0A2_0012)
        let keypad = simulator.addKeypad(address: DeviceAddress(0x31), serial: 0x4B50_0000_0031)
        simulator.start()
        let scratch = Scratch()
        defer { scratch.cleanup() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/input", withIntermediateDirectories: true)
        let config = scratch.path + "/lobby.yaml"
        try (BusDaemonTests.configuration(scratch, port: simulator.portPath, baud: 115_200) + """

          kiosk:
            name: entrance
            display: {backend: none, width: 1080, height: 1920}
            touchscreen: {directory: \(scratch.path)/input}
        """).write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        defer { daemon.stop() }
        let env = ["LOBBY_SOCKET": daemon.socket]
        let nowhere = scratch.path + "/nothing.sock"
        let recording = Built.repository.appendingPathComponent("Tests/LobbyTouchTests/Recordings/egalax-0eef-0001.evemu").path
        let pack = scratch.path + "/voice"
        try Self.tonePack(pack)
        let specimen = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n"

        let successes: [Run] = [
            Run(arguments: ["status", "--json"]),
            Run(arguments: ["report", "--by", "operator", "--json"]),
            Run(arguments: ["services", "--json"]),
            Run(arguments: ["windows", "--json"]),
            Run(arguments: ["stats", "--json"]),
            Run(arguments: ["ticket", "issue", "passport", "--json"]),
            Run(arguments: ["ticket", "issue", "birth", "--json"]),
            Run(arguments: ["ticket", "show", "1", "--json"]),
            Run(arguments: ["ticket", "cancel", "2", "--json"]),
            Run(arguments: ["window", "open", "1", "--json"]),
            Run(arguments: ["window", "sign-in", "1", "--operator", "alice", "--json"]),
            Run(arguments: ["window", "call-next", "1", "--json"]),
            Run(arguments: ["window", "park", "1", "--json"]),
            Run(arguments: ["ticket", "unpark", "1", "--json"]),
            Run(arguments: ["ticket", "list", "--json"]),
            Run(arguments: ["account", "add", "leyla", "--role", "operator", "--json"], input: "482913\n"),
            Run(arguments: ["account", "list", "--json"]),
            Run(arguments: ["account", "disable", "leyla", "--json"]),
            Run(arguments: ["account", "enable", "leyla", "--json"]),
            Run(arguments: ["account", "passwd", "leyla", "--json"], input: "739164\n"),
            Run(arguments: ["account", "remove", "leyla", "--json"]),
            Run(arguments: ["tls", "init", "--dir", scratch.path + "/tls", "--name", "localhost", "--json"]),
            Run(arguments: ["events", "--count", "1", "--json"], lines: true),
            Run(arguments: ["ticket", "render", "--out", scratch.path + "/ticket.bin", "--json"]),
            Run(arguments: ["mrz", "parse", "--json"], input: specimen),
            Run(arguments: ["mrz", "watch", "--device", scratch.path + "/input/event9", "--json"], lines: true, stopAfter: 2),
            Run(arguments: ["touch", "replay", recording, "--json"], lines: true),
            Run(arguments: ["touch", "list", scratch.path + "/input", "--json"]),
            Run(arguments: ["touch", "watch", scratch.path + "/input", "--json"], lines: true, stopAfter: 2),
            Run(arguments: ["kiosk", "status", "--json"]),
            Run(arguments: ["kiosk", "tap", "540", "960", "--json"]),
            Run(arguments: ["kiosk", "screenshot", "--screen", "attract", "--size", "540x960", "--out", scratch.path + "/k.png", "--json"]),
            Run(arguments: ["card", "list", "--json"]),
            Run(arguments: ["card", "watch", "--json"], lines: true, stopAfter: 2),
            Run(arguments: ["bus", "scan", "--json"]),
            Run(arguments: ["bus", "monitor", "--count", "2", "--json"], lines: true),
            Run(arguments: ["board", "show", "0x11", "--json"]),
            Run(arguments: ["board", "test", "0x11", "--pattern", "allOn", "--json"]),
            Run(arguments: ["board", "identify", "0x11", "--seconds", "1", "--json"]),
            Run(arguments: ["board", "set-address", "--serial", "b0a20011", "--address", "0x11", "--from", "0x11", "--json"]),
            Run(arguments: ["keypad", "watch", "0x31", "--count", "1", "--json"], lines: true, meanwhile: { @Sendable in simulator.press(keypad, key: 6) }),
            Run(arguments: ["printer", "list", "desk", "--cups", "127.0.0.1:1", "--config", scratch.path + "/lobby.yaml", "--json"]),
            Run(arguments: ["journal", "check", "--config", config, "--json"]),
            Run(arguments: ["journal", "recover", "--accept-loss", "--config", config, "--journal", scratch.path + "/other.db", "--json"]),
            Run(arguments: ["audio", "devices", "--check", "null", "--json"]),
            Run(arguments: ["audio", "test", "--pack", pack, "--json"]),
            Run(arguments: ["audio", "say", "Mərkəz saat altıda bağlanır", "--language", "az", "--device", "null", "--json"]),
            Run(arguments: ["audio", "announce", "A042", "5", "--pack", pack, "--out", scratch.path + "/a.wav", "--json"]),
            Run(arguments: ["audio", "template", scratch.path + "/template", "--json"]),
            Run(arguments: ["hall", "notice", "Mərkəz bu gün 17:30-da bağlanır", "--reason", "short day", "--json"]),
            Run(arguments: ["hall", "show", "--json"]),
            Run(arguments: ["hall", "quiet", "on", "--reason", "ceremony", "--json"]),
            Run(arguments: ["hall", "clear", "--reason", "back to normal hours", "--json"]),
            Run(arguments: ["hall", "audit", "--json"]),
        ]
        let failures: [Run] = [
            Run(arguments: ["status", "--socket", nowhere, "--json"], exit: 3, code: "lobbyd-unreachable"),
            Run(arguments: ["services", "--url", daemon.url, "--token", "wrong-token-0000000", "--json"], exit: 4),
            Run(arguments: ["windows", "--url", "http://127.0.0.1:1", "--json"], exit: 3, code: "lobbyd-unreachable"),
            Run(arguments: ["stats", "--from", "2026-13-45", "--json"], exit: 2, code: "invalid-parameter"),
            Run(arguments: ["report", "--by", "colour", "--json"], exit: 2, code: "invalid-parameter"),
            Run(arguments: ["events", "--socket", nowhere, "--json"], exit: 3, code: "lobbyd-unreachable", lines: true),
            Run(arguments: ["ticket", "issue", "nosuch", "--json"]),
            Run(arguments: ["ticket", "show", "999", "--json"], exit: 1),
            Run(arguments: ["ticket", "cancel", "999", "--json"], exit: 1),
            Run(arguments: ["ticket", "unpark", "999", "--json"], exit: 1),
            Run(arguments: ["ticket", "list", "--state", "served", "--json"], exit: 2, code: "invalid-parameter"),
            Run(arguments: ["ticket", "reprint", "1", "--json"], exit: 1, code: "no-printers"),
            Run(arguments: ["account", "add", "Leyla", "--role", "operator", "--json"], exit: 2, code: "invalid-account-name", input: "482913\n"),
            Run(arguments: ["account", "list", "--socket", nowhere, "--json"], exit: 3, code: "lobbyd-unreachable"),
            Run(arguments: ["account", "disable", "nobody", "--json"], exit: 1, code: "unknown-account"),
            Run(arguments: ["account", "enable", "nobody", "--json"], exit: 1, code: "unknown-account"),
            Run(arguments: ["account", "passwd", "nobody", "--json"], exit: 1, code: "unknown-account", input: "739164\n"),
            Run(arguments: ["account", "remove", "nobody", "--json"], exit: 1, code: "unknown-account"),
            Run(arguments: ["tls", "init", "--dir", scratch.path + "/tls", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["tls", "nginx", "--config", config, "--json"], exit: 78, code: "no-tls"),
            Run(arguments: ["ticket", "render", "--language", "xx", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["window", "dance", "1", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["mrz", "parse", "--json"], exit: 1, code: "invalid-mrz",
                input: specimen.replacingOccurrences(of: "7408122", with: "7408123")),
            Run(arguments: ["mrz", "watch", "--baud", "9600", "--json"], exit: 64, code: "usage", lines: true),
            Run(arguments: ["touch", "replay", scratch.path + "/missing.evemu", "--json"], exit: 66, code: "unreadable-file", lines: true),
            Run(arguments: ["touch", "list", "--match", "name:\"unterminated", scratch.path + "/input", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["touch", "watch", "--match", "0eef:0001 sideways", "--json"], exit: 64, code: "usage", lines: true),
            Run(arguments: ["touch", "calibrate", "--no-display", "--device", scratch.path + "/input/event9", "--timeout", "1", "--json"],
                exit: 1, code: "calibration-failed", lines: true),
            Run(arguments: ["kiosk", "status", "--socket", nowhere, "--json"], exit: 3, code: "lobbyd-unreachable"),
            Run(arguments: ["kiosk", "tap", "1", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["kiosk", "screenshot", "--screen", "lobby", "--out", scratch.path + "/x.png", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["card", "list", "--verbose", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["card", "watch", "--verbose", "--json"], exit: 64, code: "usage", lines: true),
            Run(arguments: ["bus", "scan", "--bus", "elsewhere", "--json"], exit: 1, code: "unknown-bus"),
            Run(arguments: ["bus", "monitor", "--port", "/nonexistent/tty", "--json"], exit: 3, code: "port-unavailable", lines: true),
            Run(arguments: ["board", "show", "0x55", "--json"], exit: 1, code: "device-error"),
            Run(arguments: ["board", "test", "0x11", "--pattern", "zigzag", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["board", "identify", "0x05", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["board", "set-address", "--serial", "zz", "--address", "0x12", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["keypad", "watch", "--bus", "elsewhere", "--json"], exit: 1, code: "unknown-bus", lines: true),
            Run(arguments: ["printer", "list", "desk", "--config", scratch.path + "/missing.yaml", "--json"], exit: 78, code: "configuration-error"),
            Run(arguments: ["printer", "status", "desk", "--cups", "127.0.0.1:1", "--config", config, "--json"], exit: 1, code: "printer-unreachable"),
            Run(arguments: ["printer", "test", "desk", "--cups", "127.0.0.1:1", "--config", config, "--json"], exit: 1, code: "printer-unreachable"),
            Run(arguments: ["journal", "check", "--config", scratch.path + "/missing.yaml", "--json"], exit: 78, code: "configuration-error"),
            Run(arguments: ["journal", "recover", "--config", config, "--json"], exit: 64, code: "usage"),
            Run(arguments: ["audio", "devices", "--check", "nosuch-card", "--json"], exit: 1, code: "device-error"),
            Run(arguments: ["audio", "test", "--pack", scratch.path + "/template", "--json"], exit: 1, code: "voice-pack-incomplete"),
            Run(arguments: ["audio", "say", "  ", "--language", "az", "--device", "null", "--json"], exit: 65, code: "speech-failed"),
            Run(arguments: ["audio", "announce", "A042", "0", "--pack", pack, "--json"], exit: 64, code: "usage"),
            Run(arguments: ["audio", "template", "/proc/no-such/pack", "--json"], exit: 73, code: "cannot-write"),
            Run(arguments: ["hall", "notice", String(repeating: "a", count: 201), "--reason", "r", "--json"], exit: 2, code: "invalid-field"),
            Run(arguments: ["hall", "show", "--socket", nowhere, "--json"], exit: 3, code: "lobbyd-unreachable"),
            Run(arguments: ["hall", "quiet", "maybe", "--reason", "r", "--json"], exit: 64, code: "usage"),
            Run(arguments: ["hall", "clear", "--reason", " ", "--json"], exit: 2, code: "missing-field"),
            Run(arguments: ["hall", "audit", "--socket", nowhere, "--json"], exit: 3, code: "lobbyd-unreachable"),
        ]

        // The runs cover the whole tree: a new command without a success and a failure here fails.
        let succeeded = Set(successes.compactMap { Self.command(of: $0, leaves: leaves) })
        let failed = Set(failures.compactMap { Self.command(of: $0, leaves: leaves) })
        #expect(leaves.subtracting(succeeded).subtracting(Self.successElsewhere.keys).isEmpty,
                "commands without a success run: \(leaves.subtracting(succeeded).subtracting(Self.successElsewhere.keys).sorted())")
        #expect(leaves.subtracting(failed).isEmpty, "commands without a failure run: \(leaves.subtracting(failed).sorted())")

        var found: [String: [Any]] = [:]
        for run in successes {
            found[run.arguments.prefix(2).joined(separator: " ")] = try Self.check(run, environment: env)
        }
        // `ticket issue` of an unknown service: whatever lobbyd says, as the error object.
        for run in failures {
            var run = run
            if run.arguments.starts(with: ["ticket", "issue"]) { run.exit = try Self.lobbyctl(run, environment: env).status }
            #expect(run.exit != 0, "lobbyctl \(run.arguments.joined(separator: " ")) must fail")
            try Self.check(run, environment: env)
        }

        // Lists are arrays, [] when empty.
        #expect((found["card list"]?.first as? [Any]) != nil, "card list --json: \(String(describing: found["card list"]))")
        #expect((found["touch list"]?.first as? [Any])?.isEmpty == true, "touch list --json of an empty directory: []")
        // One vocabulary: bus scan says what /api/v1/buses says about the same devices.
        let scanned = try #require(found["bus scan"]?.first as? [[String: Any]])
        let buses = try daemon.socketClient().send("GET", "/api/v1/buses").json?["buses"] as? [[String: Any]] ?? []
        let identities = (buses.first?["devices"] as? [[String: Any]] ?? []).compactMap { device -> (String, [String: Any])? in
            guard let address = device["address"] as? String, let identity = device["identity"] as? [String: Any] else { return nil }
            return (address, identity)
        }
        #expect(identities.count == 3, "\(buses)")
        for (address, identity) in identities {
            let entry = try #require(scanned.first { $0["address"] as? String == address }, "\(address) in \(scanned)")
            for key in ["kind", "serial", "firmware", "lines", "columns", "protocolVersion", "capabilities"] {
                #expect(String(describing: entry[key] ?? "-") == String(describing: identity[key] ?? "+"),
                        "\(address) \(key): bus scan \(entry[key] ?? "-"), /api/v1/buses \(identity[key] ?? "-")")
            }
        }
        #expect(Set(scanned.compactMap { $0["kind"] as? String }) == ["window-board", "hall-board", "keypad"], "\(scanned)")
        let pressed = try #require(found["keypad watch"]?.first as? [String: Any])
        #expect(pressed["address"] as? String == "0x31", "\(pressed)")
    }

    @Test("every leaf command of the tree takes --json, and its --help says so")
    func everyCommandTakesJSON() throws {
        let (code, out) = try runTool("lobbyctl", ["--experimental-dump-help"])
        try #require(code == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        var missing: [String] = []
        var leaves = 0
        func walk(_ command: [String: Any], _ path: [String]) {
            let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).filter { $0["commandName"] as? String != "help" }
            guard subcommands.isEmpty else {
                for sub in subcommands { walk(sub, path + [sub["commandName"] as? String ?? "?"]) }
                return
            }
            leaves += 1
            let names = (command["arguments"] as? [[String: Any]] ?? []).flatMap { $0["names"] as? [[String: Any]] ?? [] }
            if !names.contains(where: { $0["name"] as? String == "json" && $0["kind"] as? String == "long" }) {
                missing.append(path.joined(separator: " "))
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        #expect(leaves >= 34)
        #expect(missing.isEmpty, "commands without --json: \(missing)")
        for path in [["card", "list"], ["mrz", "parse"], ["kiosk", "screenshot"], ["bus", "scan"]] {
            let (helpCode, help) = try runTool("lobbyctl", path + ["--help"])
            #expect(helpCode == 0 && help.contains("--json"), "lobbyctl \(path.joined(separator: " ")) --help: \(help)")
        }
    }

    @Test("a usage error with --json: the error object on standard output, the usage on standard error, exit 64")
    func usageErrorAsJSON() throws {
        let output = try Self.lobbyctl(Run(arguments: ["window", "call-next", "seven", "--json"]), environment: [:])
        #expect(output.status == 64)
        let error = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout)")
        #expect(error["code"] as? String == "usage")
        #expect((error["message"] as? String ?? "").contains("seven"), "\(error)")
        #expect(output.stderr.contains("Usage: lobbyctl window"), "\(output.stderr)")
        // Without --json nothing goes to standard output.
        let plain = try Self.lobbyctl(Run(arguments: ["window", "call-next", "seven"]), environment: [:])
        #expect(plain.status == 64 && plain.stdout.isEmpty, "\(plain)")
    }
}

/// Standard output and standard error of a child, collected from two pipes.
final class OutputBox: @unchecked Sendable {
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()

    func appendOut(_ data: Data) { lock.withLock { outData.append(data) } }
    func appendErr(_ data: Data) { lock.withLock { errData.append(data) } }
    var out: String { lock.withLock { String(decoding: outData, as: UTF8.self) } }
    var err: String { lock.withLock { String(decoding: errData, as: UTF8.self) } }
}
