import Foundation
import LobbyBusSimulator
import LobbyWire
import LobbyTestSupport
import Testing

@Suite("lobbyctl device tools", .tags(.host), .serialized)
struct DeviceToolTests {
    @Test("bus scan, board show/test/set-address and keypad watch on a simulated bus over a pty")
    func busTools() throws {
        let simulator = try BusSimulator()
        defer { simulator.stop() }
        let board = simulator.addBoard(address: DeviceAddress(0x11), serial: 0xB0A2_0042)
        _ = simulator.addKeypad(address: DeviceAddress(0x31), serial: 0x4B50_0000_0007)
        simulator.start()
        let port = simulator.portPath

        var (code, out) = try runTool("lobbyctl", ["bus", "scan", "--port", port])
        #expect(code == 0, "\(out)")
        #expect(out.contains("0x11") && out.contains("b0a20042"), "scan: \(out)")
        #expect(out.contains("0x31"), "scan: \(out)")

        (code, out) = try runTool("lobbyctl", ["bus", "scan", "--port", port, "--json"])
        #expect(code == 0)
        #expect((try? JSONSerialization.jsonObject(with: Data(out.utf8))) != nil, "scan --json must be JSON: \(out)")

        (code, out) = try runTool("lobbyctl", ["board", "test", "--port", port, "0x11", "--pattern", "allOn"])
        #expect(code == 0, "\(out)")
        (code, out) = try runTool("lobbyctl", ["board", "show", "--port", port, "0x11"])
        #expect(code == 0, "\(out)")
        let art = out.split(separator: "\n")
        #expect(art.count >= 16, "a 16-pixel-high board: \(out)")
        #expect(simulator.frameBufferRows(board).allSatisfy { $0.allSatisfy { $0 } }, "allOn lights every pixel")

        (code, out) = try runTool("lobbyctl", ["board", "set-address", "--port", port, "--serial", "b0a20042", "--address", "0x12"])
        #expect(code == 0, "\(out)")
        (code, out) = try runTool("lobbyctl", ["board", "show", "--port", port, "0x11"])
        #expect(code == 1, "nobody answers at the old address any more: \(out)")
        (code, out) = try runTool("lobbyctl", ["board", "show", "--port", port, "0x12"])
        #expect(code == 0)

        (code, out) = try runTool("lobbyctl", ["bus", "scan", "--port", "/nonexistent/tty"])
        #expect(code == 3)
        #expect(out.contains("cannot open /nonexistent/tty"))
    }

    @Test("kiosk screenshot writes a PNG of the named screen; a wrong name is a usage error")
    func kioskScreenshot() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let out = scratch.path + "/services.png"
        var (code, text) = try runTool("lobbyctl", ["kiosk", "screenshot", "--screen", "services", "--language", "ru", "--size", "540x960", "--out", out])
        #expect(code == 0, "\(text)")
        let png = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        // IHDR width and height (big-endian at bytes 16…23).
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 540 && height == 960)
        (code, text) = try runTool("lobbyctl", ["kiosk", "screenshot", "--screen", "lobby", "--out", out])
        #expect(code == 64)
        #expect(text.contains("unknown screen 'lobby'"))
    }
}
