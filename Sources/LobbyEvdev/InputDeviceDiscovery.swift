import CEvdev
import Glibc
import LobbySystem
import LobbyTouch

/// Finds the evdev nodes in a directory and reads what each one is (I/O).
public enum InputDeviceDiscovery {
    /// The `event*` nodes of `directory`, by event number (empty when the directory is missing).
    public static func nodes(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var found: [(number: Int, path: String)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard let number = InputDeviceEntry.eventNumber(ofPath: name) else { continue }
            found.append((number, directory.hasSuffix("/") ? directory + name : directory + "/" + name))
        }
        return found.sorted { $0.number < $1.number }.map(\.path)
    }

    /// Opens one node briefly and describes it; `probeGrab` also checks whether another process
    /// holds it (taking the grab for an instant).
    public static func entry(for path: String, udevDataDirectory: String, probeGrab: Bool = false) -> InputDeviceEntry {
        let record = udevRecord(for: path, udevDataDirectory: udevDataDirectory)
        do {
            let device = try EvdevDevice(path: path)
            return InputDeviceEntry(path: path, description: device.description,
                                    grab: probeGrab ? device.probeGrab() : .unknown, udev: record)
        } catch {
            return InputDeviceEntry(path: path, failure: error, udev: record)
        }
    }

    /// Every node of `directory`, described.
    public static func scan(directory: String, udevDataDirectory: String, probeGrab: Bool = false) -> [InputDeviceEntry] {
        nodes(in: directory).map { entry(for: $0, udevDataDirectory: udevDataDirectory, probeGrab: probeGrab) }
    }

    /// The udev database record of a character device node, if udev keeps one (nil when the
    /// node or the file is missing, or the file cannot be parsed).
    public static func udevRecord(for path: String, udevDataDirectory: String) -> UdevDeviceRecord? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFCHR else { return nil }
        let name = UdevDeviceRecord.fileName(major: lobby_device_major(info.st_rdev), minor: lobby_device_minor(info.st_rdev))
        return udevRecord(file: udevDataDirectory + "/" + name)
    }

    /// The udev record stored in `file`, if it exists and parses.
    public static func udevRecord(file: String) -> UdevDeviceRecord? {
        guard let text = readSmallFile(file) else { return nil }
        return try? UdevDeviceRecord(parsing: text)
    }

    /// A whole small text file, or nil when it cannot be read (at most 1 MiB).
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 20 {
            let count = Interrupted.retry { buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
