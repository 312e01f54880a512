import CCups
import LobbyPrinting

/// The `PrinterPort` over a real CUPS server (libcups 2.4 destination API and IPP).
///
/// Threading: every libcups call runs on one thread the port owns (`CupsThread`), where the
/// server is set with `cupsSetServer` and one connection is kept; so callers on any task or
/// thread reach the same server, whatever the process's `CUPS_SERVER`. Create one port per
/// server and share it; calls are serialised (a local cupsd answers in about a millisecond).
public final class CupsPrinterPort: PrinterPort {
    /// The server this port talks to.
    public let server: CupsServer
    private let thread: CupsThread
    private let session: SessionBox

    /// Holds the session; only touched on the CUPS thread.
    private final class SessionBox: @unchecked Sendable {
        let session: CupsSession
        init(_ session: CupsSession) { self.session = session }
    }

    /// A port to `server`; `requestTimeout` bounds each IPP request.
    public init(server: CupsServer, requestTimeout: Duration = .seconds(10)) {
        self.server = server
        let seconds = Double(requestTimeout.components.seconds) + Double(requestTimeout.components.attoseconds) / 1e18
        let box = SessionBox(CupsSession(server: server, requestTimeoutSeconds: seconds))
        self.session = box
        self.thread = CupsThread(name: "lobby-cups \(server)") { box.session.configureThread() }
    }

    /// A port to the server libcups would pick for this process (`CUPS_SERVER`, client.conf,
    /// or the local socket), read on the CUPS thread.
    public static func defaultServer() -> CupsServer {
        CupsServer(parsing: String(cString: cupsServer())) ?? CupsServer(socketPath: "/run/cups/cups.sock")
    }

    deinit {
        let box = session
        Task { [thread] in
            await thread.perform { box.session.disconnect() }
            thread.stop()
        }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (CupsSession) throws(PrinterPortError) -> T) async throws(PrinterPortError) -> T {
        let box = session
        let result: Result<T, PrinterPortError> = await thread.perform {
            do throws(PrinterPortError) { return .success(try body(box.session)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Create-Job + Send-Document with the raw bytes; returns once cupsd accepted the document.
    public func submit(printer: PrinterID, title: String, bytes: [UInt8]) async throws(PrinterPortError) -> PrintJobID {
        try await run { session throws(PrinterPortError) in try session.submit(printer: printer, title: title, bytes: bytes) }
    }

    /// Get-Job-Attributes.
    public func jobStatus(printer: PrinterID, job: PrintJobID) async throws(PrinterPortError) -> JobStatus {
        try await run { session throws(PrinterPortError) in try session.jobStatus(printer: printer, job: job) }
    }

    /// Get-Printer-Attributes: state, reasons, accepting-jobs, state message.
    public func printerStatus(printer: PrinterID) async throws(PrinterPortError) -> PrinterStatus {
        try await run { session throws(PrinterPortError) in try session.printerStatus(printer: printer) }
    }

    /// Cancel-Job, then the job's state.
    public func cancel(printer: PrinterID, job: PrintJobID) async throws(PrinterPortError) -> JobStatus {
        try await run { session throws(PrinterPortError) in try session.cancel(printer: printer, job: job) }
    }

    /// Resume-Printer + CUPS-Accept-Jobs (needs operator rights in cupsd's policy).
    public func resume(printer: PrinterID) async throws(PrinterPortError) {
        try await run { session throws(PrinterPortError) in try session.resume(printer: printer) }
    }
}
