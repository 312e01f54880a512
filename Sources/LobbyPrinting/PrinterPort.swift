/// The printing port the daemon uses: submit raw job bytes to a named printer queue, follow the
/// job, read the printer. Implemented by `CupsPrinterPort` (LobbyCups) and `SimulatedPrinterPort`.
public protocol PrinterPort: Sendable {
    /// Submits one raw (already ESC/POS) job; returns as soon as the server accepted it.
    func submit(printer: PrinterID, title: String, bytes: [UInt8]) async throws(PrinterPortError) -> PrintJobID
    /// The current state of a job on `printer`.
    func jobStatus(printer: PrinterID, job: PrintJobID) async throws(PrinterPortError) -> JobStatus
    /// The current state of `printer`.
    func printerStatus(printer: PrinterID) async throws(PrinterPortError) -> PrinterStatus
    /// Asks the server to cancel a job and returns the job's state afterwards (a job that had
    /// already completed stays completed: the caller must then treat it as printed).
    func cancel(printer: PrinterID, job: PrintJobID) async throws(PrinterPortError) -> JobStatus
    /// Resumes a stopped printer and makes it accept jobs (`cupsenable` + `cupsaccept`).
    func resume(printer: PrinterID) async throws(PrinterPortError)
}

/// Why a port operation failed; every case names the queue (or the server) concerned.
public enum PrinterPortError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The server does not know this queue.
    case queueNotFound(PrinterID, server: String)
    /// The server cannot be reached (connection refused, timeout).
    case serverUnreachable(server: String, message: String)
    /// The server refused or failed a request for this queue.
    case requestFailed(PrinterID, operation: String, status: String, message: String)
    /// The server does not know this job on this queue.
    case jobNotFound(PrinterID, PrintJobID)

    /// The queue the error is about, if any.
    public var printer: PrinterID? {
        switch self {
        case let .queueNotFound(printer, _), let .requestFailed(printer, _, _, _), let .jobNotFound(printer, _): printer
        case .serverUnreachable: nil
        }
    }

    /// A message that says what failed and where.
    public var description: String {
        switch self {
        case let .queueNotFound(printer, server):
            "printer queue '\(printer)' does not exist on CUPS server \(server)"
        case let .serverUnreachable(server, message):
            "CUPS server \(server) cannot be reached: \(message)"
        case let .requestFailed(printer, operation, status, message):
            "\(operation) for printer queue '\(printer)' failed with \(status): \(message)"
        case let .jobNotFound(printer, job):
            "\(job) does not exist on printer queue '\(printer)'"
        }
    }
}
