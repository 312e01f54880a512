import Foundation
import LobbyEscPos
import LobbyRender

/// Paths, sample content and helpers shared by the rendering tests.
enum RenderFixtures {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let goldenFolder = testsFolder.appendingPathComponent("Golden")
    static let templatesFolder = testsFolder.appendingPathComponent("Templates")
    static let docsImagesFolder = packageRoot.appendingPathComponent("Docs/images")
    static let pythonVenv = packageRoot.appendingPathComponent(".build/lobby-python-venv")

    /// Golden files are rewritten only when this is set.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["LOBBY_RECORD_GOLDEN"] == "1" }

    static func sampleLayout() throws -> TicketLayout {
        let url = templatesFolder.appendingPathComponent("asan-sample.json")
        return try TicketLayout(jsonBytes: [UInt8](Data(contentsOf: url)), fileName: "asan-sample.json")
    }

    static let statusURL = "https://lobby.example/t/2026-11-21/A042?c=3"

    /// Synthetic ticket content per language.
    static func content(_ language: TicketLanguage) -> TicketContent {
        switch language {
        case .az:
            TicketContent(
                language: .az, centreName: "Xidmət Mərkəzi № 3",
                serviceName: "Şəxsiyyət vəsiqəsinin dəyişdirilməsi və itirilmiş sənədin bərpası",
                ticketNumber: "A042", peopleAhead: 7, expectedWaitMinutes: 12, issueDate: "21.11.2026",
                issueTime: "09:41", statusURL: statusURL, note: "Zəhmət olmasa nömrənizi ekranda izləyin."
            )
        case .ru:
            TicketContent(
                language: .ru, centreName: "Центр обслуживания № 3",
                serviceName: "Замена удостоверения личности и восстановление утерянного документа",
                ticketNumber: "A042", peopleAhead: 7, expectedWaitMinutes: 12, issueDate: "21.11.2026",
                issueTime: "09:41", statusURL: statusURL, note: "Пожалуйста, следите за номером на экране."
            )
        case .en:
            TicketContent(
                language: .en, centreName: "Service Centre No. 3",
                serviceName: "Identity card replacement and recovery of a lost document",
                ticketNumber: "A042", peopleAhead: 7, expectedWaitMinutes: 12, issueDate: "21.11.2026",
                issueTime: "09:41", statusURL: statusURL, note: ""
            )
        }
    }

    /// Content with every optional line: agency, windows and their place, priority, appointment,
    /// tracking code, hotline, website and a logo.
    static func fullContent(_ language: TicketLanguage) -> TicketContent {
        var c = content(language)
        c.statusURL = "https://queue.example.az/t/7KQ2MX9RTA"
        c.agencyName = ["az": "Ədliyyə Nazirliyi", "ru": "Министерство юстиции", "en": "Ministry of Justice"][language.rawValue]!
        c.windows = "4–6"
        c.zone = "B"
        c.floor = "2"
        c.priority = ["az": "Əlilliyi olan şəxslər", "ru": "Люди с инвалидностью", "en": "People with disabilities"][language.rawValue]!
        c.appointmentTime = "10:30"
        c.trackingCode = "7KQ2M-X9RTA"
        c.hotline = "*1234"
        c.website = "queue.example.az"
        c.logo = sampleLogo
        return c
    }

    /// A synthetic 192 × 48 logo: a frame and a filled disc.
    static let sampleLogo: MonoBitmap = {
        var logo = MonoBitmap(widthDots: 192, heightDots: 48)
        for x in 0..<192 { for y in [0, 1, 46, 47] { logo[x, y] = true } }
        for y in 0..<48 { for x in [0, 1, 190, 191] { logo[x, y] = true } }
        for y in 0..<48 { for x in 0..<192 where (x - 96) * (x - 96) + (y - 24) * (y - 24) < 18 * 18 { logo[x, y] = true } }
        return logo
    }()

    /// The shipped printer profiles.
    static func profileFiles() throws -> [(fileName: String, bytes: [UInt8])] {
        let folder = packageRoot.appendingPathComponent("Sources/LobbyEscPos/Profiles")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    static func testTicketContent(width: PrinterWidth) -> TicketContent {
        TestTicket.content(
            printerDescription: "generic · \(width.dots) dots · 203 dpi", issueDate: "21.11.2026",
            issueTime: "09:41", statusURL: "https://lobby.example/printer-test"
        )
    }

    /// Runs a program with a time limit; returns its exit status and standard output.
    static func run(_ executable: String, _ arguments: [String], timeoutSeconds: Double) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return (-1, "timed out after \(timeoutSeconds) s")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, output)
    }

    /// The venv's python, created on first use by Scripts/setup-python-venv.sh (needs PyPI).
    static func pythonWithQRDecoder() throws -> String {
        let setup = testsFolder.appendingPathComponent("Scripts/setup-python-venv.sh").path
        let result = try run("/bin/sh", [setup, pythonVenv.path], timeoutSeconds: 300)
        guard result.status == 0 else { throw FixtureError("python venv setup failed (\(result.output))") }
        return pythonVenv.appendingPathComponent("bin/python").path
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
