import Foundation
import LobbyTestSupport
import Testing

/// lobbyd maps the device libraries (CUPS, cairo/pango, libusb, libevdev) only when its
/// configuration uses them (Docs/Decisions/0010-lazy-device-libraries.md).
@Suite("lobbyd's device libraries are loaded on first use", .tags(.host), .serialized)
struct DeviceLibraryTests {
    static let deviceLibraries = ["libcups", "libcairo", "libpango", "libgobject", "libglib", "libqrencode", "libusb", "libevdev", "libharfbuzz", "libasound"]

    /// The shared objects a process has mapped.
    static func mappedLibraries(_ pid: Int32) throws -> Set<String> {
        // /proc files report no size: read to the end through the handle.
        guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/maps") else { throw TestFailure("no /proc/\(pid)/maps") }
        let maps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        try handle.close()
        return Set(maps.split(separator: "\n").compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).last.map { String($0.split(separator: "/").last ?? "") }
        }.filter { $0.contains(".so") })
    }

    static func loaded(_ prefix: String, in mapped: Set<String>) -> Bool { mapped.contains { $0.hasPrefix(prefix + ".") || $0.hasPrefix(prefix + "-") } }

    @Test("lobbyd records no dependency on a device library (scripts/lazy-libraries.py forwards every function it calls)")
    func noRecordedDependency() throws {
        let readelf = Process()
        readelf.executableURL = URL(fileURLWithPath: "/usr/bin/readelf")
        readelf.arguments = ["-d", try Built.executable("lobbyd")]
        let pipe = Pipe()
        readelf.standardOutput = pipe
        try readelf.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        readelf.waitUntilExit()
        let needed = text.split(separator: "\n").filter { $0.contains("(NEEDED)") }.map(String.init)
        #expect(needed.contains { $0.contains("libsqlite3") }, "the journal's SQLite is linked as usual: \(needed)")
        for library in Self.deviceLibraries {
            #expect(!needed.contains { $0.contains(library) },
                    "lobbyd needs \(library) at start: a function of it is not forwarded; run scripts/lazy-libraries.py .build/debug")
        }
    }

    @Test("without devices lobbyd maps none of them; a kiosk maps drawing and evdev, not CUPS or libusb, and draws")
    func loadedByConfiguration() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let plain = scratch.path + "/plain.yaml"
        try testConfiguration(journal: scratch.path + "/plain.db", socket: scratch.path + "/lobbyd.sock").write(toFile: plain, atomically: true, encoding: .utf8)
        do {
            let d = try DaemonProcess(arguments: ["--config", plain], scratch: scratch)
            defer { d.stop() }
            let mapped = try Self.mappedLibraries(d.process.processIdentifier)
            for library in Self.deviceLibraries { #expect(!Self.loaded(library, in: mapped), "\(library) is mapped by a lobbyd without devices") }
        }

        try FileManager.default.createDirectory(atPath: scratch.path + "/input", withIntermediateDirectories: true)
        let kiosk = scratch.path + "/kiosk.yaml"
        try (testConfiguration(journal: scratch.path + "/kiosk.db", socket: scratch.path + "/lobbyd.sock") + """

        devices:
          kiosk:
            display: {backend: none, width: 1080, height: 1920}
            touchscreen: {directory: \(scratch.path)/input}
        """).write(toFile: kiosk, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", kiosk], scratch: scratch)
        defer { d.stop() }
        let mapped = try Self.mappedLibraries(d.process.processIdentifier)
        for library in ["libcairo", "libpango", "libevdev"] { #expect(Self.loaded(library, in: mapped), "a kiosk draws and reads touches: \(library)") }
        for library in ["libcups", "libusb"] { #expect(!Self.loaded(library, in: mapped), "no printer, no card reader: \(library) stays unloaded") }
        // The forwarded functions work: the kiosk's screen is drawn and encoded as PNG through them.
        let png = try d.client(token: KioskDaemonTests.tech).send("GET", "/api/v1/kiosk/screen.png")
        #expect(png.status == 200 && Array(png.body.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
