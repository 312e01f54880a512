// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
/// This package's directory (lobbyd's linker wrapper lives in it).
let packageRoot = String(#filePath.dropLast("/Package.swift".count))

let package = Package(
    name: "Lobby",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lobbyd", targets: ["lobbyd"]),
        .executable(name: "lobbyctl", targets: ["lobbyctl"]),
        .executable(name: "lobby-touch-probe", targets: ["LobbyTouchProbe"]),
        .executable(name: "lobby-card-probe", targets: ["LobbyCardProbe"]),
        .executable(name: "lobby-mrz-probe", targets: ["LobbyMRZProbe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure core
        .target(name: "LobbyQueue", swiftSettings: strict),
        .target(name: "LobbyScenarios", dependencies: ["LobbyQueue"], swiftSettings: strict),
        .target(name: "LobbyEscPos", exclude: ["Profiles"], swiftSettings: strict),
        .target(name: "LobbyMRZ"),
        .target(name: "LobbyCCID"),
        .target(name: "LobbyTouch", resources: [.embedInCode("Quirks/touchscreens.quirks")]),
        .target(name: "LobbyWire"),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "LobbyCrypto", dependencies: ["CLibCrypto"], swiftSettings: strict),
        .target(name: "LobbyPrivacy", dependencies: ["LobbyQueue", "LobbyCrypto"], swiftSettings: strict),
        // Announcements: the planner, number words, voice packs and PCM (pure)
        .target(name: "LobbyAnnouncement", swiftSettings: strict),
        .target(name: "LobbyVoicePack", dependencies: ["LobbyAnnouncement"], swiftSettings: strict),
        // Edge: sound cards through ALSA (libasound2-dev), with a simulated card
        .systemLibrary(name: "CAlsa", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .target(name: "LobbyALSA", dependencies: ["LobbyAnnouncement", "CAlsa"], swiftSettings: strict),
        // Edge: free text spoken by libespeak-ng (libespeak-ng-dev), with a simulated engine
        .systemLibrary(name: "CEspeak", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .target(name: "LobbySpeech", dependencies: ["LobbyAnnouncement", "CEspeak"], swiftSettings: strict),
        .target(name: "LobbyReports", dependencies: ["LobbyQueue"], swiftSettings: strict),
        .target(name: "LobbyAccounts", dependencies: ["LobbyQueue"], swiftSettings: strict),
        // Edge: password hashing and session secrets (libsodium, Decision 0051)
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .target(name: "LobbySodium", dependencies: ["CSodium"], swiftSettings: strict),
        // Edge: rendering (cairo, pango, qrencode)
        .systemLibrary(name: "CRender", pkgConfig: "pangocairo",
                       providers: [.apt(["libcairo2-dev", "libpango1.0-dev", "libqrencode-dev"])]),
        .target(name: "LobbyRender", dependencies: ["LobbyEscPos", "CRender"]),
        // Edge: evdev
        .systemLibrary(name: "CEvdev", pkgConfig: "libevdev", providers: [.apt(["libevdev-dev"])]),
        .target(name: "LobbyEvdev", dependencies: ["LobbySystem", "CEvdev", "LobbyTouch"]),
        // Printing: pure pool and backend rules; device I/O; CUPS
        .target(name: "LobbyPrinting", dependencies: ["LobbyEscPos"]),
        .target(name: "CPseudoTerminal"),
        .target(name: "LobbyPrinterDevice", dependencies: ["LobbyPrinting", "LobbyEscPos", "CPseudoTerminal"]),
        .systemLibrary(name: "CCups", providers: [.apt(["libcups2-dev"])]),
        .target(name: "LobbyCups", dependencies: ["LobbyPrinting", "CCups"]),
        // ID cards: pure card logic; libusb edge
        .target(name: "LobbyUSBPrinter", dependencies: ["CLibUSB", "LobbyPrinting", "LobbyPrinterDevice", "LobbyEscPos"], swiftSettings: strict),
        .target(name: "LobbyUSBRedir", dependencies: ["LobbyPrinting", "LobbyEscPos"], swiftSettings: strict),
        .executableTarget(name: "lobby-usb-printer-sim", dependencies: ["LobbyUSBRedir", "LobbyPrinting", "LobbyEscPos"], swiftSettings: strict),
        .target(name: "LobbyIDReaders", dependencies: ["LobbySystem", "LobbyMRZ", "LobbyEvdev", "LobbyTouch", "CEvdev", "LobbySerial", "LobbyCard"],
                swiftSettings: strict),
        .target(name: "LobbyProbeSupport", swiftSettings: strict),
        .executableTarget(name: "LobbyMRZProbe", dependencies: ["LobbyIDReaders", "LobbyEvdev", "LobbyMRZ", "LobbySerial", "LobbyProbeSupport"], swiftSettings: strict),
        .target(name: "LobbyEMRTD", dependencies: ["LobbyCCID", "LobbyMRZ", "LobbyCrypto"], swiftSettings: strict),
        .target(name: "LobbyCard", dependencies: ["LobbyCCID", "LobbyMRZ", "LobbyEMRTD"]),
        .systemLibrary(name: "CLibUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        .target(name: "LobbyUSB", dependencies: ["LobbySystem", "CLibUSB", "LobbyCard", "LobbyCCID", "LobbyMRZ"]),
        // Serial buses: termios edge, bus master, device simulators
        .target(name: "CLobbySerial"),
        .systemLibrary(name: "CLobbySystem"),
        .target(name: "LobbySystem", dependencies: ["CLobbySystem"], swiftSettings: strict),
        .target(name: "LobbySerial", dependencies: ["CLobbySerial", "LobbySystem"], swiftSettings: strict),
        .target(name: "LobbyBus", dependencies: ["LobbySystem", "LobbyWire", "LobbyQueue", "LobbySerial", "LobbyBoardFont"], swiftSettings: strict),
        .target(name: "LobbyBusSimulator", dependencies: ["LobbyWire", "LobbySerial", "LobbyBoardFont"], swiftSettings: strict),
        // The boards' glyph table, generated from Terminus by the firmware's own script (Decision 0036).
        .plugin(name: "BoardFontGenerator", capability: .buildTool()),
        .target(name: "LobbyBoardFont", dependencies: ["LobbyWire"], swiftSettings: strict, plugins: ["BoardFontGenerator"]),
        // Kiosk: pure flow, cairo rendering, framebuffer formats
        .target(name: "LobbyKiosk", dependencies: ["LobbyQueue"], exclude: ["Strings"]),
        .target(name: "LobbyKioskRender", dependencies: ["LobbyKiosk", "LobbyQueue", "LobbyRender", "CRender"]),
        .target(name: "CFramebuffer"),
        .target(name: "LobbyFramebuffer", dependencies: ["CFramebuffer"]),
        .target(name: "LobbyTouchCalibration", dependencies: ["LobbySystem", "LobbyTouch", "LobbyEvdev", "LobbyFramebuffer", "CRender"]),
        .executableTarget(name: "lobby-display-probe", dependencies: ["LobbyFramebuffer", "LobbyTouchCalibration", "LobbyEvdev", "LobbyTouch"]),
        // The device libraries above, loaded by lobbyd on first use (Decision 0010); scripts/lazy-libraries.py writes the stubs.
        .target(name: "CLazyLibraries", dependencies: ["CCups", "CRender", "CLibUSB", "CEvdev", "CAlsa"]),
        // Edge: storage
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "LobbyJournal", dependencies: ["LobbyQueue", "LobbyAccounts", "CSQLite"], swiftSettings: strict),
        .target(name: "LobbyReportStore", dependencies: ["LobbyReports", "LobbyJournal", "LobbyQueue"], swiftSettings: strict),
        // Daemon services
        .target(
            name: "LobbyDaemon",
            dependencies: [
                "LobbyQueue", "LobbyJournal", "LobbyReports", "LobbyReportStore", "LobbyConfiguration", "LobbyPrivacy", "LobbyMRZ", "LobbyEscPos", "LobbyRender", "LobbyPrinting", "LobbyCups",
                "LobbyBus", "LobbySerial", "LobbyWire", "LobbyKiosk", "LobbyKioskRender", "LobbyEvdev", "LobbyTouch", "LobbyFramebuffer",
                "LobbyIDReaders", "LobbyUSB", "LobbyCard", "LobbyEMRTD", "LobbyBusSimulator", "CLazyLibraries", "LobbyAccounts", "LobbySodium",
                "LobbyAnnouncement", "LobbyVoicePack", "LobbyALSA",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict),
        .target(name: "LobbyClient", dependencies: ["LobbySystem", "LobbyQueue"], swiftSettings: strict),
        .target(
            name: "LobbyConfiguration",
            dependencies: ["LobbyQueue", "LobbyPrivacy", "LobbyTouch", "LobbyAnnouncement", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // Composition roots
        .executableTarget(
            name: "lobbyd",
            dependencies: ["LobbyDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict,
            // Record only the libraries lobbyd calls directly: the device libraries are loaded on first use.
            linkerSettings: [.unsafeFlags(["-use-ld=\(packageRoot)/scripts/toolchain/ld-as-needed"])]),
        .executableTarget(
            name: "lobbyctl",
            dependencies: ["LobbyClient", "LobbyQueue", "LobbyConfiguration", "LobbyJournal", "LobbyReports", "LobbyMRZ", "LobbyTouch", "LobbyEvdev", "LobbyEscPos", "LobbyRender",
                           "LobbyKiosk", "LobbyKioskRender", "LobbyCard", "LobbyUSB", "LobbyBus", "LobbySerial", "LobbyWire", "LobbyCups", "LobbyPrinting", "LobbyIDReaders",
                           "LobbyTouchCalibration", "LobbyFramebuffer", "LobbyAnnouncement", "LobbyVoicePack", "LobbyALSA", "LobbySpeech",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        .executableTarget(name: "lobby-bench", dependencies: ["LobbyQueue", "LobbyJournal", "LobbyScenarios"], swiftSettings: strict),
        .executableTarget(name: "lobby-report-bench", dependencies: ["LobbyQueue", "LobbyJournal", "LobbyReports", "LobbyReportStore", "LobbyScenarios"], swiftSettings: strict),
        .executableTarget(name: "lobby-escpos-backend", dependencies: ["LobbyPrinting", "LobbyPrinterDevice", "LobbyEscPos", "LobbyUSBPrinter"]),
        .executableTarget(name: "lobby-printer-sim", dependencies: ["LobbyPrinting", "LobbyPrinterDevice", "LobbyEscPos"]),
        .executableTarget(name: "lobby-cups-benchmark", dependencies: ["LobbyCups", "LobbyPrinting", "LobbyEscPos", "LobbyRender"], exclude: ["Scripts"]),
        .executableTarget(name: "lobby-compat-bench", dependencies: ["LobbyBus", "LobbyBusSimulator", "LobbySerial", "LobbyWire", "LobbyQueue"], swiftSettings: strict),
        .executableTarget(name: "lobby-bus-bench", dependencies: ["LobbyBus", "LobbyBusSimulator", "LobbySerial", "LobbyWire", "LobbyQueue"], swiftSettings: strict),
        .executableTarget(name: "lobby-kiosk-bench", dependencies: ["LobbyKiosk", "LobbyKioskRender", "LobbyFramebuffer", "LobbyQueue"]),
        .executableTarget(name: "lobby-print-bench", dependencies: ["LobbyEscPos", "LobbyRender"], exclude: ["Scripts"]),
        .executableTarget(name: "lobby-api-bench", swiftSettings: strict),
        .executableTarget(name: "lobby-fault-campaign", dependencies: ["LobbyClient"], swiftSettings: strict),
        .executableTarget(name: "lobby-id-bench", dependencies: ["LobbyMRZ"]),
        .executableTarget(name: "lobby-audio-bench", dependencies: ["LobbyAnnouncement", "LobbyVoicePack", "LobbyALSA"], swiftSettings: strict),
        .executableTarget(name: "LobbyCardProbe", dependencies: ["LobbyUSB", "LobbyCard", "LobbyCCID", "LobbyMRZ", "LobbyEMRTD"]),
        .executableTarget(name: "LobbyTouchProbe", dependencies: ["LobbyEvdev", "LobbyTouch", "LobbyProbeSupport"]),
        .executableTarget(name: "lobby-crash-child", dependencies: ["LobbyQueue", "LobbyJournal", "LobbyScenarios"], swiftSettings: strict),
        // Tests
        .testTarget(name: "LobbyQueueTests", dependencies: ["LobbyQueue", "LobbyScenarios"]),
        .testTarget(name: "LobbyAccountsTests", dependencies: ["LobbyAccounts", "LobbySodium", "LobbyJournal", "LobbyQueue"]),
        .testTarget(name: "LobbyJournalTests", dependencies: ["LobbyQueue", "LobbyJournal", "LobbyScenarios"]),
        .testTarget(name: "LobbyDaemonTests", dependencies: ["LobbyDaemon", "LobbyClient", "lobbyd", "lobbyctl", "LobbyBusSimulator", "LobbyWire", "LobbyBus", "LobbySerial",
                                                        "LobbyAnnouncement", "LobbyALSA", "LobbyVoicePack"], exclude: ["Scripts"]),
        .testTarget(name: "LobbyEscPosTests", dependencies: ["LobbyEscPos"], exclude: ["Vectors"]),
        .testTarget(name: "LobbyRenderTests", dependencies: ["LobbyRender", "LobbyEscPos"], exclude: ["Golden", "Templates", "Scripts"]),
        .testTarget(name: "LobbyPrintingTests", dependencies: ["LobbyPrinting", "LobbyEscPos"]),
        .testTarget(name: "LobbyCupsTests", dependencies: ["LobbyCups", "LobbyPrinting", "LobbyEscPos", "LobbyRender", "lobby-escpos-backend", "lobby-printer-sim", "lobbyd", "lobbyctl", "LobbyClient"], exclude: ["Scripts"]),
        .testTarget(name: "LobbyMRZTests", dependencies: ["LobbyMRZ", "LobbyProbeSupport"], exclude: ["Vectors"]),
        .testTarget(name: "LobbyCCIDTests", dependencies: ["LobbyCCID", "LobbyMRZ"], exclude: ["Vectors"]),
        .testTarget(name: "LobbyWireTests", dependencies: ["LobbyWire", "LobbyBoardFont", "LobbyLabSupport"], exclude: ["Vectors"]),
        .testTarget(name: "LobbyCardTests", dependencies: ["LobbyCard", "LobbyCCID", "LobbyMRZ", "LobbyEMRTD"], exclude: ["Vectors"]),
        .testTarget(name: "LobbyUSBRedirTests", dependencies: ["LobbyUSBRedir", "LobbyPrinting", "LobbyEscPos"]),
        .testTarget(name: "LobbyUSBPrinterTests", dependencies: ["LobbyUSBPrinter", "LobbyPrinting", "LobbyEscPos", "LobbyLabSupport", "lobby-escpos-backend", "lobby-usb-printer-sim"], exclude: ["Jobs"]),
        .testTarget(name: "LobbyIDReadersTests", dependencies: ["LobbyIDReaders", "LobbyMRZ", "LobbySerial", "LobbyEvdev", "LobbyTouch", "LobbyCard",
                                                               "LobbyLabSupport", "LobbyMRZProbe"]),
        .testTarget(name: "LobbyTouchCalibrationTests", dependencies: ["LobbyTouchCalibration", "LobbyTouch", "LobbyFramebuffer"]),
        .testTarget(name: "LobbyDisplayLabTests", dependencies: ["LobbyFramebuffer", "LobbyTouch", "LobbyLabSupport", "lobby-display-probe", "lobbyctl", "lobbyd"]),
        .testTarget(name: "LobbyEMRTDTests", dependencies: ["LobbyEMRTD", "LobbyCCID", "LobbyMRZ", "LobbyCrypto"], exclude: ["Vectors", "Scripts"]),
        .target(name: "LobbyLabSupport", path: "Tests/LobbyLabSupport"),
        .testTarget(name: "LobbyUSBTests", dependencies: ["LobbyUSB", "LobbyCard", "LobbyCardProbe", "LobbyLabSupport", "LobbyQueue", "lobbyd", "LobbyMRZProbe"]),
        .testTarget(name: "LobbySerialTests", dependencies: ["LobbySerial"]),
        .testTarget(name: "LobbyBusTests", dependencies: ["LobbyBus", "LobbyBusSimulator", "LobbyBoardFont", "LobbySerial", "LobbyWire", "LobbyQueue", "LobbyLabSupport"]),
        .target(name: "LobbyKioskFixtures", dependencies: ["LobbyKiosk", "LobbyQueue", "LobbyConfiguration"], path: "Tests/LobbyKioskFixtures"),
        .testTarget(name: "LobbyKioskTests", dependencies: ["LobbyKiosk", "LobbyQueue", "LobbyTouch", "LobbyKioskFixtures"]),
        .testTarget(name: "LobbyKioskRenderTests", dependencies: ["LobbyKioskRender", "LobbyKiosk", "LobbyQueue", "LobbyKioskFixtures"], exclude: ["Golden"]),
        .testTarget(name: "LobbyFramebufferTests", dependencies: ["LobbyFramebuffer"]),
        .testTarget(name: "LobbyPrivacyTests", dependencies: ["LobbyPrivacy", "LobbyQueue", "LobbyCrypto"]),
        .testTarget(name: "LobbyTouchTests", dependencies: ["LobbyTouch", "LobbyLabSupport"], exclude: ["Recordings"]),
        .testTarget(name: "LobbyAnnouncementTests", dependencies: ["LobbyAnnouncement"]),
        .testTarget(name: "LobbyAudioTests", dependencies: ["LobbyAnnouncement", "LobbyVoicePack", "LobbyALSA", "LobbySpeech", "lobbyctl", "lobbyd", "LobbyLabSupport"]),
        .testTarget(name: "LobbyReportsTests", dependencies: ["LobbyReports", "LobbyReportStore", "LobbyJournal", "LobbyQueue", "LobbyScenarios"]),
        .testTarget(name: "LobbyEvdevTests", dependencies: ["LobbySystem", "LobbyEvdev", "LobbyTouch", "LobbyTouchProbe", "LobbyLabSupport"], exclude: ["Vectors"]),
    ]
)

// The tier tags (unit, host, cups, emulated) and the one polling helper every test target shares.
package.targets.append(.target(name: "LobbyTestSupport", path: "Tests/LobbyTestSupport"))
for target in package.targets where target.type == .test {
    target.dependencies.append("LobbyTestSupport")
}
