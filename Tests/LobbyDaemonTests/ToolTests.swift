import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

@Suite("lobbyctl, the demo, the hall display and the unit file", .tags(.host), .serialized)
struct ToolTests {
    @Test("lobbyctl: output, --json, and exit codes scripts rely on")
    func lobbyctl() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try startTestDaemon(scratch)
        defer { d.stop() }
        let env = ["LOBBY_SOCKET": d.socket]
        var (code, out) = try runTool("lobbyctl", ["status"], environment: env)
        #expect(code == 0)
        #expect(out.contains("Test — service day"))
        (code, out) = try runTool("lobbyctl", ["ticket", "issue", "passport", "--language", "en", "--request-id", "k1", "--json"], environment: env)
        #expect(code == 0)
        let issued = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        #expect((issued?["ticket"] as? [String: Any])?["number"] as? String == "P001")
        (code, out) = try runTool("lobbyctl", ["ticket", "issue", "passport", "--language", "en", "--request-id", "k1"], environment: env)
        #expect(code == 0)
        #expect(out.contains("repeat of an earlier request"))
        (code, out) = try runTool("lobbyctl", ["ticket", "issue", "passport", "--language", "ru", "--request-id", "k1"], environment: env)
        #expect(code == 2, "a request id reused for another command is a bad request")
        #expect(out.contains("already used for a different command"))
        (code, out) = try runTool("lobbyctl", ["window", "call-next", "1"], environment: env)
        #expect(code == 1, "refused by the queue: the window is closed")
        #expect(out.contains("window 1 is closed, not open"))
        (code, out) = try runTool("lobbyctl", ["window", "open", "1"], environment: env)
        #expect(code == 0)
        _ = try runTool("lobbyctl", ["window", "sign-in", "1", "--operator", "alice"], environment: env)
        (code, out) = try runTool("lobbyctl", ["window", "call-next", "1", "--json"], environment: env)
        #expect(code == 0)
        #expect(out.contains("\"state\" : \"called\""))
        (code, out) = try runTool("lobbyctl", ["window", "dance", "1"], environment: env)
        #expect(code == 64)
        (code, out) = try runTool("lobbyctl", ["ticket", "issue", "passport", "--url", d.url, "--token", "wrong-token-0000000"], environment: [:])
        #expect(code == 4)
        (code, out) = try runTool("lobbyctl", ["status", "--url", d.url, "--token", "tech-token-1234567", "--json"])
        #expect(code == 0)
        #expect(out.contains("\"ticketsToday\" : 1"))
        (code, out) = try runTool("lobbyctl", ["status", "--socket", scratch.path + "/nothing.sock", "--json"])
        #expect(code == 3)
        #expect(out.contains("\"exitCode\":3"))
        (code, out) = try runTool("lobbyctl", ["windows"], environment: env)
        #expect(out.contains("alice"))
        (code, out) = try runTool("lobbyctl", ["stats", "--json"], environment: env)
        #expect(code == 0)
        #expect(out.contains("\"overall\""))
        (code, out) = try runTool("lobbyctl", ["stats"], environment: env)
        #expect(code == 0)
        #expect(out.contains("votes 1★ 0 · 2★ 0 · 3★ 0 · 4★ 0 · 5★ 0 (0)"), "\(out)")
    }

    @Test("lobbyctl without a daemon says so and exits 3")
    func noDaemon() throws {
        let (code, out) = try runTool("lobbyctl", ["status"], environment: ["LOBBY_SOCKET": "/nonexistent/lobbyd.sock", "XDG_RUNTIME_DIR": "/nonexistent"])
        if FileManager.default.fileExists(atPath: "/run/lobby/lobbyd.sock") { return }  // a real daemon runs on this machine
        #expect(code == 3)
        #expect(out.contains("LOBBY_SOCKET names /nonexistent/lobbyd.sock, but no socket is there"))
    }

    @Test("the demo starts, simulates citizens and operators, and lobbyctl finds it")
    func demo() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try DaemonProcess(arguments: ["--demo", "--port", "0", "--demo-speed", "40", "--fresh"],
                                  environment: ["LOBBY_DEMO_DIR": scratch.path + "/demo", "LOBBY_RUNTIME_DIR": scratch.path],
                                  scratch: scratch)
        defer { d.stop() }
        let deadline = Date().addingTimeInterval(5)
        while !d.log.contains("Stop with Ctrl-C"), Date() < deadline { usleep(20_000) }
        #expect(d.log.contains("Hall display:  http://127.0.0.1:"))
        #expect(d.log.contains("lobbyctl status"))
        // Simulated citizens take tickets: wait until lobbyctl shows a few, not for a fixed time.
        var (code, out) = (Int32(-1), "")
        var status: [String: Any]?
        let ticketsDeadline = Date().addingTimeInterval(30)
        repeat {
            (code, out) = try runTool("lobbyctl", ["status", "--json"], environment: ["LOBBY_SOCKET": d.socket])
            status = (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any]
            if (status?["ticketsToday"] as? Int ?? 0) > 3 { break }
            usleep(200_000)
        } while Date() < ticketsDeadline
        #expect(code == 0)
        #expect((status?["ticketsToday"] as? Int ?? 0) > 3, "simulated citizens take tickets: \(out)")
        #expect(status?["windowsOpen"] as? Int == 12)
        let calls = try d.client().send("GET", "/api/v1/display/calls").json?["calls"] as? [[String: Any]] ?? []
        #expect(!calls.isEmpty, "simulated operators call citizens")
        // The simulated LED boards show calls, read back through lobbyd; the headless kiosk answers.
        var shown = ""
        let boardDeadline = Date().addingTimeInterval(20)
        while !shown.contains("#"), Date() < boardDeadline {
            (_, shown) = try runTool("lobbyctl", ["board", "show", "0x10"], environment: ["LOBBY_SOCKET": d.socket])
            if !shown.contains("#") { usleep(500_000) }
        }
        #expect(shown.contains("#"), "the demo's hall board shows calls: \(shown)")
        // Simulated boards draw with the firmware's font: what a technician reads back is the
        // calls themselves (number left, arrow and window right), not noise.
        let readBack = try readableCalls(board: "0x10", socket: d.socket)
        #expect(!readBack.isEmpty, "the hall board reads as calls: \(shown)")
        let recent = try d.client().send("GET", "/api/v1/display/calls").json?["calls"] as? [[String: Any]] ?? []
        let called = Set(recent.compactMap { call in (call["ticket"] as? String).map { "\($0)→\(call["window"] as? Int ?? 0)" } })
        #expect(readBack.contains { called.contains($0) }, "read \(readBack), called \(called)")
        let (kioskCode, kiosk) = try runTool("lobbyctl", ["kiosk", "status", "--json"], environment: ["LOBBY_SOCKET": d.socket])
        #expect(kioskCode == 0 && kiosk.contains("\"screen\""), "\(kiosk)")
        // The kiosk's simulated printers print through the real rendering and printer pool.
        let issued = try d.client(token: "demo-kiosk-token-0001").send("POST", "/api/v1/tickets", json: ["service": "passport"])
        let delivery = (issued.json?["ticket"] as? [String: Any])?["delivery"] as? [String: Any]
        #expect(delivery?["kind"] as? String == "printed" && delivery?["printer"] as? String == "demo-kiosk-a", "\(String(decoding: issued.body, as: UTF8.self))")
        #expect(d.log.contains("Printers:      demo-kiosk-a, demo-kiosk-b"))
        let mapped = try DeviceLibraryTests.mappedLibraries(d.process.processIdentifier)
        #expect(DeviceLibraryTests.loaded("libcairo", in: mapped) && !DeviceLibraryTests.loaded("libcups", in: mapped),
                "the demo draws tickets and its kiosk, but its printers are simulated: no CUPS")
    }

    /// The calls a board shows (`NUMBER→WINDOW`), read back through lobbyd (`board show --json`),
    /// once every line it shows reads as `NUMBER …→WINDOW`.
    func readableCalls(board: String, socket: String) throws -> [String] {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let (_, out) = try runTool("lobbyctl", ["board", "show", board, "--json"], environment: ["LOBBY_SOCKET": socket])
            let lines = ((try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any])?["text"] as? [String] ?? []
            let shown = lines.filter { !$0.isEmpty }
            let calls = shown.compactMap { line -> String? in
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2, parts[0].count >= 2, parts[0].first!.isLetter, parts[0].dropFirst().allSatisfy(\.isNumber),
                    parts[1].hasPrefix("→"), parts[1].dropFirst().allSatisfy(\.isNumber)
                else { return nil }
                return "\(parts[0])\(parts[1])"
            }
            if !shown.isEmpty && calls.count == shown.count { return calls }
            usleep(300_000)
        }
        return []
    }

    @Test("the hall display in headless Chromium: live calls, each highlighted for its minimum time, reconnects")
    func hallDisplay() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/chromium") else {
            Issue.record("Chromium is not installed (scripts/setup.sh test installs it)")
            return
        }
        let scratch = Scratch()
        defer { scratch.cleanup() }
        // The first start binds port 0; the restart below asks for the port it got, so the page
        // reconnects to the same address (no guessed port that another test could hold).
        let config = scratch.path + "/lobby.yaml"
        let configuration = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
        try configuration.write(toFile: config, atomically: true, encoding: .utf8)
        var d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        try configuration.replacingOccurrences(of: "127.0.0.1:0", with: "127.0.0.1:\(d.port)").write(toFile: config, atomically: true, encoding: .utf8)
        let tech = d.client(token: "tech-token-1234567")
        for w in [1, 2] {
            _ = try tech.send("POST", "/api/v1/windows/\(w)/open")
            _ = try tech.send("POST", "/api/v1/windows/\(w)/sign-in", json: ["operator": w == 1 ? "alice" : "bob"])
        }
        for _ in 0..<4 { _ = try tech.send("POST", "/api/v1/tickets", json: ["service": "passport"]) }
        _ = try tech.send("POST", "/api/v1/windows/1/call-next")  // P001 before the page opens: listed, not highlighted

        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let script = Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/hall_display_probe.py").path
        let shot = scratch.path + "/hall.png"
        probe.arguments = [script, "\(d.url)/?highlight=1200&slots=1", "8", shot]
        let out = Pipe()
        probe.standardOutput = out
        try probe.run()
        let ready = out.fileHandleForReading.availableData
        #expect(String(decoding: ready, as: UTF8.self).contains("READY"))
        // Three calls within a few milliseconds: each must still get its own highlight time.
        _ = try tech.send("POST", "/api/v1/windows/1/finish")
        _ = try tech.send("POST", "/api/v1/windows/1/call-next")
        _ = try tech.send("POST", "/api/v1/windows/2/call-next")
        _ = try tech.send("POST", "/api/v1/windows/2/recall")
        Thread.sleep(forTimeInterval: 4.5)
        // The daemon restarts; the page must show it lost the stream and reconnect by itself.
        d.stop()
        Thread.sleep(forTimeInterval: 0.5)
        d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        defer { d.stop() }
        // After the reconnect, one more call: the screenshot is taken while it is highlighted.
        Thread.sleep(forTimeInterval: 2.5)
        let t2 = d.client(token: "tech-token-1234567")
        _ = try t2.send("POST", "/api/v1/windows/1/finish")
        _ = try t2.send("POST", "/api/v1/windows/1/call-next")
        let data = out.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let highlights = report["highlights"] as? [[String: Any]] ?? []
        let tickets = highlights.map { $0["ticket"] as? String ?? "" }
        #expect(Array(tickets.prefix(3)) == ["P002", "P003", "P003"], "highlights: \(highlights)")
        let times = highlights.map { $0["t"] as? Double ?? 0 }
        for i in 1..<min(3, times.count) {
            #expect(times[i] - times[i - 1] >= 1.1, "a call was highlighted for less than its minimum time: \(times)")
        }
        #expect(report["highlightColour"] as? String == "rgb(255, 210, 77)")
        let recent = report["recent"] as? [[String] ] ?? []
        #expect(recent.first == ["P003", "2"] || recent.first == ["P004", "1"], "newest first: \(recent)")
        #expect(recent.contains(["P003", "2"]))
        #expect(recent.contains(["P002", "1"]))
        #expect(recent.contains(["P001", "1"]))
        let connection = (report["connection"] as? [[String: Any]] ?? []).map { $0["connected"] as? String ?? "" }
        #expect(connection.starts(with: ["no", "yes"]), "the page should notice the restart and reconnect: \(connection)")
        // The screenshot itself: 1280×720 with a highlight panel of at least a fifth of the screen.
        let picture = report["screenshot"] as? [String: Int] ?? [:]
        #expect(picture["width"] == 1280 && picture["height"] == 720)
        #expect((picture["highlightPixels"] ?? 0) > 1280 * 720 / 5, "the new call must be highlighted on screen: \(picture)")
    }

    @Test("the systemd unit passes systemd-analyze verify")
    func systemdUnit() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/systemd-analyze") else { return }
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let unit = try String(contentsOf: Built.repository.appendingPathComponent("systemd/lobbyd.service"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/lobbyd", with: try Built.executable("lobbyd"))
        let path = scratch.path + "/lobbyd.service"
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        p.arguments = ["verify", path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(unit.contains("Type=notify"))
        #expect(unit.contains("WatchdogSec="))
    }

    @Test("lobbyd sends READY, WATCHDOG and STOPPING to $NOTIFY_SOCKET")
    func sdNotify() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/notify.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        #expect(rc == 0)
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock").write(toFile: config, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", config], environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "400000"], scratch: scratch)
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        func receive() {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { messages.append(String(decoding: buffer[0..<n], as: UTF8.self)) }
        }
        for _ in 0..<3 { receive() }
        #expect(messages.contains { $0.hasPrefix("READY=1") })
        #expect(messages.contains("WATCHDOG=1"))
        d.stop()
        for _ in 0..<4 { receive() }
        #expect(messages.contains("STOPPING=1"))
    }

    @Test("ticket render: the built-in sample equals the documented template and profile files")
    func ticketRender() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let a = scratch.path + "/a.bin", b = scratch.path + "/b.bin", png = scratch.path + "/a.png"
        var (code, out) = try runTool("lobbyctl", ["ticket", "render", "--out", a, "--png", png])
        #expect(code == 0, "\(out)")
        let repo = Built.repository
        (code, out) = try runTool("lobbyctl", ["ticket", "render", "--out", b,
                                               "--template", repo.appendingPathComponent("Docs/Examples/sample-centre.json").path,
                                               "--profile", repo.appendingPathComponent("Sources/LobbyEscPos/Profiles/generic-80mm.json").path])
        #expect(code == 0, "\(out)")
        let first = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(first.count > 10_000)
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: b))))
        #expect(first.prefix(2) == Data([0x1B, 0x40]), "starts with ESC @")
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        (code, out) = try runTool("lobbyctl", ["ticket", "render", "--language", "xx"])
        #expect(code == 64)
    }

    @Test("lobbyctl mrz parse and touch replay work on real data")
    func localCommands() throws {
        let specimen = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n"
        var (code, out) = try runTool("lobbyctl", ["mrz", "parse"], input: specimen)
        #expect(code == 0)
        #expect(out.contains("\"documentNumber\": \"D23145890\""))
        (code, out) = try runTool("lobbyctl", ["mrz", "parse"], input: specimen.replacingOccurrences(of: "7408122", with: "7408123"))
        #expect(code == 1)
        #expect(out.contains("\"valid\": false"))
        let recording = Built.repository.appendingPathComponent("Tests/LobbyTouchTests/Recordings/wetab.event").path
        (code, out) = try runTool("lobbyctl", ["touch", "replay", recording, "--json"])
        #expect(code == 0)
        let taps = out.split(separator: "\n").filter { $0.hasPrefix("{\"x\"") }
        #expect(taps.count == 11)
        (code, out) = try runTool("lobbyctl", ["touch", "replay", recording, "--rotation", "45"])
        #expect(code == 64)
    }
}
