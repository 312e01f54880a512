import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// The supervisor's floor against a real lobbyd (Docs/Supervisor.md): the API's roles and
/// refusals, actions journaled with who and why across a restart, and the page in headless
/// Chromium with the daemon's clock moved by the fault shim.
@Suite("Supervisor floor", .tags(.host), .serialized)
struct SupervisorFloorTests {
    @Test("actions need a supervisor or manager and a reason; they are journaled with who and why and survive a restart")
    func actionsAndAudit() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
            .write(toFile: config, atomically: true, encoding: .utf8)
        var d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        try addAccount(d, "nigar", role: "supervisor", password: "floor-keeper-7")
        let tech = d.client(token: "tech-token-1234567")
        let alice = d.client(token: "alice-token-123456")
        let nigar = try StaffLogin.login(d.client(), "nigar", "floor-keeper-7")
        let b = try #require(try tech.send("POST", "/api/v1/tickets", json: ["service": "birth", "print": false]).json?["ticket"] as? [String: Any])
        let id = try #require(b["id"] as? Int)

        // Who may act: not an operator, not a technician; a supervisor, with the CSRF token and a reason.
        #expect(try alice.send("POST", "/api/v1/supervisor/windows/2/open", json: ["reason": "x"]).status == 403)
        #expect(try tech.send("POST", "/api/v1/supervisor/windows/2/open", json: ["reason": "x"]).status == 403)
        #expect(try nigar.send("POST", "/api/v1/supervisor/windows/2/open", json: ["reason": "x"], csrf: .some(nil)).status == 403)
        let noReason = try nigar.send("POST", "/api/v1/supervisor/windows/2/open", json: [:])
        #expect(noReason.status == 400 && (noReason.json?["message"] as? String)?.contains("'reason' is required") == true, "\(noReason.json ?? [:])")
        let badWeight = try nigar.send("POST", "/api/v1/supervisor/windows/2/services", json: ["services": ["birth": 0], "reason": "x"])
        #expect(badWeight.status == 400 && badWeight.json?["error"] as? String == "invalid-supervisor-action", "\(badWeight.json ?? [:])")
        let unknown = try nigar.send("POST", "/api/v1/supervisor/windows/2/services", json: ["services": ["nope": 1], "reason": "x"])
        #expect(unknown.status == 404 && unknown.json?["error"] as? String == "unknown-service")

        #expect(try nigar.send("POST", "/api/v1/supervisor/windows/2/open", json: ["reason": "morning rush"]).status == 200)
        let assigned = try nigar.send("POST", "/api/v1/supervisor/windows/2/services", json: ["services": ["birth": 3, "passport": 1], "reason": "birth line"])
        #expect(assigned.status == 200)
        #expect((assigned.json?["window"] as? [String: Any])?["services"] as? [String: Int] == ["birth": 3, "passport": 1])
        #expect(try nigar.send("POST", "/api/v1/supervisor/tickets/\(id)/move", json: ["service": "passport", "position": "front", "reason": "wrong choice"]).status == 200)
        let manager = d.client(token: "manager-token-12345")
        #expect(try manager.send("POST", "/api/v1/supervisor/tickets/\(id)/cancel", json: ["reason": "left the centre"]).status == 200)

        func audit(_ c: HTTPClient) throws -> [[String: Any]] {
            try #require(try c.send("GET", "/api/v1/supervisor/audit", headers: ["Authorization": "Bearer manager-token-12345"]).json?["entries"] as? [[String: Any]])
        }
        let before = try audit(d.client())
        #expect(before.map { $0["action"] as? String } == ["cancel-ticket", "move-ticket", "assign-services", "open-window"])
        #expect(before.map { $0["actor"] as? String } == ["manager credential", "nigar", "nigar", "nigar"])
        #expect(before.map { $0["reason"] as? String } == ["left the centre", "wrong choice", "birth line", "morning rush"])
        #expect(before[0]["ticket"] as? String == "B001" && before[1]["service"] as? String == "passport")

        // After a restart the journal gives the same audit and the window keeps its services for the day.
        d.stop()
        d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        defer { d.stop() }
        let after = try audit(d.client())
        #expect(after.map { $0["action"] as? String } == before.map { $0["action"] as? String })
        #expect(after.map { $0["reason"] as? String } == before.map { $0["reason"] as? String })
        let floor = try #require(try d.client(token: "tech-token-1234567").send("GET", "/api/v1/supervisor/floor").json)
        let w2 = (floor["windows"] as? [[String: Any]] ?? []).first { $0["number"] as? Int == 2 }
        #expect(w2?["services"] as? [String: Int] == ["birth": 3, "passport": 1])
        #expect(w2?["servicesAssigned"] as? Bool == true)
        #expect(w2?["state"] as? String == "open")
        #expect((floor["lines"] as? [[String: Any]])?.count == 2)
        // Windows 1 is closed and nobody waits: no alerts on a quiet floor.
        #expect((floor["alerts"] as? [Any])?.isEmpty == true, "\(floor["alerts"] ?? "")")
    }

    @Test("the floor page in headless Chromium: an alert appears past the target and clears; moving a service changes the next call; the audit lists both")
    func floorPage() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/chromium") else {
            Issue.record("Chromium is not installed (scripts/setup.sh test installs it)")
            return
        }
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let control = try FaultControl(path: scratch.path + "/faults", prefix: scratch.path + "/journal")
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", config], environment: try FaultShim.environment(control: control), scratch: scratch)
        defer { d.stop() }
        try addAccount(d, "nigar", role: "supervisor", password: "floor-keeper-7")
        let tech = d.client(token: "tech-token-1234567")
        for (w, op) in [(1, "alice"), (2, "bob")] {
            _ = try tech.send("POST", "/api/v1/windows/\(w)/open")
            _ = try tech.send("POST", "/api/v1/windows/\(w)/sign-in", json: ["operator": op])
        }
        _ = try tech.send("POST", "/api/v1/tickets", json: ["service": "birth", "print": false])

        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let script = Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/supervisor_floor_probe.py").path
        probe.arguments = [script, d.url, "tech-token-1234567", control.path, control.prefix, scratch.path]
        let out = Pipe()
        let err = Pipe()
        probe.standardOutput = out
        probe.standardError = err
        try probe.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(probe.terminationStatus == 0, "the probe failed: \(problem)")
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(report["redirectedTo"] as? String == "/login?next=/supervisor")
        #expect(report["signInStatus"] as? Int == 200)
        let windows = report["windowsShown"] as? [[String]] ?? []
        #expect(windows.map { Array($0.prefix(3)) } == [["1", "open", "alice"], ["2", "open", "bob"]], "\(windows)")
        #expect(!(report["alertsBefore"] as? String ?? "").contains("wait-past-target"))
        let alert = report["alertText"] as? String ?? ""
        #expect(alert.contains("B001") && alert.contains("11 min") && alert.contains("10 min target"), "\(alert)")
        #expect(report["called1"] as? String == "B001")
        #expect(!(report["alertsAfterCall"] as? String ?? "").contains("wait-past-target"))
        #expect((report["currentShown"] as? String)?.hasPrefix("B001") == true)
        let issued = report["issued"] as? [String] ?? []
        #expect(issued == ["P001", "B002"])
        #expect(report["window2Services"] as? String == "birth=1 *")
        // Window 2 served only passports; given the birth certificates it calls B002.
        #expect(report["called2"] as? String == "B002")
        let audit = report["audit"] as? [[String]] ?? []
        #expect(audit.count == 2, "\(audit)")
        if audit.count == 2 {
            #expect(audit[0][1] == "nigar" && audit[0][2] == "moved ticket" && audit[0][3].contains("P001") && audit[0][4] == "Asked for the wrong service")
            #expect(audit[1][1] == "nigar" && audit[1][2] == "set services" && audit[1][3].contains("birth=1") && audit[1][4] == "Birth certificate line is long")
        }
        #expect(report["unlabelled"] as? [String] == [])
        #expect(report["notFocusable"] as? [String] == [])
        #expect(report["lowContrast"] as? [String] == [])
        let languages = report["languages"] as? [String: String] ?? [:]
        #expect(languages["az"] == "Bu günün nəzarətçi əməliyyatları" && languages["ru"] == "Действия супервайзеров за сегодня")
        if let dir = ProcessInfo.processInfo.environment["LOBBY_SCREENSHOTS"] {
            for name in ["supervisor-alert.png", "supervisor-floor.png"] {
                try? FileManager.default.removeItem(atPath: dir + "/" + name)
                try FileManager.default.copyItem(atPath: scratch.path + "/" + name, toPath: dir + "/" + name)
            }
        }
    }

    @Test("the demo leaves named windows to a person and prints the console, the floor and a demo sign-in")
    func demoForAPerson() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let d = try DaemonProcess(arguments: ["--demo", "--port", "0", "--demo-speed", "40", "--fresh", "--human-windows", "2,5"],
                                  environment: ["LOBBY_DEMO_DIR": scratch.path + "/demo", "LOBBY_RUNTIME_DIR": scratch.path],
                                  scratch: scratch)
        defer { d.stop() }
        let deadline = Date().addingTimeInterval(10)
        while !d.log.contains("Stop with Ctrl-C"), Date() < deadline { usleep(20_000) }
        #expect(d.log.contains("Console:       \(d.url)/console") && d.log.contains("demo-operator / lobby-demo-1"), "\(d.log)")
        #expect(d.log.contains("Supervisor:    \(d.url)/supervisor") && d.log.contains("demo-supervisor / lobby-demo-1"))
        let supervisor = try StaffLogin.login(d.client(), "demo-supervisor", "lobby-demo-1")
        let page = try supervisor.send("GET", "/supervisor")
        #expect(page.status == 200 && String(decoding: page.body, as: UTF8.self).contains("Supervisor — floor"))
        _ = try StaffLogin.login(d.client(), "demo-operator", "lobby-demo-1")
        // lobbyctl status lists the simulated printers with their health, as the README says.
        let (code, status) = try runTool("lobbyctl", ["status"], environment: ["LOBBY_SOCKET": d.socket])
        #expect(code == 0 && status.contains("printers:      demo-kiosk-a "), "\(status)")
        // The simulated operators open the other windows; 2 and 5 stay closed for the person.
        var windows: [[String: Any]] = []
        let openDeadline = Date().addingTimeInterval(20)
        repeat {
            windows = try supervisor.send("GET", "/api/v1/windows").json?["windows"] as? [[String: Any]] ?? []
            if windows.filter({ $0["state"] as? String == "open" }).count == 10 { break }
            usleep(200_000)
        } while Date() < openDeadline
        let closed = windows.filter { $0["state"] as? String != "open" }.compactMap { $0["number"] as? Int }
        #expect(closed == [2, 5], "\(windows.map { ($0["number"] ?? "", $0["state"] ?? "") })")
        #expect(windows.filter { [2, 5].contains($0["number"] as? Int ?? 0) }.allSatisfy { $0["operator"] is NSNull })
    }
}
