import Foundation
import Glibc
import LobbyCups
import LobbyTestSupport

/// A private cupsd for one test: its own folders and config under /tmp, our backend installed in
/// its ServerBin, TCP on a free loopback port plus a domain socket; always stopped by `stop()`.
final class ThrowawayCupsd {
    let root: URL
    let port: UInt16
    private var process: SpawnedProcess!
    private var stopped = false

    var server: CupsServer { CupsServer(host: "127.0.0.1", port: Int32(port)) }
    var serverSpelling: String { "127.0.0.1:\(port)" }
    var errorLog: String { (try? String(contentsOf: root.appendingPathComponent("log/error_log"), encoding: .utf8)) ?? "" }

    /// Creates the folders and config, checks them with `cupsd -t`, starts cupsd and waits until
    /// it answers on the port.
    init() throws {
        let template = "/tmp/lobby-cupsd-XXXXXX"
        var path = Array(template.utf8CString)
        guard mkdtemp(&path) != nil else { throw TestFailure("mkdtemp failed") }
        root = URL(fileURLWithPath: String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        port = try Self.freePort()
        let fileManager = FileManager.default
        for folder in ["etc", "etc/ppd", "spool", "tmp", "cache", "state", "log", "lib", "lib/backend"] {
            try fileManager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        chmod(root.path, 0o755)
        // ServerBin: symlinks to the system's helpers, our backend copied in with mode 0700 so
        // cupsd runs it as root (it opens /dev/pts/N of the simulator).
        for name in ["cgi-bin", "daemon", "driver", "filter", "monitor", "notifier"] {
            try fileManager.createSymbolicLink(atPath: root.appendingPathComponent("lib/\(name)").path, withDestinationPath: "/usr/lib/cups/\(name)")
        }
        let backend = root.appendingPathComponent("lib/backend/lobby-escpos")
        try Self.copyExecutable(TestProcess.productsFolder.appendingPathComponent("lobby-escpos-backend").path, to: backend.path)
        let r = root.path
        let filesConf = """
            ServerRoot \(r)/etc
            RequestRoot \(r)/spool
            TempDir \(r)/tmp
            CacheDir \(r)/cache
            StateDir \(r)/state
            ServerBin \(r)/lib
            DataDir /usr/share/cups
            AccessLog \(r)/log/access_log
            ErrorLog \(r)/log/error_log
            PageLog \(r)/log/page_log
            Printcap \(r)/state/printcap
            FileDevice Yes
            Sandboxing Relaxed
            SystemGroup root

            """
        let conf = """
            Listen 127.0.0.1:\(port)
            Listen \(r)/cups.sock
            Browsing No
            WebInterface No
            DefaultAuthType None
            LogLevel debug
            JobRetryInterval 2
            PreserveJobHistory Yes
            <Location />
              Order allow,deny
              Allow all
            </Location>
            <Policy default>
              <Limit All>
                Order deny,allow
                Allow all
              </Limit>
              JobPrivateAccess default
              JobPrivateValues default
              SubscriptionPrivateAccess default
              SubscriptionPrivateValues default
            </Policy>

            """
        try filesConf.write(to: root.appendingPathComponent("etc/cups-files.conf"), atomically: true, encoding: .utf8)
        try conf.write(to: root.appendingPathComponent("etc/cupsd.conf"), atomically: true, encoding: .utf8)
        let arguments = ["-c", "\(r)/etc/cupsd.conf", "-s", "\(r)/etc/cups-files.conf"]
        let check = try TestProcess.run("/usr/sbin/cupsd", ["-t"] + arguments, timeoutSeconds: 10)
        guard check.status == 0 else { throw TestFailure("cupsd -t rejected the config: \(check.output)") }
        // cupsd keeps running on its socket alone when the port is taken: refuse a busy port.
        guard Self.isFree(port) else { throw TestFailure("port \(port) is busy; not starting cupsd") }

        process = try SpawnedProcess("/usr/sbin/cupsd", ["-f"] + arguments, outputFile: "\(r)/log/cupsd.out")
        let ready = eventually(10) { Self.answers(port) || !process.isRunning }
        guard ready, process.isRunning else {
            stop()
            throw TestFailure("cupsd did not start on port \(port): \(process.output) \(errorLog)")
        }
        if errorLog.contains("Unable to bind") || errorLog.contains("Address already in use") {
            stop()
            throw TestFailure("cupsd could not bind 127.0.0.1:\(port): \(errorLog)")
        }
    }

    deinit { stop() }

    /// Stops cupsd (SIGTERM, then SIGKILL after 5 s) and removes its folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        process?.stop()
        if ProcessInfo.processInfo.environment["LOBBY_KEEP_CUPSD"] == nil {
            try? FileManager.default.removeItem(at: root)
        }
    }

    /// Adds a raw queue for a device URI (no `-m`), enabled, with `printer-error-policy`.
    func addQueue(_ name: String, uri: String, errorPolicy: String = "abort-job") throws {
        let result = try TestProcess.run("/usr/sbin/lpadmin", ["-h", serverSpelling, "-p", name, "-E", "-v", uri, "-o", "printer-error-policy=\(errorPolicy)"], timeoutSeconds: 20)
        guard result.status == 0 else { throw TestFailure("lpadmin -p \(name) failed: \(result.output)") }
    }

    /// Runs a CUPS client tool against this server.
    func client(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try TestProcess.run(tool, arguments, environment: ["CUPS_SERVER": serverSpelling], timeoutSeconds: 20)
    }

    /// `printer-state-reasons` as an independent client (ipptool) reads them.
    func reasonsFromIpptool(_ queue: String) throws -> String {
        let result = try TestProcess.run("/usr/bin/ipptool", ["-T", "5", "-tv", "ipp://127.0.0.1:\(port)/printers/\(queue)", "/usr/share/cups/ipptool/get-printer-attributes.test"], timeoutSeconds: 20)
        return result.output.split(separator: "\n").first { $0.contains("printer-state-reasons (") }.map(String.init) ?? ""
    }

    /// Copies an executable with mode 0700 through a close-on-exec descriptor: a process another
    /// test spawns meanwhile must not inherit a writable descriptor of it, or cupsd's `execv` of
    /// the backend fails with "Text file busy" and the job is aborted.
    static func copyExecutable(_ source: String, to destination: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o700)
        guard descriptor >= 0 else { throw TestFailure("cannot create \(destination): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, bytes.count) }
        guard written == bytes.count else { throw TestFailure("cannot write \(destination)") }
    }

    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(descriptor, pointer, length) == 0 else { return -1 }
                return getsockname(descriptor, pointer, &length)
            }
        }
        guard result == 0 else { throw TestFailure("no free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    static func isFree(_ port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    static func answers(_ port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
