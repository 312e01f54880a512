import LobbyKioskFixtures
import Foundation
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue
import LobbyTestSupport
import Testing

/// The done screen's QR code, read back from the drawn screen by an independent decoder
/// (zxing-cpp in the Python venv of Tests/LobbyRenderTests/Scripts/setup-python-venv.sh).
@Suite("The done screen's QR code", .tags(.host))
struct KioskStatusCodeTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LobbyRenderTests/Scripts")
    static let venv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/lobby-python-venv")

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("a phone camera's decoder reads the status page address from the drawn done screen, in each size and mode",
          arguments: [KioskGeometry.portraitFullHD, .landscapeFullHD, KioskGeometry(width: 540, height: 960)], [false, true])
    func codeReadsBack(_ geometry: KioskGeometry, _ accessible: Bool) throws {
        let setup = try Self.run("/bin/sh", [Self.scripts.appendingPathComponent("setup-python-venv.sh").path, Self.venv.path])
        try #require(setup.status == 0, "python venv: \(setup.output)")
        let strings = try KioskStringFiles.load()
        let centre = try SampleCentre.load()
        let model = KioskScreenshot.model(.done, language: .az, accessible: accessible, geometry: geometry, centre: centre, strings: strings)
        let code = try #require(model.code, "the done screen shows a QR code")
        #expect(code.payload == KioskSampleStates.sampleStatusURL)
        #expect(geometry.millimetres(code.frame.width) >= 20, "at least 20 mm: \(code.frame)")
        #expect(model.texts.contains { $0.origin == .translation(.doneQR) })
        for b in model.buttons { #expect(!b.frame.intersects(code.frame), "\(b.action) over the code") }
        for t in model.texts { #expect(!t.frame.intersects(code.frame), "text \(t.text) over the code") }

        let canvas = try KioskCanvas(width: geometry.width, height: geometry.height)
        canvas.draw(model)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-kiosk-qr-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(canvas.pngData()).write(to: file)
        let decoded = try Self.run(Self.venv.appendingPathComponent("bin/python").path,
                                   [Self.scripts.appendingPathComponent("decode_qr.py").path, file.path])
        #expect(decoded.status == 0)
        #expect(decoded.output.split(separator: "\n").map(String.init) == [KioskSampleStates.sampleStatusURL], "\(decoded.output)")
    }

    @Test("without a status page address the done screen has no code")
    func noAddressNoCode() throws {
        let strings = try KioskStringFiles.load()
        let centre = try SampleCentre.load()
        let catalog = KioskCatalog(configuration: centre)
        var state = KioskSampleStates.state(.done, language: .en, accessible: false, catalog: catalog, now: Instant(milliseconds: 0))
        if case .done(let step, var receipt) = state.stage {
            receipt.statusURL = nil
            state.stage = .done(step, receipt)
        }
        let builder = KioskScreenBuilder(configuration: KioskConfiguration(centreName: centre.name, requestPrefix: "t"), catalog: catalog, strings: strings)
        #expect(builder.model(for: state).code == nil)
    }
}
