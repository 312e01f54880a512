import Foundation
import LobbyEscPos
import LobbyPrinting

/// Tap to cut through `PrinterPool` on a printer at a real device's speed: from `issue` to the
/// pool's `.printed` (the backend reports a ticket printed only after the printer answered
/// `GS r 1`, i.e. after printing its last row and the cut), compared with the job's physical
/// limit, max(bytes ÷ link rate, paper ÷ print speed).
struct PoolBenchmark {
    let port: any PrinterPort
    let printer: PoolPrinter
    let ticket: [UInt8]

    func run(jobs: Int) async {
        let pool = PrinterPool(name: "bench", printers: [printer], port: port, clock: ContinuousClock(),
                               policy: PrinterPoolPolicy(pollInterval: .milliseconds(10)))
        let estimate = PrintTimeEstimate(layout: EscPosJobLayout(ticket), pace: printer.pace)
        let deadline = PrintDeadlinePolicy().deadline(for: estimate)
        var tapToCut: [Double] = []
        var printedCount = 0
        for index in 0..<jobs {
            let start = ContinuousClock.now
            let result = await pool.issue(TicketPrintRequest(ticket: "B\(index)", bytes: ticket))
            tapToCut.append(milliseconds(start.duration(to: .now)))
            if case .printed = result { printedCount += 1 } else { print("job \(index): \(result)") }
        }
        let limit = milliseconds(estimate.physicalLimit)
        print("ticket: \(ticket.count) bytes, \(String(format: "%.1f", estimate.paperMillimetres)) mm of paper; printer \(printer.pace)")
        print(String(format: "physical limit: wire %.0f ms, paper %.0f ms -> %.0f ms; the pool's deadline for it: %.0f ms",
                     milliseconds(estimate.wire), milliseconds(estimate.printing), limit, milliseconds(deadline)))
        print(String(format: "%d jobs, %d printed, one after another; tap to cut p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                     jobs, printedCount, percentile(tapToCut, 0.5), percentile(tapToCut, 0.99), tapToCut.max() ?? 0))
        print(String(format: "over the physical limit: p50 +%.0f ms (%.1f %%), max +%.0f ms",
                     percentile(tapToCut, 0.5) - limit, (percentile(tapToCut, 0.5) / limit - 1) * 100, (tapToCut.max() ?? 0) - limit))
    }
}
