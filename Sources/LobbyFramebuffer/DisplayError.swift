import Glibc

/// Why the display cannot be opened or a frame not shown; says which device and what to do.
public enum DisplayError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No DRM card and no framebuffer device exists (or the configured one does not).
    case noDevice(searched: [String])
    /// The node exists but this user may not open it (not in the `video` group).
    case permissionDenied(path: String)
    /// The card has no connected connector (nothing plugged in), with what it has.
    case noConnectedConnector(path: String, connectors: [String])
    /// The configured connector is not on the card.
    case connectorNotFound(path: String, name: String, connectors: [String])
    /// The configured mode is not offered by the connector.
    case modeNotFound(path: String, connector: String, requested: String, available: [String])
    /// No CRTC can drive the connector.
    case noCRTC(path: String, connector: String)
    /// The node is not a KMS card / framebuffer device (e.g. a render node, or no mode setting).
    case notADisplay(path: String, reason: String)
    /// Another process (a compositor, a second kiosk) is DRM master: modes cannot be set.
    case busy(path: String)
    /// The device's pixel format cannot be written.
    case unsupportedFormat(path: String, format: String)
    /// The device went away (unplugged, driver unbound); the output is unusable now.
    case deviceGone(path: String)
    /// A frame did not match the output's size.
    case frameSizeMismatch(expected: DisplaySize, got: DisplaySize)
    /// The output was closed.
    case closed
    /// A system call failed.
    case systemCall(path: String, call: String, errno: Int32)

    /// What is wrong, where, and what to check.
    public var description: String {
        switch self {
        case .noDevice(let searched):
            "no display device: none of \(searched.joined(separator: ", ")) exists (is a DRM driver loaded?)"
        case .permissionDenied(let path):
            "permission denied opening \(path): the kiosk user must be in the 'video' group (usermod -aG video USER)"
        case .noConnectedConnector(let path, let connectors):
            "\(path): no connected connector (\(connectors.isEmpty ? "the card has none" : connectors.joined(separator: ", "))); is the panel plugged in and on?"
        case .connectorNotFound(let path, let name, let connectors):
            "\(path): no connector named \(name); the card has \(connectors.joined(separator: ", "))"
        case .modeNotFound(let path, let connector, let requested, let available):
            "\(path) \(connector): mode \(requested) not offered; available: \(available.joined(separator: ", "))"
        case .noCRTC(let path, let connector):
            "\(path): no CRTC can drive \(connector) (all in use?)"
        case .notADisplay(let path, let reason):
            "\(path) is not a usable display: \(reason)"
        case .busy(let path):
            "\(path): another process (a compositor or display manager) controls the display; stop it or give the kiosk its own seat"
        case .unsupportedFormat(let path, let format):
            "\(path): unsupported pixel format \(format) (supported: XRGB8888, XBGR8888, RGB565)"
        case .deviceGone(let path):
            "\(path): the display device went away"
        case .frameSizeMismatch(let expected, let got):
            "frame is \(got), the display expects \(expected)"
        case .closed:
            "the display output is closed"
        case .systemCall(let path, let call, let value):
            "\(path): \(call) failed: \(String(cString: strerror(value))) (errno \(value))"
        }
    }

    /// The error for a failed call: permission, disappearance, or the call itself.
    static func from(errno value: Int32, path: String, call: String) -> DisplayError {
        switch value {
        case EACCES where call == "open": .permissionDenied(path: path)
        case ENOENT where call == "open": .noDevice(searched: [path])
        case ENODEV, ENXIO: .deviceGone(path: path)
        default: .systemCall(path: path, call: call, errno: value)
        }
    }
}
