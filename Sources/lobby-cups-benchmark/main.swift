// lobby-cups-benchmark: how long a ticket job takes through CUPS. Not a test; see
// Docs/Performance-cups.md and Scripts/run-benchmark.sh, which starts a private cupsd and a
// simulated printer and runs this program against them.
//
// lobby-cups-benchmark --server 127.0.0.1:PORT --queue NAME --sim-jobs DIR/jobs.jsonl [--jobs 200]
//                      [--pool --width 576|384 --print-speed MM [--baud N]]
// With --pool the tickets go through PrinterPool, as lobbyd sends them, and each is compared
// with its physical limit on a printer of that speed and link (Scripts/run-slow-printer-benchmark.sh).
import Foundation
import LobbyCups
import LobbyEscPos
import LobbyPrinting
import LobbyRender

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("lobby-cups-benchmark: \(message)\n".utf8))
    exit(2)
}

var serverText: String?
var queue: String?
var simulatorIndex: String?
var jobCount = 200
var throughPool = false
var width = PrinterWidth.dots576
var printSpeed = 50
var baud: Int?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--pool" {
        throughPool = true
        continue
    }
    guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
    switch argument {
    case "--server": serverText = value
    case "--queue": queue = value
    case "--sim-jobs": simulatorIndex = value
    case "--jobs": jobCount = Int(value) ?? 200
    case "--width":
        guard let dots = Int(value).flatMap(PrinterWidth.init(rawValue:)) else { fail("--width must be 384, 512 or 576") }
        width = dots
    case "--print-speed":
        guard let speed = Int(value) else { fail("--print-speed needs mm/s") }
        printSpeed = speed
    case "--baud":
        guard let rate = Int(value) else { fail("--baud needs a number") }
        baud = rate
    default: fail("unknown argument \(argument)")
    }
}
guard let serverText, let server = CupsServer(parsing: serverText), let queue, let simulatorIndex else {
    fail("usage: --server HOST:PORT --queue NAME --sim-jobs FILE [--jobs N]")
}

func linesIn(_ path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
}

let content = TicketContent(
    language: .az, centreName: "Xidmət Mərkəzi № 3", serviceName: "Şəxsiyyət vəsiqəsinin dəyişdirilməsi",
    ticketNumber: "A042", peopleAhead: 4, expectedWaitMinutes: 9, issueDate: "21.11.2026", issueTime: "09:41",
    statusURL: "https://lobby.example/t/2026-11-21/A042", note: "Nömrənizi ekranda izləyin."
)
let rendered = try TicketRenderer(width: width).render(TestTicket.layout, content: content)
let profile = PrinterProfile(name: "bench", width: width, cut: .feedThenPartialCut(feedUnits: 0), maxBandRows: 256, printSpeed: printSpeed)
let ticket = EscPosEncoder(profile: profile).ticketBytes(for: rendered.bitmap)
let port = CupsPrinterPort(server: server)
let printer = PrinterID(queue)
let clock = ContinuousClock()

if throughPool {
    await PoolBenchmark(port: port, printer: PoolPrinter(printer, profile: profile, link: baud.map { .serial(baud: $0) } ?? .fast),
                        ticket: ticket).run(jobs: jobCount)
    exit(0)
}

var accepted: [Double] = []
var completed: [Double] = []
var atSimulator: [Double] = []
for index in 0..<jobCount {
    let before = linesIn(simulatorIndex)
    let start = clock.now
    let job = try await port.submit(printer: printer, title: "bench \(index)", bytes: ticket)
    accepted.append(milliseconds(start.duration(to: clock.now)))
    while try await port.jobStatus(printer: printer, job: job).state != .completed {
        try await Task.sleep(for: .milliseconds(1))
    }
    completed.append(milliseconds(start.duration(to: clock.now)))
    while linesIn(simulatorIndex) == before { try await Task.sleep(for: .microseconds(500)) }
    atSimulator.append(milliseconds(start.duration(to: clock.now)))
}
print("ticket: \(ticket.count) bytes (\(rendered.bitmap.widthDots)x\(rendered.bitmap.heightDots) dots), \(jobCount) jobs one after another")
for (name, values) in [("accepted by cupsd (submit returned)", accepted), ("completed per IPP job-state", completed), ("stored by the simulator", atSimulator)] {
    print(String(format: "%@: p50 %.2f ms, p99 %.2f ms, max %.2f ms", name, percentile(values, 0.5), percentile(values, 0.99), values.max() ?? 0))
}
