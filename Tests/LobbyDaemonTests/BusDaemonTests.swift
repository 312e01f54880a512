import Foundation
import LobbyBus
import LobbyBusSimulator
import LobbyClient
import LobbyWire
import LobbyTestSupport
import Testing

/// lobbyd driving a simulated bus over a pseudo-terminal: calls reach boards, keypads act on
/// the queue and vote, health reaches the API and metrics, and a restart converges the boards.
@Suite("lobbyd with a serial bus", .tags(.host), .serialized)
struct BusDaemonTests {
    static let tech = "tech-token-1234567"
    static let alice = "alice-token-123456"

    /// Waits until `condition` holds, polling; fails with `what` after `seconds`.
    static func eventually(_ what: String, seconds: Double = 15, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            usleep(50_000)
        }
        throw TestFailure("timed out waiting until \(what)")
    }

    /// Pseudo-terminals carry bytes at memory speed; 9600 baud only sets generous answer deadlines.
    static func configuration(_ scratch: Scratch, port: String, baud: Int = 9600) -> String {
        testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock") + """

        devices:
          buses:
            - name: hall
              port: \(port)
              baud: \(baud)
              rs485: false
              minimumCallDisplayMs: 200
              voteTimeoutSeconds: 30
              devices:
                - {address: 0x11, role: window-board, window: 1}
                - {address: 0x12, role: hall-board}
                - {address: 0x31, role: keypad, window: 1}
        """
    }

    @Test("calls reach the window and hall boards, keypad keys call and vote, health and metrics report the devices")
    func busInDaemon() throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let windowBoard = simulator.addBoard(address: DeviceAddress(0x11), serial: 0xB0A2_0011)
        let hallBoard = simulator.addBoard(address: DeviceAddress(0x12), kind: .hallBoard, lines: 4, columns: 16, serial: 0xB0A2_0012)
        let keypad = simulator.addKeypad(address: DeviceAddress(0x31), serial: 0x4B50_0000_0031)
        simulator.start()
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let configPath = scratch.path + "/lobby.yaml"
        try Self.configuration(scratch, port: simulator.portPath).write(toFile: configPath, atomically: true, encoding: .utf8)
        var daemon = try DaemonProcess(arguments: ["--config", configPath], scratch: scratch)
        defer { daemon.stop() }

        let tech = daemon.client(token: Self.tech)
        try Self.eventually("every device is online in /healthz") {
            let devices = try tech.send("GET", "/healthz").json?["devices"] as? [String: String] ?? [:]
            return ["0x11", "0x12", "0x31"].allSatisfy { devices["bus:hall/\($0)"] == "ok" }
        }
        for (i, service) in ["passport", "passport", "birth"].enumerated() {
            #expect(try tech.send("POST", "/api/v1/tickets", json: ["service": service, "requestId": "t\(i)"]).status == 201)
        }
        #expect(try tech.send("POST", "/api/v1/windows/1/open").status == 200)
        #expect(try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"]).status == 200)
        let call = try daemon.client(token: Self.alice).send("POST", "/api/v1/windows/1/call-next")
        let first = try #require((call.json?["ticket"] as? [String: Any])?["number"] as? String)
        try Self.eventually("the window board shows \(first)") { simulator.boardText(windowBoard).contains(first) }
        try Self.eventually("the hall board lists \(first)") { simulator.boardText(hallBoard, line: 0).contains(first) }

        // Finishing opens a vote session on the keypad; vote key "4" (index 3) records a 4 for that ticket.
        #expect(try tech.send("POST", "/api/v1/windows/1/start").status == 200)
        let finish = try tech.send("POST", "/api/v1/windows/1/finish")
        let servedID = try #require((finish.json?["ticket"] as? [String: Any])?["id"] as? Int)
        try Self.eventually("the window board goes blank after service") { simulator.boardText(windowBoard).trimmingCharacters(in: .whitespaces).isEmpty }
        usleep(300_000)
        simulator.press(keypad, key: 3)
        try Self.eventually("the keypad's vote is recorded against the served ticket") {
            let voted = try tech.send("GET", "/api/v1/tickets/\(servedID)").json?["voted"] as? Bool == true
            let overall = try tech.send("GET", "/api/v1/statistics").json?["overall"] as? [String: Any]
            return voted && overall?["votes"] as? [Int] == [0, 0, 0, 1, 0]
        }

        // The keypad's call-next key (index 5) calls the next citizen at window 1, once.
        simulator.press(keypad, key: 5)
        var second = ""
        try Self.eventually("the keypad's call-next key calls another ticket") {
            let windows = try tech.send("GET", "/api/v1/windows").json?["windows"] as? [[String: Any]] ?? []
            let current = (windows.first { $0["number"] as? Int == 1 }?["current"] as? [String: Any])?["number"] as? String
            second = current ?? ""
            return current != nil && current != first
        }
        try Self.eventually("the window board shows \(second)") { simulator.boardText(windowBoard).contains(second) }
        try Self.eventually("the hall board shows \(second) on top and \(first) below") {
            simulator.boardText(hallBoard, line: 0).contains(second) && simulator.boardText(hallBoard, line: 1).contains(first)
        }
        let waiting = try tech.send("GET", "/api/v1/services").json?["services"] as? [[String: Any]] ?? []
        #expect(waiting.reduce(0) { $0 + ($1["waiting"] as? Int ?? 0) } == 1, "one key press calls exactly one citizen")

        let buses = try tech.send("GET", "/api/v1/buses").json?["buses"] as? [[String: Any]] ?? []
        let devices = try #require(buses.first?["devices"] as? [[String: Any]])
        #expect(devices.count == 3)
        #expect(devices.allSatisfy { ["online", "degraded"].contains($0["state"] as? String) }, "\(devices)")
        // Identities in their designed forms, never Swift's debug text.
        let board = try #require(devices.first { $0["address"] as? String == "0x11" }?["identity"] as? [String: Any], "\(devices)")
        #expect(board["firmware"] as? String == "1.0.0" && board["serial"] as? String == "00000000b0a20011", "\(board)")
        #expect(board["kind"] as? String == "window-board" && board["protocolVersion"] as? Int == 1, "\(board)")
        let listing = String(decoding: try tech.send("GET", "/api/v1/buses").body, as: UTF8.self)
        #expect(!listing.contains("FirmwareVersion(") && !listing.contains("DeviceSerial("), "\(listing)")
        #expect(daemon.log.contains("firmware=1.0.0") && !daemon.log.contains("FirmwareVersion("), "\(daemon.log)")
        let metrics = String(decoding: try tech.send("GET", "/metrics").body, as: UTF8.self)
        #expect(metrics.contains("lobby_bus_device_online{bus=\"hall\",address=\"0x11\",role=\"window-board\"} 1"), "\(metrics)")
        #expect(metrics.contains("lobby_bus_port_open{bus=\"hall\"} 1"))

        // A silent bus makes the devices offline in health; they come back when it talks again.
        simulator.setSilent(true)
        try Self.eventually("the devices are offline in /healthz", seconds: 30) {
            let devices = try tech.send("GET", "/healthz").json?["devices"] as? [String: String] ?? [:]
            return devices["bus:hall/0x11"] == "offline"
        }
        simulator.setSilent(false)
        try Self.eventually("the devices are back", seconds: 30) {
            let devices = try tech.send("GET", "/healthz").json?["devices"] as? [String: String] ?? [:]
            return devices["bus:hall/0x11"] == "ok" || devices["bus:hall/0x11"] == "degraded"
        }

        // Restart: the daemon goes down, the boards lose power, and the truth comes back.
        #expect(try tech.send("POST", "/api/v1/windows/1/no-show").status == 200)
        let third = try daemon.client(token: Self.alice).send("POST", "/api/v1/windows/1/call-next")
        let thirdNumber = try #require((third.json?["ticket"] as? [String: Any])?["number"] as? String)
        try Self.eventually("the window board shows \(thirdNumber)") { simulator.boardText(windowBoard).contains(thirdNumber) }
        #expect(daemon.stop() == 0)
        simulator.powerCycle(windowBoard)
        simulator.powerCycle(hallBoard)
        #expect(!simulator.boardText(windowBoard).contains(thirdNumber))
        daemon = try DaemonProcess(arguments: ["--config", configPath], scratch: scratch)
        try Self.eventually("after the restart the window board shows \(thirdNumber) again") { simulator.boardText(windowBoard).contains(thirdNumber) }
        try Self.eventually("after the restart the hall board lists \(thirdNumber)") { simulator.boardText(hallBoard, line: 0).contains(thirdNumber) }
    }

    @Test("lobbyctl bus scan, board show/test/identify work through lobbyd on the bus it drives, and the board is repainted after a test")
    func techniciansThroughDaemon() throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let board = simulator.addBoard(address: DeviceAddress(0x11), serial: 0xB0A2_0011)
        _ = simulator.addBoard(address: DeviceAddress(0x12), kind: .hallBoard, lines: 4, columns: 16, serial: 0xB0A2_0012)
        let keypad = simulator.addKeypad(address: DeviceAddress(0x31), serial: 0x4B50_0000_0031)
        simulator.start()
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let configPath = scratch.path + "/lobby.yaml"
        // A scan visits 225 addresses with one attempt each: 115200-baud deadlines keep it short.
        try Self.configuration(scratch, port: simulator.portPath, baud: 115_200).write(toFile: configPath, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(arguments: ["--config", configPath], scratch: scratch)
        defer { daemon.stop() }
        let tech = daemon.client(token: Self.tech)
        #expect(try tech.send("POST", "/api/v1/tickets", json: ["service": "passport"]).status == 201)
        #expect(try tech.send("POST", "/api/v1/windows/1/open").status == 200)
        #expect(try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"]).status == 200)
        #expect(try tech.send("POST", "/api/v1/windows/1/call-next").status == 200)
        try Self.eventually("the board shows P001") { simulator.boardText(board).contains("P001") }

        let socket = ["--socket", daemon.socket]
        var (code, out) = try runTool("lobbyctl", ["bus", "scan"] + socket)
        #expect(code == 0, "\(out)")
        #expect(out.contains("0x11") && out.contains("0x12") && out.contains("0x31"), "scan through lobbyd: \(out)")
        (code, out) = try runTool("lobbyctl", ["bus", "scan", "--json"] + socket)
        let scanned = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]], "\(out)")
        #expect(scanned.count == 3)

        (code, out) = try runTool("lobbyctl", ["board", "show", "11"] + socket)
        #expect(code == 0, "\(out)")
        let art = out.split(separator: "\n")
        #expect(art.count == 18 && art.filter { $0.contains("#") }.count > 4, "the board's pixels read back through lobbyd: \(out)")
        #expect(art.first == "board 0x11, 64x16 px, as read back:" && art.last == "reads: \"P001\"", "the number is readable: \(out)")

        (code, out) = try runTool("lobbyctl", ["board", "test", "0x11", "--pattern", "allOn"] + socket)
        #expect(code == 0, "\(out)")
        #expect(out.contains("board 0x11: test pattern allOn read back: matches (all 1024 pixels)"), "\(out)")
        #expect(out.contains("lobbyd repaints the board's content now"), "\(out)")
        try Self.eventually("after the test the master repaints the board with its call") {
            simulator.boardText(board).contains("P001") && !simulator.frameBufferRows(board).allSatisfy { $0.allSatisfy { $0 } }
        }
        (code, out) = try runTool("lobbyctl", ["board", "identify", "0x11", "--seconds", "2"] + socket)
        #expect(code == 0, "\(out)")
        (code, out) = try runTool("lobbyctl", ["board", "show", "0x55"] + socket)
        #expect(code == 1, "nobody at 0x55: \(out)")
        #expect(out.contains("no answer from address 0x55"), "\(out)")
        // A watch of a board, which never sends key events, says so at once instead of waiting.
        (code, out) = try runTool("lobbyctl", ["keypad", "watch", "0x11"] + socket)
        #expect(code == 1 && out.contains("no keypad has address 0x11") && out.contains("hall/0x31"), "\(out)")
        // keypad watch through lobbyd: a key pressed on the keypad arrives as a JSON line.
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: try Built.executable("lobbyctl"))
        watcher.arguments = ["keypad", "watch", "0x31", "--count", "1", "--json"] + socket
        let pipe = Pipe()
        watcher.standardOutput = pipe
        try watcher.run()
        usleep(500_000)
        simulator.press(keypad, key: 6)
        let deadline = Date().addingTimeInterval(15)
        while watcher.isRunning && Date() < deadline { usleep(50_000) }
        if watcher.isRunning { watcher.terminate() }
        let watched = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(watched.utf8)) as? [String: Any], "keypad watch output: \(watched)")
        #expect(event["address"] as? String == "0x31")
        #expect(event["kind"] as? String == "operatorKey", "\(event)")

        // bus monitor through lobbyd: the master's polls, decoded, one JSON object per frame.
        (code, out) = try runTool("lobbyctl", ["bus", "monitor", "--count", "4", "--json"] + socket)
        #expect(code == 0, "\(out)")
        let frames = out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(frames.count == 4, "four decoded frames: \(out)")
        // What the monitor shows while a technician tests the board: each message by its name with
        // its content, and the repaint that brings the call back ("showText" with the number).
        let monitor = Process()
        monitor.executableURL = URL(fileURLWithPath: try Built.executable("lobbyctl"))
        monitor.arguments = ["bus", "monitor", "--seconds", "5"] + socket
        let monitored = Pipe()
        monitor.standardOutput = monitored
        try monitor.run()
        usleep(1_000_000)
        (code, out) = try runTool("lobbyctl", ["board", "test", "0x11", "--pattern", "rows"] + socket)
        #expect(code == 0, "\(out)")
        let seen = String(decoding: monitored.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        monitor.waitUntilExit()
        for expected in [
            "0x01→0x11 seq ", " testPattern rows | ", " readFrameBuffer 192 bytes at 0 | ", "0x11→0x01 seq ",
            " frameBufferChunk 128 bytes at 0 of 128 (64x16 px) | ", "0x00→0x11 seq ", " showText \"P001\"", "0x11→0x00 seq ", " ack showText | ",
        ] {
            #expect(seen.contains(expected), "\(expected) in:\n\(seen)")
        }
        #expect(!seen.contains("LobbyWire.") && !seen.contains("FixedBytes"), "\(seen)")

        (code, out) = try runTool("lobbyctl", ["bus", "scan", "--bus", "elsewhere"] + socket)
        #expect(code == 1 && out.contains("no bus named 'elsewhere'"), "\(out)")
    }

    @Test("compatibility buses in lobbyd: a Candle board shows the call, an FF 68 evaluator's vote counts for the served ticket")
    func compatibilityBuses() throws {
        let candle = try CompatibleBusSimulator(ff68: false)
        defer { candle.stop() }
        let board = candle.add(.candleBoard, address: 0x25)
        candle.start()
        let ff68 = try CompatibleBusSimulator(ff68: true)
        defer { ff68.stop() }
        let evaluator = ff68.add(.ff68Device, address: 0x07)
        ff68.start()
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let configPath = scratch.path + "/lobby.yaml"
        let config = testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock") + """

        devices:
          buses:
            - name: boards
              port: \(candle.portPath)
              protocol: candle
              rs485: false
              minimumCallDisplayMs: 200
              compatibility: {framePacingMs: 10, boardRefreshSeconds: 2}
              devices:
                - {address: 0x25, role: window-board, window: 1}
            - name: evaluators
              port: \(ff68.portPath)
              protocol: ff68
              rs485: false
              compatibility: {answerTimeoutMs: 150, framePacingMs: 5}
              devices:
                - {address: 0x07, role: keypad, window: 1}
        """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(arguments: ["--config", configPath], scratch: scratch)
        defer { daemon.stop() }
        let tech = daemon.client(token: Self.tech)
        try Self.eventually("the evaluator is online") {
            (try tech.send("GET", "/healthz").json?["devices"] as? [String: String])?["bus:evaluators/0x07"] == "ok"
        }
        #expect(try tech.send("POST", "/api/v1/tickets", json: ["service": "passport"]).status == 201)
        #expect(try tech.send("POST", "/api/v1/windows/1/open").status == 200)
        #expect(try tech.send("POST", "/api/v1/windows/1/sign-in", json: ["operator": "alice"]).status == 200)
        #expect(try tech.send("POST", "/api/v1/windows/1/call-next").status == 200)
        try Self.eventually("the Candle board shows P001") { candle.text(board) == "P001" }
        #expect(try tech.send("POST", "/api/v1/windows/1/start").status == 200)
        let finish = try tech.send("POST", "/api/v1/windows/1/finish")
        let served = try #require((finish.json?["ticket"] as? [String: Any])?["id"] as? Int)
        usleep(300_000)
        // Evaluator key 0 is the best score (5).
        ff68.queueFrame(evaluator, function: FF68Driver.evaluatorFunction, data: [0x00])
        try Self.eventually("the evaluator's vote is recorded against the served ticket") {
            let voted = try tech.send("GET", "/api/v1/tickets/\(served)").json?["voted"] as? Bool == true
            let overall = try tech.send("GET", "/api/v1/statistics").json?["overall"] as? [String: Any]
            return voted && overall?["votes"] as? [Int] == [0, 0, 0, 0, 1]
        }
        let buses = try tech.send("GET", "/api/v1/buses").json?["buses"] as? [[String: Any]] ?? []
        #expect(Set(buses.compactMap { $0["protocol"] as? String }) == ["candle", "ff68"])
    }

    @Test("bus configuration errors name the file, line and field", arguments: [
        ("port: /dev/x\n      devices: []", "a bus needs at least one device"),
        ("port: ttyUSB0\n      devices: [{address: 0x11, role: hall-board}]", "expected a device path"),
        ("port: /dev/x\n      protocol: modbus\n      devices: [{address: 0x11, role: hall-board}]", "unknown protocol 'modbus'"),
        ("port: /dev/x\n      devices: [{address: 0x05, role: hall-board}]", "outside 0x10–0xEF"),
        ("port: /dev/x\n      protocol: ff68\n      devices: [{address: 0x00, role: keypad, window: 1}]", "outside 0x01–0xFE"),
        ("port: /dev/x\n      compatibility: {adapterEcho: true}\n      devices: [{address: 0x11, role: hall-board}]", "applies to candle and ff68 buses only"),
        ("port: /dev/x\n      protocol: ff68\n      compatibility: {callerKeys: {0x31: dance}}\n      devices: [{address: 0x07, role: keypad, window: 1}]", "unknown operator key 'dance'"),
        ("port: /dev/x\n      devices: [{address: 0x11, role: window-board, window: 9}]", "unknown window 9"),
        ("port: /dev/x\n      devices: [{address: 0x11, role: keypad}]", "missing field 'window'"),
        ("port: /dev/x\n      devices: [{address: 0x11, role: hall-board}, {address: 0x11, role: hall-board}]", "address 0x11 is used twice"),
        ("port: /dev/x\n      devices: [{address: 0x11, role: siren}]", "unknown role 'siren'"),
    ])
    func configurationErrors(bus: String, expected: String) throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let path = scratch.path + "/lobby.yaml"
        let text = testConfiguration(journal: scratch.path + "/j.db", socket: scratch.path + "/s.sock") + "\ndevices:\n  buses:\n    - " + bus + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (code, out) = try runTool("lobbyd", ["--config", path, "--check"])
        #expect(code == 78)
        #expect(out.contains(expected), "\(out)")
        #expect(out.contains("lobby.yaml:"), "names the file and line: \(out)")
    }
}
