import Foundation
import Glibc
import LobbyEvdev
import LobbyTouch
import LobbyTestSupport
import Testing

/// The evdev edge on a machine without input devices (this host, CI): discovery and the
/// monitor must report absence and errors, never crash, and stop when asked.
@Suite(.tags(.host))
struct HostMonitorTests {
    static func temporaryDirectory() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lobby-evdev-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func discoveryListsEventNodesInNumericOrder() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["event10", "event2", "mouse0", "event0", "js0", "eventx"] {
            _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data())
        }
        #expect(InputDeviceDiscovery.nodes(in: directory.path) == ["event0", "event2", "event10"].map { directory.appendingPathComponent($0).path })
        #expect(InputDeviceDiscovery.nodes(in: directory.appendingPathComponent("missing").path).isEmpty)
    }

    @Test func aRegularFileIsNotAnInputDevice() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("event0").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0, count: 64))
        let entry = InputDeviceDiscovery.entry(for: path, udevDataDirectory: directory.path)
        #expect(entry.description == nil)
        #expect(entry.failure == .notAnInputDevice(path: path, errno: ENOTTY))
        #expect(entry.failure?.meansAbsent == false)
        let missing = InputDeviceDiscovery.entry(for: path + "9", udevDataDirectory: directory.path)
        #expect(missing.failure == .openFailed(path: path + "9", errno: ENOENT))
        #expect(missing.failure?.meansAbsent == true)
    }

    @Test func udevRecordsAreOnlyReadForCharacterDevices() throws {
        // /dev/null is c1:3; a database directory holding c1:3 stands in for /run/udev/data.
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "E:LIBINPUT_CALIBRATION_MATRIX=0 1 0 -1 0 1\n".write(toFile: directory.appendingPathComponent("c1:3").path,
                                                              atomically: true, encoding: .utf8)
        let record = InputDeviceDiscovery.udevRecord(for: "/dev/null", udevDataDirectory: directory.path)
        #expect(record?.calibrationMatrixText == "0 1 0 -1 0 1")
        #expect(InputDeviceDiscovery.udevRecord(for: directory.path, udevDataDirectory: directory.path) == nil)
    }

    @Test func monitorReportsAbsentThenAnErrorWhenAConfiguredNodeAppears() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("touchscreen").path
        // A long rescan interval: only the inotify watch can notice the node in time.
        let configuration = TouchscreenConfiguration(devicePath: path, udevDataDirectory: directory.path,
                                                     rescanInterval: Milliseconds(60_000))
        let stream = TouchscreenMonitor(configuration: configuration).updates()
        var iterator = stream.makeAsyncIterator()
        #expect(await iterator.next() == .health(.absent))
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0, count: 16))
        let started = Date()
        let update = await iterator.next()
        #expect(update == .health(.error(reason: EvdevError.notAnInputDevice(path: path, errno: ENOTTY).description)))
        #expect(Date().timeIntervalSince(started) < 5, "hotplug noticed after \(Date().timeIntervalSince(started)) s")
    }

    @Test func monitorOfAMissingDirectoryIsAbsentAndStopsWhenTheConsumerStops() async throws {
        let configuration = TouchscreenConfiguration(directory: "/nonexistent/input", udevDataDirectory: "/nonexistent/udev",
                                                     rescanInterval: Milliseconds(50))
        let box = UpdateBox()
        let consumer = Task { () -> [TouchscreenUpdate] in
            var seen: [TouchscreenUpdate] = []
            for await update in TouchscreenMonitor(configuration: configuration).updates() {
                seen.append(update)
                box.add()
            }
            return seen
        }
        // Wait for the first report (a loaded machine may start the monitor late), then let it
        // rescan a few times before stopping it.
        let deadline = Date().addingTimeInterval(20)
        while box.count == 0, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(300))
        consumer.cancel()
        let started = Date()
        let seen = await consumer.value
        #expect(seen == [.health(.absent)], "rescans must not repeat an unchanged health")
        #expect(Date().timeIntervalSince(started) < 2)
    }
}

/// Counts updates seen by another task.
final class UpdateBox: @unchecked Sendable {
    private let lock = NSLock()
    private var seen = 0
    func add() { lock.lock(); seen += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return seen }
}
