import LobbyPrinting
import Synchronization

/// A printer port that notes when CUPS (or the demo's simulated printers) accepted each job (for
/// the print-latency metrics).
final class TimedPrinterPort: PrinterPort {
    private let port: any PrinterPort
    private let accepted = Mutex<[String: ContinuousClock.Instant]>([:])

    init(_ port: any PrinterPort) { self.port = port }

    /// When the job titled `title` was accepted, forgetting it.
    func takeAcceptedTime(title: String) -> ContinuousClock.Instant? {
        accepted.withLock { $0.removeValue(forKey: title) }
    }

    func submit(printer: PrinterID, title: String, bytes: [UInt8]) async throws(PrinterPortError) -> PrintJobID {
        let job = try await port.submit(printer: printer, title: title, bytes: bytes)
        let now = ContinuousClock.now
        accepted.withLock { $0[title] = now }
        return job
    }

    func jobStatus(printer: PrinterID, job: PrintJobID) async throws(PrinterPortError) -> JobStatus {
        try await port.jobStatus(printer: printer, job: job)
    }

    func printerStatus(printer: PrinterID) async throws(PrinterPortError) -> PrinterStatus {
        try await port.printerStatus(printer: printer)
    }

    func cancel(printer: PrinterID, job: PrintJobID) async throws(PrinterPortError) -> JobStatus {
        try await port.cancel(printer: printer, job: job)
    }

    func resume(printer: PrinterID) async throws(PrinterPortError) {
        try await port.resume(printer: printer)
    }
}

/// The most recent print latencies, from the ticket request to CUPS accepting the job and to the
/// job completing on the printer, in seconds.
struct PrintLatencies: Sendable {
    /// How many recent samples are kept per kind.
    static let capacity = 1_000
    private(set) var accepted: [Double] = []
    private(set) var completed: [Double] = []

    mutating func record(accepted a: Double?, completed c: Double) {
        if let a { Self.append(a, to: &accepted) }
        Self.append(c, to: &completed)
    }

    private static func append(_ value: Double, to samples: inout [Double]) {
        if samples.count == capacity { samples.removeFirst() }
        samples.append(value)
    }

    /// The quantile `q` (0…1) of `samples`, nil when there are none.
    static func quantile(_ samples: [Double], _ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))]
    }

    /// Prometheus summaries of both kinds.
    func metrics() -> String {
        var lines: [String] = []
        for (name, help, samples) in [
            ("lobby_print_accepted_seconds", "From the ticket request to CUPS accepting the job (recent tickets).", accepted),
            ("lobby_print_completed_seconds", "From the ticket request to the job completing on the printer (recent tickets).", completed),
        ] {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) summary")
            for q in [0.5, 0.9, 0.99] {
                if let v = Self.quantile(samples, q) { lines.append("\(name){quantile=\"\(q)\"} \(v)") }
            }
            lines.append("\(name)_sum \(samples.reduce(0, +))")
            lines.append("\(name)_count \(samples.count)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
