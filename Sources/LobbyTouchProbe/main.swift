@preconcurrency import Glibc
import LobbyProbeSupport
import LobbyEvdev
import LobbyTouch

// lobby-touch-probe: drives the evdev edge against a real kernel (inside the QEMU lab guest).
//
//   lobby-touch-probe uinput              virtual multitouch screen: taps, second finger, long
//                                         press, swipe, unplug/replug with udev calibration,
//                                         SYN_DROPPED; prints PASS/FAIL lines and a SUMMARY
//   lobby-touch-probe pen-panel           eGalax-shaped panel (BTN_TOOL_PEN + BTN_TOUCH) and its silent
//                                         sibling, an unlisted controller, a pen tablet: classification,
//                                         selection and taps; PASS/FAIL lines and a SUMMARY
//   lobby-touch-probe tablet --taps N     reads whatever touchscreen appears (QEMU's usb-tablet),
//                                         prints READY/HEALTH/TAP lines until N taps
//   lobby-touch-probe bench [TAPS]        event → gesture cost through TouchPipeline (not a test)
//   lobby-touch-probe hold [SECONDS]      creates the virtual screen and keeps it (udevadm test)
//   lobby-touch-probe list [--json] [--check-grab] [DIR]      what `lobbyctl touch list` prints
//   lobby-touch-probe watch [--json] [DIR]                     what `lobbyctl touch watch` prints

let usage = """
    usage: lobby-touch-probe uinput
           lobby-touch-probe pen-panel
           lobby-touch-probe tablet --taps N [--timeout SECONDS]
           lobby-touch-probe hold [SECONDS]
           lobby-touch-probe bench [TAPS]
           lobby-touch-probe list [--json] [--check-grab] [DIRECTORY]
           lobby-touch-probe watch [--json] [DIRECTORY]
    """

var arguments = ProbeArguments(words: Array(CommandLine.arguments.dropFirst()))
guard let command = arguments.words.first else {
    print(usage)
    exit(64)
}
arguments.words.removeFirst()

switch command {
case "uinput":
    exit(await UinputScenario.run())
case "pen-panel":
    exit(await PenPanelScenario.run())
case "tablet":
    guard let taps = arguments.value("--taps").flatMap(Int.init), taps > 0 else {
        print(usage)
        exit(64)
    }
    let timeout = arguments.value("--timeout").flatMap(Double.init) ?? 60
    exit(await TabletScenario.run(taps: taps, timeout: timeout))
case "hold":
    // Creates the virtual screen, prints its node and keeps it for SECONDS (for udevadm test).
    let seconds = arguments.words.first.flatMap(Double.init) ?? 30
    do {
        let screen = try UinputScenario.makeScreen()
        ProbeOutput.say("HOLD \(screen.devicePath)")
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1_000)))
        withExtendedLifetime(screen) {}
    } catch {
        ProbeOutput.say("FAIL hold: \(error)")
        exit(1)
    }
case "bench":
    exit(PipelineBenchmark.run(taps: arguments.words.first.flatMap(Int.init) ?? 20_000))
case "list":
    let json = arguments.flag("--json")
    let checkGrab = arguments.flag("--check-grab")
    let directory = arguments.words.first ?? "/dev/input"
    let entries = InputDeviceDiscovery.scan(directory: directory, udevDataDirectory: "/run/udev/data", probeGrab: checkGrab)
    print(json ? TouchList.jsonLines(entries) : TouchList.text(entries, directory: directory), terminator: "")
case "watch":
    let json = arguments.flag("--json")
    let configuration = TouchscreenConfiguration(
        directory: arguments.words.first ?? "/dev/input",
        gestures: GestureConfiguration(reportsContactUpdates: true)
    )
    var formatter = TouchWatch(format: json ? .json : .text)
    for await update in TouchscreenMonitor(configuration: configuration).updates() {
        print(formatter.line(for: update))
        fflush(stdout)
    }
default:
    print(usage)
    exit(64)
}
