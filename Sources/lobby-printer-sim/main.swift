// lobby-printer-sim: a simulated ESC/POS ticket printer for tests and demos.
//
// lobby-printer-sim --out DIR [--tcp PORT] [--pty] [--control SOCKET] [--job-gap-ms 300]
//                   [--max-seconds N] [--initial COMMAND]...
// Prints `tcp-port N`, `pty PATH`, `control PATH`, then `ready`; one line per received job.
// Control commands: see SimulatorControl.swift and Docs/Printing-CUPS.md.
@preconcurrency import Glibc
import LobbyPrinterDevice

nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

func usage(_ problem: String) -> Never {
    fputs("lobby-printer-sim: \(problem)\nusage: lobby-printer-sim --out DIR [--tcp PORT] [--pty] [--control SOCKET] [--job-gap-ms MS] [--max-seconds N] [--initial COMMAND]...\n", stderr)
    exit(2)
}

var outputFolder: String?
var tcpPort: UInt16?
var wantsPseudoTerminal = false
var controlPath: String?
var jobGapMilliseconds = 300
var maxSeconds = 0
var initialCommands: [String] = []
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
    for command in initialCommands {
        if let problem = simulator.control.apply(command) { usage("--initial '\(command)': \(problem)") }
    }
    if let tcp { emit("tcp-port \(tcp.port)") }
    if let pty { emit("pty \(pty.slavePath)") }
    if let control { emit("control \(control.address)") }
    emit("ready condition=\(simulator.control.condition.name)")
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
