// lobby-usb-printer-sim: an ESC/POS printer on USB for the QEMU test lab. It speaks the usbredir
// protocol (the usb-host side) on the unix socket of QEMU's `-chardev socket,…` behind
// `-device usb-redir,chardev=…`, so the guest kernel sees a real USB printer (printer class 7 or
// vendor class 0xff) with bulk OUT 0x01 / bulk IN 0x82.
//
// lobby-usb-printer-sim --socket PATH --out FILE [--class printer|vendor] [--vid 0416] [--pid 5011]
//                       [--serial TEXT|none] [--manufacturer TEXT] [--product TEXT] [--device-id TEXT]
//                       [--initial COMMAND]... [--connect-seconds 60] [--max-seconds 0]
//
// Appends every job byte (status requests removed) to FILE. Reads commands on stdin (one per
// line: normal, paper-out, paper-low, paper-ok, cover-open, cover-closed, offline, online,
// status, hold-after N, release, unplug, quit) and prints `USBSIM …` lines on stdout.
@preconcurrency import Glibc
import LobbyEscPos
import LobbyPrinting
import LobbyUSBRedir

func emit(_ line: String) {
    fputs("USBSIM " + line + "\n", stdout)
    fflush(stdout)
}

func usage(_ problem: String) -> Never {
    fputs("lobby-usb-printer-sim: \(problem)\n", stderr)
    exit(2)
}

func hexID(_ text: String, _ name: String) -> UInt16 {
    guard text.count == 4, let value = UInt16(text, radix: 16) else { usage("\(name) must be four hex digits") }
    return value
}

var socketPath: String?
var outputPath: String?
var kind = EmulatedPrinterIdentity.InterfaceKind.printerClass
var vendorID: UInt16 = 0x0416
var productID: UInt16 = 0x5011
var serialNumber: String? = "LOBBYSIM0001"
var manufacturer = "Lobby"
var product = "USB ESC/POS simulator"
var deviceID: String?
var initialCommands: [String] = []
var connectSeconds = 60
var maxSeconds = 0
var remaining = CommandLine.arguments.dropFirst()
while let argument = remaining.popFirst() {
    func value() -> String {
        guard let next = remaining.popFirst() else { usage("\(argument) needs a value") }
        return next
    }
    switch argument {
    case "--socket": socketPath = value()
    case "--out": outputPath = value()
    case "--class":
        guard let parsed = EmulatedPrinterIdentity.InterfaceKind(rawValue: value()) else { usage("--class is printer or vendor") }
        kind = parsed
    case "--vid": vendorID = hexID(value(), "--vid")
    case "--pid": productID = hexID(value(), "--pid")
    case "--serial": let text = value(); serialNumber = text == "none" ? nil : text
    case "--manufacturer": manufacturer = value()
    case "--product": product = value()
    case "--device-id": deviceID = value()
    case "--initial": initialCommands.append(value())
    case "--connect-seconds": connectSeconds = Int(value()) ?? connectSeconds
    case "--max-seconds": maxSeconds = Int(value()) ?? 0
    default: usage("unknown argument '\(argument)'")
    }
}
guard let socketPath, let outputPath else { usage("--socket PATH and --out FILE are required") }

var unblocked = sigset_t()
sigemptyset(&unblocked)
pthread_sigmask(SIG_SETMASK, &unblocked, nil)
signal(SIGPIPE, SIG_IGN)

let identity = EmulatedPrinterIdentity(
    kind: kind, vendorID: vendorID, productID: productID, manufacturer: manufacturer, product: product, serialNumber: serialNumber,
    deviceID: deviceID ?? "MFG:\(manufacturer);CMD:ESC/POS;MDL:\(product);CLS:PRINTER;DES:\(manufacturer) \(product);")
var printer = EmulatedUSBPrinter(identity: identity)
for command in initialCommands {
    do {
        if case let .condition(condition) = try EmulatedPrinterCommand(line: command, current: printer.condition) { printer.condition = condition }
    } catch {
        usage("--initial: \(error)")
    }
}

let output = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
guard output >= 0 else { usage("cannot write \(outputPath): \(String(cString: strerror(errno)))") }

/// Connects to QEMU's chardev socket, retrying while QEMU starts.
func connectSocket(_ socketPath: String, limitSeconds: Int) -> Int32 {
    let started = ContinuousClock.now
    while true {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { usage("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { usage("socket path too long: \(socketPath)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (index, byte) in bytes.enumerated() { raw[index] = byte } }
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if status == 0 { return descriptor }
        close(descriptor)
        if started.duration(to: .now) > .seconds(limitSeconds) { usage("cannot connect to \(socketPath) within \(limitSeconds) s") }
        usleep(50_000)
    }
}

func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
        if written < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            return false
        }
        offset += written
    }
    return true
}

let connection = connectSocket(socketPath, limitSeconds: connectSeconds)
emit("CONNECTED \(socketPath) \(identity.kind.rawValue) \(KnownUSBPrinter.hex(vendorID)):\(KnownUSBPrinter.hex(productID)) condition=\(printer.condition.name)")
_ = writeAll(connection, printer.hello())

var jobTotal = 0
var stdinOpen = true
var stdinBuffer: [UInt8] = []
let started = ContinuousClock.now
var running = true
while running {
    if maxSeconds > 0, started.duration(to: .now) > .seconds(maxSeconds) { emit("TIMEOUT"); break }
    var entries = [pollfd(fd: connection, events: Int16(POLLIN), revents: 0)]
    if stdinOpen { entries.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
    let ready = poll(&entries, nfds_t(entries.count), 100)
    if ready < 0, errno != EINTR { break }
    if entries[0].revents != 0 {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(connection, $0.baseAddress!, $0.count) }
        if count <= 0 {
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            emit("CLOSED jobBytes=\(jobTotal)")
            break
        }
        do {
            let (reply, events) = try printer.receive(Array(buffer[0..<count]))
            for event in events {
                switch event {
                case let .hello(version): emit("HELLO \(version)")
                case let .control(text): emit("CONTROL \(text)")
                case let .jobBytes(bytes):
                    _ = writeAll(output, bytes)
                    jobTotal += bytes.count
                    emit("OUT \(bytes.count) total=\(jobTotal)")
                case let .statusRequest(kind, reply):
                    emit("STATUS-REQUEST \(kind.rawValue) reply=\(reply.map { "0x" + String($0, radix: 16) } ?? "none")")
                case let .statusSent(count): emit("STATUS-SENT \(count)")
                case let .cancelled(id): emit("CANCELLED \(id)")
                case let .configured(value): emit("CONFIGURED \(value)")
                case .reset: emit("RESET")
                case let .held(count): emit("HELD \(count)")
                case let .ignored(text): emit("IGNORED \(text)")
                }
            }
            if !reply.isEmpty, !writeAll(connection, reply) { emit("CLOSED jobBytes=\(jobTotal)"); break }
        } catch {
            emit("PROTOCOL-ERROR \(error)")
            break
        }
    }
    if stdinOpen, entries.count > 1, entries[1].revents != 0 {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
        if count <= 0 { stdinOpen = false; running = false; continue }
        stdinBuffer += buffer[0..<count]
        while let newline = stdinBuffer.firstIndex(of: 0x0A) {
            let line = String(decoding: stdinBuffer[..<newline], as: UTF8.self).split(separator: " ").joined(separator: " ")
            stdinBuffer.removeSubrange(...newline)
            guard !line.isEmpty else { continue }
            do {
                switch try EmulatedPrinterCommand(line: line, current: printer.condition) {
                case let .condition(condition):
                    printer.condition = condition
                    emit("OK \(line) condition=\(condition.name) jobBytes=\(jobTotal)")
                case let .hold(limit):
                    if let limit {
                        printer.holdAfterJobBytes = limit
                    } else {
                        let (reply, events) = printer.releaseHeldData()
                        for case let .jobBytes(bytes) in events {
                            _ = writeAll(output, bytes)
                            jobTotal += bytes.count
                        }
                        _ = writeAll(connection, reply)
                    }
                    emit("OK \(line) jobBytes=\(jobTotal)")
                case .unplug:
                    _ = writeAll(connection, printer.unplug())
                    emit("OK unplug")
                case .quit:
                    running = false
                }
            } catch {
                emit("ERROR \(error)")
            }
        }
    }
}
close(connection)
close(output)
emit("STOPPED")
