// The program the display lab runs inside the QEMU guest (and `Tests/Lab/display-bench.sh`).
//
//   lobby-display-probe suite [CARD]                 DRM + fbdev patterns, damage, restore, errors, unplug
//   lobby-display-probe bench [CARD] [--frames N]    timings of full and partial presents
//   lobby-display-probe permission PATH              open PATH as user nobody (prints the error)
//   lobby-display-probe calibrate-driver WIZARD [--bad-tap I] [--near-tap I] [--handshake] [WIZARD-ARGS…]
//                                                    a skewed uinput screen driving the calibration wizard
//
// Marker lines start with `LOBBY-PROBE `; the host waits for `SHOW …` lines, takes a QMP
// screendump, then clicks the usb-tablet to let the probe go on.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    FileHandle.standardError.write(Data("usage: lobby-display-probe suite|bench|permission|calibrate-driver …\n".utf8))
    exit(64)
}
let rest = Array(arguments.dropFirst())
switch command {
case "suite":
    var suite = DisplaySuite(card: rest.first ?? "/dev/dri/card0")
    exit(suite.run())
case "bench":
    exit(DisplayBenchmark(arguments: rest).run())
case "permission":
    exit(PermissionCheck.run(path: rest.first ?? "/dev/dri/card0"))
case "calibrate-driver":
    var driver = CalibrationDriver(arguments: rest)
    exit(driver.run())
default:
    FileHandle.standardError.write(Data("lobby-display-probe: unknown command \(command)\n".utf8))
    exit(64)
}
