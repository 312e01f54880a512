// lobby-printer-sim: a simulated ESC/POS ticket printer for tests and demos.
//
// lobby-printer-sim --out DIR [--tcp PORT] [--pty] [--control SOCKET] [--job-gap-ms 300]
//                   [--print-speed MM | --throughput BYTES] [--width-dots 576] [--dpi 203]
//                   [--baud N] [--buffer BYTES] [--max-seconds N] [--initial COMMAND]...
// Prints `tcp-port N`, `pty PATH`, `control PATH`, then `ready`; one line per received job.
// Control commands: see SimulatorControl.swift and Docs/Printing-CUPS.md.
@preconcurrency import Glibc
import LobbyPrinterDevice

nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

func usage(_ problem: String) -> Never {
    fputs("lobby-printer-sim: \(problem)\nusage: lobby-printer-sim --out DIR [--tcp PORT] [--pty] [--control SOCKET] [--job-gap-ms MS] "
          + "[--print-speed MM | --throughput BYTES] [--width-dots DOTS] [--dpi DPI] [--baud N] [--buffer BYTES] [--max-seconds N] [--initial COMMAND]...\n", stderr)
    exit(2)
}

var outputFolder: String?
var tcpPort: UInt16?
var wantsPseudoTerminal = false
var controlPath: String?
var jobGapMilliseconds = 300
var maxSeconds = 0
var initialCommands: [String] = []
var settings = SimulatorControl()
var printSpeed: Int?
var remaining = CommandLine.arguments.dropFirst()
while let argument = remaining.popFirst() {
    func value() -> String {
        guard let next = remaining.popFirst() else { usage("\(argument) needs a value") }
        return next
    }
    switch argument {
    case "--out": outputFolder = value()
    case "--tcp":
        guard let port = UInt16(value()) else { usage("--tcp needs a port number (0 picks one)") }
        tcpPort = port
    case "--pty": wantsPseudoTerminal = true
    case "--control": controlPath = value()
    case "--job-gap-ms":
        guard let gap = Int(value()), gap > 0 else { usage("--job-gap-ms needs a positive number") }
        jobGapMilliseconds = gap
    case "--max-seconds":
        guard let seconds = Int(value()), seconds >= 0 else { usage("--max-seconds needs a number") }
        maxSeconds = seconds
    case "--initial": initialCommands.append(value())
    case "--print-speed":
        guard let speed = Int(value()), speed > 0 else { usage("--print-speed needs mm/s above 0") }
        printSpeed = speed
    case "--throughput":
        guard let rate = Int(value()), rate >= 0 else { usage("--throughput needs bytes per second (0: unlimited)") }
        settings.bytesPerSecond = Double(rate)
    case "--width-dots":
        guard let dots = Int(value()), [384, 512, 576].contains(dots) else { usage("--width-dots must be 384, 512 or 576") }
        settings.widthDots = dots
    case "--dpi":
        guard let dpi = Int(value()), [180, 203, 300].contains(dpi) else { usage("--dpi must be 180, 203 or 300") }
        settings.dotsPerInch = dpi
    case "--baud":
        guard let baud = Int(value()), baud >= 0 else { usage("--baud needs a number (0: unlimited)") }
        settings.wireBytesPerSecond = Double(baud) / 10
    case "--buffer":
        guard let size = Int(value()), size > 0 else { usage("--buffer needs a size in bytes") }
        settings.bufferBytes = size
    default: usage("unknown argument '\(argument)'")
    }
}
guard let outputFolder else { usage("--out DIR is required") }
guard tcpPort != nil || wantsPseudoTerminal else { usage("give --tcp PORT and/or --pty") }
mkdir(outputFolder, 0o755)

// A parent may have blocked signals (test runners do); SIGTERM must stop the simulator.
var unblocked = sigset_t()
sigemptyset(&unblocked)
pthread_sigmask(SIG_SETMASK, &unblocked, nil)
signal(SIGPIPE, SIG_IGN)
signal(SIGTERM) { _ in stopRequested = 1 }
signal(SIGINT) { _ in stopRequested = 1 }

do {
    let tcp = try tcpPort.map { port throws(DeviceError) in try SocketListener.tcpLoopback(port: port) }
    let pty = wantsPseudoTerminal ? try PseudoTerminal.open() : nil
    let control = try controlPath.map { path throws(DeviceError) in try SocketListener.unixDomain(path: path) }
    let simulator = PrinterSimulator(tcp: tcp, pty: pty, control: control, outputFolder: outputFolder, jobGap: .milliseconds(jobGapMilliseconds))
    if let printSpeed { settings.bytesPerSecond = settings.rasterBytesPerSecond(millimetresPerSecond: Double(printSpeed)) }
    simulator.control = settings
    for command in initialCommands {
        if let problem = simulator.control.apply(command) { usage("--initial '\(command)': \(problem)") }
    }
    if let tcp { emit("tcp-port \(tcp.port)") }
    if let pty { emit("pty \(pty.slavePath)") }
    if let control { emit("control \(control.address)") }
    let pace = simulator.control
    emit("ready condition=\(pace.conditionName) rate=\(Int(pace.bytesPerSecond)) wire=\(Int(pace.wireBytesPerSecond)) buffer=\(pace.bufferBytes)")
    let started = ContinuousClock.now
    simulator.run {
        stopRequested != 0 || (maxSeconds > 0 && started.duration(to: .now) > .seconds(maxSeconds))
    }
    if let controlPath { unlink(controlPath) }
    emit("stopped")
} catch {
    fputs("lobby-printer-sim: \(error)\n", stderr)
    exit(1)
}
