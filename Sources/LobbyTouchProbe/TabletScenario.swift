import LobbyProbeSupport
import LobbyEvdev
import LobbyTouch

/// The usb-tablet scenario: the host drives QEMU's usb-tablet over QMP (taps, unplug,
/// replug); the probe reports what the monitor sees. The host checks the coordinates.
enum TabletScenario {
    static func run(taps: Int, timeout: Double) async -> Int32 {
        let reader = Task { () -> Bool in
            var received = 0
            // This scenario checks the kernel path, the coordinates and hotplug; gesture timing is
            // tested elsewhere. Under TCG on a loaded host the guest may see a 150 ms press take
            // far longer, so the tap and long-press limits are stretched here.
            let gestures = GestureConfiguration(tapMaximumDuration: Milliseconds(15_000), longPressDuration: Milliseconds(15_000))
            for await update in TouchscreenMonitor(configuration: TouchscreenConfiguration(gestures: gestures)).updates() {
                switch update {
                case .opened(let device):
                    ProbeOutput.say("OPENED \(device.path) \(device.device.identity.vendorProduct) \(device.touchProtocol.name)")
                case .health(let health):
                    ProbeOutput.say("HEALTH \(health)")
                    if case .present = health { ProbeOutput.say("READY") }
                case .gesture(.tap(let tap)):
                    ProbeOutput.say("TAP " + ProbeOutput.point(tap.x, tap.y))
                    received += 1
                    if received == taps { return true }
                case .gesture(.longPress(let tap)):
                    ProbeOutput.say("LONG-PRESS " + ProbeOutput.point(tap.x, tap.y))
                case .gesture(.rejected(let rejected)):
                    ProbeOutput.say("REJECTED \(TouchWatch.reasonName(rejected.reason)) "
                                    + ProbeOutput.point(rejected.position.x, rejected.position.y))
                case .gesture(.contact):
                    break
                }
            }
            return false
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(timeout))
            reader.cancel()
        }
        let done = await reader.value
        timer.cancel()
        ProbeOutput.say(done ? "DONE" : "TIMEOUT")
        return done ? 0 : 1
    }
}
