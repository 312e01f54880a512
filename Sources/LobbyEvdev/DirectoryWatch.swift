import CEvdev
import Glibc

/// inotify on a device directory (`/dev/input`, `/dev`, `/dev/lobby`): node creation, removal
/// and permission changes wake a monitor at once instead of at its next rescan. No udev needed
/// (devtmpfs creates the nodes).
public final class DirectoryWatch {
    /// The inotify descriptor to poll.
    public let fileDescriptor: Int32

    /// Watches `directory`; nil when it does not exist or inotify is unavailable (the monitor
    /// then rescans on its interval).
    public init?(directory: String) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE_SELF | IN_MOVE_SELF)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            close(fd)
            return nil
        }
        fileDescriptor = fd
    }

    deinit { close(fileDescriptor) }

    /// The directory part of a path (`/dev/lobby/mrz-reader` → `/dev/lobby`).
    public static func parent(of path: String) -> String {
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return parent.isEmpty ? "/" : parent
    }

    /// Reads all pending notifications; returns false when the directory itself went away
    /// (the watch must be set up again).
    public func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var directoryGone = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (mask, length) = buffer.withUnsafeBytes { bytes in
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.mask, Int(event.len))
                }
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 { directoryGone = true }
                offset += MemoryLayout<inotify_event>.size + length
            }
        }
        return !directoryGone
    }
}
