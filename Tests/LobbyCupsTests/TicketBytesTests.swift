import Foundation
import LobbyCups
import LobbyEscPos
import LobbyPrinting
import LobbyRender
import LobbyTestSupport
import Testing

/// A rendered ticket goes through a real cupsd, our backend and the simulator unchanged.
@Suite(.tags(.cups), .serialized) struct TicketBytesTests {
    @Test func renderedTicketArrivesByteForByteAndDecodesToTheSameImage() async throws {
        let lab = try CupsLab()
        defer { lab.stop() }
        let simulator = try lab.addPrinter("kiosk1-left")
        let url = "https://lobby.example/t/2026-11-21/A042?c=3&k=Zq9xK2"
        let (bitmap, request) = try CupsLab.renderedTicket(number: "A042", statusURL: url)

        let result = await lab.pool(["kiosk1-left"]).issue(request)
        guard case let .printed(printer, job, _) = result else {
            Issue.record("not printed: \(result) \(lab.cupsd.errorLog.suffix(3000))")
            return
        }
        #expect(printer == "kiosk1-left")
        #expect(try await lab.port.jobStatus(printer: printer, job: job).state == .completed)
        #expect(eventually(5) { (try? simulator.jobs().count) == 1 })
        let stored = try #require(try simulator.jobs().first)
        #expect(stored.printed)
        let received = try simulator.bytes(of: stored)
        #expect(received == request.bytes)

        let decoded = try EscPosDecoder().decode(received)
        #expect(decoded.images.count == 1)
        #expect(decoded.images.first?.bitmap == bitmap)

        // The QR code on the received raster reads back as the status URL (zxing-cpp).
        let python = try QRDecoder.python()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-cups-qr-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(PNGEncoder.encode(try #require(decoded.images.first).bitmap)).write(to: file)
        let read = try TestProcess.run(python, [TestProcess.testsFolder.appendingPathComponent("Scripts/decode_qr.py").path, file.path], timeoutSeconds: 60)
        #expect(read.status == 0)
        #expect(read.output.split(separator: "\n").map(String.init) == [url])
    }
}

/// The Python venv with zxing-cpp, created on first use by Scripts/setup-python-venv.sh.
enum QRDecoder {
    static func python() throws -> String {
        let venv = TestProcess.packageRoot.appendingPathComponent(".build/lobby-python-venv")
        let setup = TestProcess.testsFolder.appendingPathComponent("Scripts/setup-python-venv.sh").path
        let result = try TestProcess.run("/bin/sh", [setup, venv.path], timeoutSeconds: 300)
        guard result.status == 0 else { throw TestFailure("python venv setup failed: \(result.output)") }
        return venv.appendingPathComponent("bin/python").path
    }
}
