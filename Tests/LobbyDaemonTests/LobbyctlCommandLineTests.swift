import Foundation
import LobbyTestSupport
import Testing

/// lobbyctl's command line: every subcommand parsed by the same parser with `--help`, the touch
/// tools' options, and designed text where people and scripts read values.
@Suite("lobbyctl command line", .tags(.host))
struct LobbyctlCommandLineTests {
    /// Every command path of lobbyctl's tree, from ArgumentParser's own description of it
    /// (`--experimental-dump-help`): `["touch", "replay"]`, `["bus", "scan"]`, …
    static func commandPaths() throws -> [[String]] {
        let (code, out) = try runTool("lobbyctl", ["--experimental-dump-help"])
        try #require(code == 0, "\(out)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                paths.append(path + [name])
                walk(sub, path + [name])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return paths
    }

    @Test("every subcommand answers --help from the same parser, exit 0, with its usage")
    func everySubcommandHasHelp() throws {
        let paths = try Self.commandPaths()
        #expect(paths.count >= 40, "the whole tree: \(paths.map { $0.joined(separator: " ") })")
        for expected in [["touch", "replay"], ["touch", "list"], ["touch", "watch"], ["touch", "calibrate"], ["kiosk", "status"],
                         ["mrz", "watch"], ["card", "watch"], ["bus", "scan"], ["board", "show"], ["keypad", "watch"], ["window"]] {
            #expect(paths.contains(expected), "missing \(expected.joined(separator: " "))")
        }
        for path in paths {
            let (code, out) = try runTool("lobbyctl", path + ["--help"])
            let name = path.joined(separator: " ")
            #expect(code == 0, "lobbyctl \(name) --help exited \(code): \(out)")
            #expect(out.contains("USAGE: lobbyctl \(name)"), "lobbyctl \(name) --help: \(out)")
            #expect(!out.contains("Error:"), "lobbyctl \(name) --help: \(out)")
        }
    }

    @Test("touch replay: the eGalax pen-reporting panel to taps; options; errors with their exit codes")
    func touchReplay() throws {
        let recordings = Built.repository.appendingPathComponent("Tests/LobbyTouchTests/Recordings")
        let egalax = recordings.appendingPathComponent("egalax-0eef-0001.evemu").path
        var (code, out) = try runTool("lobbyctl", ["touch", "replay", egalax, "--json"])
        #expect(code == 0, "\(out)")
        let taps = try out.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Double]) }
        #expect(taps.count == 6)
        // The first tap: raw 2035,2047 on ABS_X 30..4040, ABS_Y 60..4035, lifted at 0.180 s.
        let first = try #require(taps.first)
        let expectedX: Double = (2035.0 - 30) / 4011 * 1080
        let expectedY: Double = (2047.0 - 60) / 3976 * 1920
        #expect(abs((first["x"] ?? 0) - expectedX) < 0.006)
        #expect(abs((first["y"] ?? 0) - expectedY) < 0.006)
        #expect(first["t"] == 0.18)

        (code, out) = try runTool("lobbyctl", ["touch", "replay", egalax])
        #expect(code == 0)
        #expect(out.contains("device: eGalax Inc. USB TouchController Touchscreen — single-touch (BTN_TOUCH)\nclassified: known panel"))

        (code, out) = try runTool("lobbyctl", ["touch", "replay", egalax, "--match", "0eef:0001 tablet"])
        #expect(code == 65)
        #expect(out.contains("not a touchscreen: a graphics tablet (match line 1: 0eef:0001 tablet)"))

        // The configuration file's match lines count too.
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let config = scratch.path + "/lobby.yaml"
        try (testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock") + """

        devices:
          kiosk:
            display: {backend: none}
            touchscreen: {match: ["0eef:* ignore"]}
        """).write(toFile: config, atomically: true, encoding: .utf8)
        (code, out) = try runTool("lobbyctl", ["touch", "replay", egalax, "--config", config])
        #expect(code == 65)
        #expect(out.contains("not a touchscreen: ignored (match line 1: 0eef:* ignore)"))

        for (arguments, message) in [
            (["--rotation", "45"], "--rotation must be 0, 90, 180 or 270, got '45'"),
            (["--width", "0"], "--width must be a number of pixels from 1 to 100000, got '0'"),
            (["--calibration", "1 0 0 0 1"], "--calibration: calibration matrix needs 6 numbers 'a b c d e f', found 5"),
            (["--match", "0eef:0001 sideways"], "--match '0eef:0001 sideways': unknown class or protocol 'sideways'"),
            (["--verbose"], "Unknown option '--verbose'"),
        ] {
            (code, out) = try runTool("lobbyctl", ["touch", "replay", egalax] + arguments)
            #expect(code == 64, "\(arguments): \(out)")
            #expect(out.contains(message), "\(arguments): \(out)")
            #expect(out.contains("Usage: lobbyctl touch replay"), "a usage error shows the usage: \(out)")
        }
        (code, out) = try runTool("lobbyctl", ["touch", "replay", scratch.path + "/missing.evemu"])
        #expect(code == 66)
        #expect(out.contains("cannot read \(scratch.path)/missing.evemu"))
        let long = scratch.path + "/long.evemu"
        try ("N: x\nI: 0003 0001 0002 0003\n" + String(repeating: "B: 01 00 00 00 00 00 00 00 00\n", count: 1_100))
            .write(toFile: long, atomically: true, encoding: .utf8)
        (code, out) = try runTool("lobbyctl", ["touch", "replay", long])
        #expect(code == 65)
        #expect(out.contains("touch replay: \(long): line 15: B: line number 13 for EV_KEY, but a kernel's largest EV_KEY mask (KEY_MAX 0x2ff) fills 12 lines"))
    }

    @Test("touch list: match lines from the command line; an empty directory")
    func touchList() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        var (code, out) = try runTool("lobbyctl", ["touch", "list", scratch.path])
        #expect(code == 0)
        #expect(out == "No input devices in \(scratch.path).\n")
        (code, out) = try runTool("lobbyctl", ["touch", "list", "--match", "name:\"unterminated", scratch.path])
        #expect(code == 64)
        #expect(out.contains("--match 'name:\"unterminated': unterminated quote"))
    }
}
