import Foundation
import LobbyFramebuffer

/// Opens a display node as user and group `nobody` (65534) and prints which error that gives.
enum PermissionCheck {
    static func run(path: String) -> Int32 {
        guard setgroups(0, nil) == 0, setgid(65534) == 0, setuid(65534) == 0 else {
            probe("PERMISSION cannot drop privileges (errno \(errno))")
            return 1
        }
        do {
            let display = try DRMDisplay(path: path)
            display.close()
            probe("PERMISSION opened \(path) as nobody")
            return 1
        } catch {
            if case .permissionDenied = error { probe("PERMISSION denied \(error)") } else { probe("PERMISSION other \(error)") }
            return 0
        }
    }
}
