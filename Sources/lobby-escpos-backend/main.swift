// lobby-escpos: a CUPS backend for ESC/POS ticket printers (TCP, serial or USB) that reads the
// printer's real-time status before and after each job and reports paper out, paper low, cover
// open and offline to cupsd as printer-state-reasons. See Docs/Printing-CUPS.md and
// Docs/Printing-USB.md.
@preconcurrency import Glibc
import LobbyEscPos
import LobbyPrinterDevice
import LobbyPrinting
import LobbyUSBPrinter

/// The open printer channel, closed before every exit (a USB printer gets its kernel driver back).
nonisolated(unsafe) var activeChannel: (any PrinterChannel)?

/// Writes one line for cupsd (stderr is read line by line by the scheduler).
func report(_ line: String) {
    fputs(line + "\n", stderr)
    fflush(stderr)
}

func closeChannel() {
    guard let channel = activeChannel else { return }
    activeChannel = nil
    channel.close()
    if let usb = channel as? USBPrinterChannel {
        for note in usb.takeNotes() { report("DEBUG: \(note)") }
    }
}

func finish(_ code: BackendExitCode, delay: Duration = .zero) -> Never {
    closeChannel()
    if code == .retryLater, delay > .zero {
        report("INFO: Retrying in \(delay)")
        let components = delay.components
        var pause = timespec(tv_sec: Int(components.seconds), tv_nsec: Int(components.attoseconds / 1_000_000_000))
        var remaining = timespec()
        // A cancel (SIGTERM) ends the pause.
        while nanosleep(&pause, &remaining) != 0, errno == EINTR, cancelRequested == 0 { pause = remaining }
    }
    report("DEBUG: lobby-escpos exits with \(code)")
    exit(code.rawValue)
}

func apply(_ verdict: BackendVerdict, delay: Duration) {
    for line in verdict.lines { report(line) }
    if let code = verdict.exitCode { finish(code, delay: delay) }
}

/// The bytes of every `*.json` file of a folder (sorted), or of one file.
func dataFiles(at path: String) -> [(fileName: String, bytes: [UInt8])] {
    var names: [String] = []
    if let directory = opendir(path) {
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json") { names.append(path + "/" + name) }
        }
        closedir(directory)
    } else if access(path, R_OK) == 0 {
        names = [path]
    }
    return names.sorted().compactMap { file in
        guard let handle = fopen(file, "rb") else { return nil }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return (String(file.split(separator: "/").last ?? ""), bytes)
    }
}

/// Known USB ESC/POS printers: `$LOBBY_USB_PRINTER_IDS` (a file or folder) if set, else the
/// shipped folder and the local one (local entries win). A broken file is reported and skipped.
func knownUSBPrinters() -> KnownUSBPrinterCatalog {
    let folders = getenv("LOBBY_USB_PRINTER_IDS").map { [String(cString: $0)] }
        ?? ["/usr/share/lobby/printer-profiles/usb", "/etc/lobby/printer-profiles/usb"]
    var catalog = KnownUSBPrinterCatalog()
    for folder in folders {
        do {
            catalog = catalog.merging(try KnownUSBPrinterCatalog(files: dataFiles(at: folder)))
        } catch {
            report("ERROR: Known USB printer list \(folder): \(error)")
        }
    }
    return catalog
}

/// Device discovery (`lpinfo -v`): the generic network entry, every USB/ACM serial port and
/// every USB ESC/POS printer.
func discover() {
    print("network \(BackendDeviceURI.scheme) \"Unknown\" \"Lobby ESC/POS printer (TCP, DLE EOT status)\"")
    if let directory = opendir("/dev") {
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("ttyUSB") || name.hasPrefix("ttyACM") { names.append(name) }
        }
        closedir(directory)
        for name in names.sorted() {
            print("serial \(BackendDeviceURI.scheme):/dev/\(name)?baud=19200 \"Unknown\" \"ESC/POS printer on /dev/\(name) (serial)\"")
        }
    }
    let known = knownUSBPrinters()
    do {
        for printer in USBPrinterDiscovery.printers(in: try USBPrinterScanner.candidates(known: known), known: known) {
            print(printer.cupsLine)
        }
    } catch {
        report("DEBUG: USB discovery unavailable: \(error)")
    }
    fflush(stdout)
}

func readJob(arguments: [String]) -> [UInt8] {
    let descriptor: Int32 = arguments.count == 7 ? open(arguments[6], O_RDONLY | O_CLOEXEC) : 0
    guard descriptor >= 0 else {
        report("ERROR: Cannot open the job file \(arguments[6]): \(String(cString: strerror(errno)))")
        finish(.failed)
    }
    var job: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        if count < 0, errno == EINTR { continue }
        if count < 0 {
            report("ERROR: Cannot read the job: \(String(cString: strerror(errno)))")
            finish(.failed)
        }
        if count == 0 { break }
        job += buffer[0..<count]
    }
    if descriptor != 0 { close(descriptor) }
    return job
}

/// Opens the channel the URI names.
func openChannel(_ uri: BackendDeviceURI) throws(DeviceError) -> any PrinterChannel {
    switch uri.transport {
    case let .usb(address):
        let channel = try USBPrinterChannel(address: address)
        for note in channel.takeNotes() { report("DEBUG: \(note)") }
        return channel
    case .tcp, .serial:
        return try PrinterConnector.open(uri.transport, timeout: uri.connectTimeout)
    }
}

// cupsd cancels a job with SIGTERM. The backend then completes the command it is sending,
// resets the printer and ends (Decision 0022): the signal only sets a flag.
nonisolated(unsafe) var cancelRequested: sig_atomic_t = 0
var unblocked = sigset_t()
sigemptyset(&unblocked)
pthread_sigmask(SIG_SETMASK, &unblocked, nil)
var onTerm = sigaction()
onTerm.__sigaction_handler.sa_handler = { _ in cancelRequested = 1 }
sigemptyset(&onTerm.sa_mask)
onTerm.sa_flags = 0
sigaction(SIGTERM, &onTerm, nil)
signal(SIGPIPE, SIG_IGN)
let arguments = CommandLine.arguments
if arguments.count == 1 {
    discover()
    exit(0)
}
guard arguments.count == 6 || arguments.count == 7 else {
    report("Usage: \(BackendDeviceURI.scheme) job-id user title copies options [file]")
    exit(BackendExitCode.failed.rawValue)
}

let uriText = getenv("DEVICE_URI").map { String(cString: $0) } ?? arguments[0]
let uri: BackendDeviceURI
do {
    uri = try BackendDeviceURI(parsing: uriText)
} catch {
    report("ERROR: \(error)")
    finish(.stop)
}

var job = readJob(arguments: arguments)
if arguments.count == 7, let copies = Int(arguments[4]), copies > 1 {
    job = Array([[UInt8]](repeating: job, count: min(copies, 100)).joined())
}
let isProbe = BackendStatusPolicy.isStatusProbe(job)
report("DEBUG: lobby-escpos job \(arguments[1]): \(job.count) bytes\(isProbe ? " (status probe)" : "")")

report("INFO: Connecting to printer")
let channel: any PrinterChannel
do {
    channel = try openChannel(uri)
} catch {
    if !error.isTransient {
        apply(BackendStatusPolicy.verdict(forUnusableDevice: error.description), delay: .zero)
    }
    apply(BackendStatusPolicy.verdict(for: .noReply(error.description), phase: .beforeSending), delay: uri.retryDelay)
    finish(.retryLater, delay: uri.retryDelay)
}
activeChannel = channel
let pollsStatus = uri.pollsStatus && channel.canReadStatus
if uri.pollsStatus, !pollsStatus {
    report("INFO: \(channel.device) has no way to send status back; printing without status checks")
}
let poller = StatusPoller(channel: channel, replyTimeout: uri.statusTimeout, shouldStop: { cancelRequested != 0 })

if pollsStatus {
    apply(BackendStatusPolicy.verdict(for: poller.poll(), phase: .beforeSending), delay: uri.retryDelay)
}
if isProbe || cancelRequested != 0 {
    finish(.ok)
}

let plan = BackendSendPlan(job: job, pace: uri.pace, statusTimeout: uri.statusTimeout)
report("INFO: Sending ticket (\(job.count) bytes)")
report("DEBUG: \(plan.pieces.count) piece(s); \(plan.estimate) at \(uri.pace); end confirmed within \(plan.drainLimit)")
var lastStateLines: [String] = []
let sender = JobSender(
    channel: channel, poller: pollsStatus ? poller : nil, writeTimeout: uri.writeTimeout, shouldStop: { cancelRequested != 0 },
    progress: { report("ATTR: job-media-progress=\($0)") },
    observe: { reading, phase in
        // Between pieces only changes are reported (each poll would repeat the same STATE line).
        let lines = BackendStatusPolicy.verdict(for: reading, phase: phase).lines.filter { $0.hasPrefix("STATE:") }
        if lines != lastStateLines { for line in lines { report(line) } }
        lastStateLines = lines
    })

switch sender.send(job, plan: plan, confirmEnd: pollsStatus && uri.confirmsEnd) {
case let .sent(final, end):
    if let end, end.isPaperOut {
        var paperOut = PrinterCondition()
        paperOut.isPaperEnd = true
        apply(BackendStatusPolicy.verdict(for: .condition(paperOut), phase: .afterSending), delay: uri.retryDelay)
    }
    if let final {
        let verdict = BackendStatusPolicy.verdict(for: final, phase: .afterSending)
        if verdict.exitCode == nil { report("PAGE: 1 1") }
        apply(verdict, delay: uri.retryDelay)
    } else {
        report(pollsStatus ? "INFO: Ticket sent" : "INFO: Ticket sent (no status channel: not confirmed)")
        if pollsStatus { report("PAGE: 1 1") }
    }
    finish(.ok)
case let .printerProblem(reading, phase):
    apply(BackendStatusPolicy.verdict(for: reading, phase: phase), delay: uri.retryDelay)
    finish(.cancel)
case let .writeFailed(error, sent):
    report("ERROR: \(error)")
    report("ATTR: job-media-progress=\(BackendSendPlan.progress(written: sent, total: job.count))")
    // Find out why the printer stopped taking data (paper, cover); otherwise it is offline.
    let phase: BackendPhase = sent == 0 ? .beforeSending : .whileSending(sent: sent, total: job.count)
    var verdict = pollsStatus ? BackendStatusPolicy.verdict(for: poller.poll(), phase: phase) : nil
    if verdict?.exitCode == nil { verdict = BackendStatusPolicy.verdict(for: .noReply(error.description), phase: phase) }
    if let verdict { apply(verdict, delay: uri.retryDelay) }
    finish(sent == 0 ? .retryLater : .cancel, delay: uri.retryDelay)
case let .endNotConfirmed(limit):
    apply(BackendStatusPolicy.verdict(for: .noReply("\(channel.device) did not report the end of the ticket (GS r 1) within \(limit)"),
                                      phase: .afterSending), delay: uri.retryDelay)
    finish(.cancel)
case let .cancelled(sent, padding):
    report("ATTR: job-media-progress=\(BackendSendPlan.progress(written: sent, total: job.count))")
    report(sent == 0 ? "INFO: Job cancelled before any byte was sent"
        : "INFO: Job cancelled after \(sent) of \(job.count) bytes; the command being sent was completed with \(padding) byte(s) of padding, the printer reset\(plan.layout.cutCommand == nil ? "" : " and the paper cut")")
    finish(.cancel)
}
