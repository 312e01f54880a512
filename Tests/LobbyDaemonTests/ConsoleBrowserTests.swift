import Foundation
import LobbyBusSimulator
import LobbyClient
import LobbyTestSupport
import LobbyWire
import Testing

/// The operator console in real headless Chromium (Docs/Console.md): an operator's whole day
/// played with the keyboard against a real lobbyd, with the window's keypad on a simulated bus.
@Suite("Operator console in Chromium", .tags(.host), .serialized)
struct ConsoleBrowserTests {
    static let tech = "tech-token-1234567"

    /// Reads a child's standard output line by line.
    final class Lines {
        let handle: FileHandle
        var pending = Data()
        init(_ handle: FileHandle) { self.handle = handle }

        /// The next line, or nil at the end.
        func next() -> String? {
            while true {
                if let i = pending.firstIndex(of: 0x0A) {
                    let line = String(decoding: pending[pending.startIndex..<i], as: UTF8.self)
                    pending = Data(pending[(i + 1)...])
                    return line
                }
                let chunk = handle.availableData
                if chunk.isEmpty { return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self) }
                pending.append(chunk)
            }
        }
    }

    @Test("an operator's day: sign in, call, transfer, park and unpark, double click, no-show, keypad vote, pause, offline, sign out")
    func operatorDay() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/chromium") else {
            Issue.record("Chromium is not installed (scripts/setup.sh test installs it)")
            return
        }
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        _ = simulator.addBoard(address: DeviceAddress(0x11), serial: 0xB0A2_0011)
        _ = simulator.addBoard(address: DeviceAddress(0x12), kind: .hallBoard, lines: 4, columns: 16, serial: 0xB0A2_0012)
        let keypad = simulator.addKeypad(address: DeviceAddress(0x31), serial: 0x4B50_0000_0031)
        simulator.start()
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let config = scratch.path + "/lobby.yaml"
        // The birth certificate gets its az and ru names: the transfer searches in Russian.
        let configuration = BusDaemonTests.configuration(scratch, port: simulator.portPath)
            .replacingOccurrences(of: #"name: {en: "Birth certificate"}"#,
                                  with: #"name: {az: "Doğum haqqında şəhadətnamə", ru: "Свидетельство о рождении", en: "Birth certificate"}"#)
        try configuration.write(toFile: config, atomically: true, encoding: .utf8)
        var d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        defer { d.stop() }
        // A restart (the offline step) must come back on the same address.
        try configuration.replacingOccurrences(of: "127.0.0.1:0", with: "127.0.0.1:\(d.port)").write(toFile: config, atomically: true, encoding: .utf8)
        try addAccount(d, "leyla", role: "operator", password: "window-pin-4821")
        var tech = d.client(token: Self.tech)
        var issued = 0

        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let shots = scratch.path + "/shots"
        probe.arguments = [Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/console_day.py").path, d.url, "leyla", "window-pin-4821", shots]
        let out = Pipe(), input = Pipe()
        probe.standardOutput = out
        probe.standardInput = input
        try probe.run()
        let lines = Lines(out.fileHandleForReading)
        func answer(_ object: [String: Any]) {
            input.fileHandleForWriting.write(JSONSerialization.dataOrEmpty(object) + Data("\n".utf8))
        }
        func window(_ n: Int) throws -> [String: Any] {
            let windows = try tech.send("GET", "/api/v1/windows").json?["windows"] as? [[String: Any]] ?? []
            return windows.first { $0["number"] as? Int == n } ?? [:]
        }
        func current(_ n: Int) throws -> [String: Any]? { try window(n)["current"] as? [String: Any] }
        var result: [String: Any]?
        var failure: String?
        while let line = lines.next() {
            if line.hasPrefix("RESULT ") {
                result = try JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Any]
                break
            }
            if line.hasPrefix("FAIL") { failure = line; break }
            guard line.hasPrefix("NEED ") else { continue }
            let parts = line.dropFirst(5).split(separator: " ", maxSplits: 1)
            let what = String(parts[0])
            let args = (try? JSONSerialization.jsonObject(with: Data((parts.count > 1 ? parts[1] : "{}").utf8))) as? [String: Any] ?? [:]
            switch what {
            case "tickets":
                for (i, service) in ["passport", "passport", "birth", "passport", "birth"].enumerated() {
                    #expect(try tech.send("POST", "/api/v1/tickets", json: ["service": service, "requestId": "day-\(i)", "print": false]).status == 201)
                    issued += 1
                }
                answer(["waiting": issued])
            case "window":
                let w = try window(args["window"] as? Int ?? 1)
                let cur = w["current"] as? [String: Any]
                answer(["current": cur?["number"] ?? NSNull(), "service": cur?["service"] ?? NSNull(), "state": w["state"] ?? NSNull(),
                        "operator": w["operator"] ?? NSNull()])
            case "ticket":
                let t = try tech.send("GET", "/api/v1/tickets/by-number/\(args["number"] as? String ?? "")").json ?? [:]
                answer(["service": t["service"] ?? NSNull(), "state": t["state"] ?? NSNull()])
            case "called-count":
                let open = try tech.send("GET", "/api/v1/tickets").json?["tickets"] as? [[String: Any]] ?? []
                answer(["count": issued - open.count])
            case "waiting-count":
                let listed = try tech.send("GET", "/api/v1/tickets?window=\(args["window"] as? Int ?? 1)").json?["tickets"] as? [[String: Any]] ?? []
                answer(["count": listed.count])
            case "keypad-vote":
                // The keypad opens its vote session when it hears of the finish; then the citizen presses.
                let number = args["number"] as? String ?? ""
                let score = args["score"] as? Int ?? 4
                try BusDaemonTests.eventually("the served ticket \(number) can be voted for", seconds: 20) {
                    simulator.press(keypad, key: score - 1)
                    usleep(300_000)
                    return try tech.send("GET", "/api/v1/tickets/by-number/\(number)").json?["voted"] as? Bool == true
                }
                answer([:])
            case "keypad-call":
                simulator.press(keypad, key: 5)
                var number = ""
                try BusDaemonTests.eventually("the keypad's call-next key calls at window 1") {
                    number = try current(1)?["number"] as? String ?? ""
                    return !number.isEmpty
                }
                answer(["current": number])
            case "stop-daemon":
                d.stop()
                answer([:])
            case "start-daemon":
                d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
                tech = d.client(token: Self.tech)
                answer([:])
            default:
                failure = "unknown request \(line)"
            }
            if failure != nil { break }
        }
        probe.waitUntilExit()
        if let target = ProcessInfo.processInfo.environment["LOBBY_CONSOLE_SHOTS"] {
            // Refreshes the pictures of Docs/Console.md: LOBBY_CONSOLE_SHOTS=$PWD/Docs/images/console
            try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: shots)) ?? [] where file.hasSuffix(".png") {
                try? FileManager.default.removeItem(atPath: target + "/" + file)
                try? FileManager.default.copyItem(atPath: shots + "/" + file, toPath: target + "/" + file)
            }
        }
        #expect(failure == nil, "\(failure ?? "")\n\(d.log.suffix(2000))")
        let checks = try #require(result?["checks"] as? [[String: Any]], "the script gave no result")
        #expect(checks.count >= 25, "\(checks.count) checks")
        for c in checks where c["ok"] as? Bool != true {
            Issue.record("\(c["what"] ?? "?"): expected \(c["expected"] ?? "nil"), found \(c["found"] ?? "nil")")
        }
        for picture in ["login", "signed-in", "called", "transfer", "parked", "vote", "paused-ru", "offline-ru", "signed-out"] {
            #expect(FileManager.default.fileExists(atPath: "\(shots)/console-\(picture).png"), "no screenshot \(picture)")
        }
    }

    @Test("at the end of the service day the console goes to the sign-in page and says why")
    func dayEnd() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/chromium") else {
            Issue.record("Chromium is not installed (scripts/setup.sh test installs it)")
            return
        }
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/journal")
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock").write(toFile: config, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", config], environment: try FaultShim.environment(control: control), scratch: scratch)
        defer { d.stop() }
        try addAccount(d, "leyla", role: "operator", password: "window-pin-4821")
        _ = try d.client(token: Self.tech).send("POST", "/api/v1/windows/1/open", json: [:])
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let shots = scratch.path + "/shots"
        probe.arguments = [Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/console_day.py").path, d.url, "leyla", "window-pin-4821", shots, "day-end"]
        let out = Pipe(), input = Pipe()
        probe.standardOutput = out
        probe.standardInput = input
        try probe.run()
        let lines = Lines(out.fileHandleForReading)
        var result: [String: Any]?
        var failure: String?
        while let line = lines.next() {
            if line.hasPrefix("RESULT ") {
                result = try JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Any]
                break
            }
            if line.hasPrefix("FAIL") { failure = line; break }
            if line.hasPrefix("NEED day-end") {
                let login = try StaffLogin.login(d.client(), "leyla", "window-pin-4821")
                let dayEnd = try #require((try login.send("GET", "/api/v1/session").json?["dayEnd"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
                try control.set("clock-offset-ms \(Int64(dayEnd.timeIntervalSinceNow * 1000) + 60_000)")
                input.fileHandleForWriting.write(Data("{}\n".utf8))
            }
        }
        probe.waitUntilExit()
        if let target = ProcessInfo.processInfo.environment["LOBBY_CONSOLE_SHOTS"] {
            try? FileManager.default.removeItem(atPath: target + "/console-day-ended.png")
            try? FileManager.default.copyItem(atPath: shots + "/console-day-ended.png", toPath: target + "/console-day-ended.png")
        }
        #expect(failure == nil, "\(failure ?? "")")
        let checks = try #require(result?["checks"] as? [[String: Any]], "the script gave no result")
        #expect(checks.count >= 5, "\(checks.count) checks")
        for c in checks where c["ok"] as? Bool != true {
            Issue.record("\(c["what"] ?? "?"): expected \(c["expected"] ?? "nil"), found \(c["found"] ?? "nil")")
        }
    }
}

extension JSONSerialization {
    /// The JSON text of `object` (empty when it cannot be written: the reader then fails visibly).
    static func dataOrEmpty(_ object: [String: Any]) -> Data {
        (try? data(withJSONObject: object)) ?? Data()
    }
}
