import Glibc
import LobbySystem

/// A failure of the evdev edge, naming the node and the system error.
public enum EvdevError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `open(2)` of the node failed.
    case openFailed(path: String, errno: Int32)
    /// The node opened but is not an evdev device (libevdev refused it).
    case notAnInputDevice(path: String, errno: Int32)
    /// `EVIOCGRAB` failed (`EBUSY`: another process holds the device).
    case grabFailed(path: String, errno: Int32)
    /// Reading events failed for a reason other than an unplug.
    case readFailed(path: String, errno: Int32)
    /// Creating or writing a uinput device failed.
    case uinputFailed(operation: String, errno: Int32)
    /// A system call of the monitor itself failed (`eventfd`, `poll`).
    case systemCallFailed(call: String, errno: Int32)

    /// The system error number.
    public var errno: Int32 {
        switch self {
        case .openFailed(_, let value), .notAnInputDevice(_, let value), .grabFailed(_, let value),
             .readFailed(_, let value), .uinputFailed(_, let value), .systemCallFailed(_, let value):
            value
        }
    }

    /// Whether the error only means the device is not there (any more).
    public var meansAbsent: Bool { [ENOENT, ENODEV, ENXIO].contains(errno) }

    /// Whether the error is a permission problem (the daemon lacks the device's group).
    public var isPermissionProblem: Bool { errno == EACCES || errno == EPERM }

    /// What failed, where, and the system's message.
    public var description: String {
        switch self {
        case .openFailed(let path, let value): "cannot open \(path): \(Self.message(value))"
        case .notAnInputDevice(let path, let value): "\(path) is not an evdev input device: \(Self.message(value))"
        case .grabFailed(let path, let value):
            value == EBUSY ? "cannot grab \(path): another process holds it exclusively"
                : "cannot grab \(path): \(Self.message(value))"
        case .readFailed(let path, let value): "reading \(path) failed: \(Self.message(value))"
        case .uinputFailed(let operation, let value): "uinput \(operation) failed: \(Self.message(value))"
        case .systemCallFailed(let call, let value): "\(call) failed: \(Self.message(value))"
        }
    }

    /// `strerror` text with the symbolic number.
    static func message(_ value: Int32) -> String {
        SystemError.message(value) + " (errno \(value))"
    }
}
