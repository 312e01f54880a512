import Foundation
import LobbyEvdev
import LobbyTouch

/// Prints one marker line (`LOBBY-PROBE …`) at once.
func probe(_ text: String) {
    FileHandle.standardOutput.write(Data("LOBBY-PROBE \(text)\n".utf8))
}

/// Waits for the host's go-ahead: a left click on QEMU's usb-tablet (sent over QMP).
struct HostSignal {
    private let tablet: EvdevDevice?

    init() {
        tablet = InputDeviceDiscovery.nodes(in: "/dev/input").lazy.compactMap { try? EvdevDevice(path: $0) }
            .first { $0.description.name.contains("Tablet") }
    }

    var isAvailable: Bool { tablet != nil }

    /// Blocks until a button press (true) or `timeout` seconds pass (false).
    func wait(timeout: Double = 60) -> Bool {
        guard let tablet else { return false }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            var descriptor = pollfd(fd: tablet.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 200) > 0 else { continue }
            var pressed = false
            _ = tablet.readAvailable { reading in
                if case .event(let event) = reading, event.type == .key, event.code == KeyCode.buttonLeft.rawValue, event.value == 1 {
                    pressed = true
                }
            }
            if pressed { return true }
        }
        return false
    }
}
