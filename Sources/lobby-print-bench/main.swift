// Printing benchmark (not a test): render + encode one ticket at 576 dots many times, report
// mean / p50 / p99, and run python-escpos on the same raster for comparison.
//
//   swift run -c release lobby-print-bench [--runs N] [--python PATH] [--wire]
//
// --wire prints only the wire budget: bytes per ticket in text and raster mode per language and
// printer, wire time at 19200 baud, paper and tap-to-cut (WireBudget.swift).
// --python defaults to .build/lobby-python-venv/bin/python (created by
// Tests/LobbyRenderTests/Scripts/setup-python-venv.sh); without it the comparison is skipped.
import Foundation
import LobbyEscPos
import LobbyRender

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
var runs = 1000
var python = packageRoot.appendingPathComponent(".build/lobby-python-venv/bin/python").path
var wireOnly = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
    case "--python": python = arguments.popFirst() ?? python
    case "--wire": wireOnly = true
    default:
        FileHandle.standardError.write(Data("usage: lobby-print-bench [--runs N] [--python PATH] [--wire]\n".utf8))
        exit(2)
    }
}

struct Summary {
    let mean: Double, p50: Double, p99: Double, max: Double
    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        mean = sorted.reduce(0, +) / Double(sorted.count)
        p50 = sorted[sorted.count / 2]
        p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        max = sorted.last!
    }
    var text: String { String(format: "mean %.3f ms  p50 %.3f ms  p99 %.3f ms  max %.3f ms", mean, p50, p99, max) }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let templateURL = packageRoot.appendingPathComponent("Tests/LobbyRenderTests/Templates/asan-sample.json")
let layout = try TicketLayout(jsonBytes: [UInt8](Data(contentsOf: templateURL)), fileName: "asan-sample.json")
let content = TicketContent(
    language: .az, centreName: "Xidmət Mərkəzi № 3",
    serviceName: "Şəxsiyyət vəsiqəsinin dəyişdirilməsi və itirilmiş sənədin bərpası",
    ticketNumber: "A042", peopleAhead: 7, expectedWaitMinutes: 12, issueDate: "21.11.2026", issueTime: "09:41",
    statusURL: "https://lobby.example/t/2026-11-21/A042?c=3", note: "Zəhmət olmasa nömrənizi ekranda izləyin."
)
WireBudget.print(try WireBudget.run(packageRoot: packageRoot, layout: layout, runs: runs))
if wireOnly { exit(0) }
let renderer = TicketRenderer(width: .dots576)
let profile = PrinterProfile(name: "bench", width: .dots576, cut: .feedThenPartialCut(feedUnits: 0), maxBandRows: 256)
let encoder = EscPosEncoder(profile: profile)

var renderTimes: [Double] = [], encodeTimes: [Double] = [], totalTimes: [Double] = []
var lastBitmap = MonoBitmap(widthDots: 0, heightDots: 0)
var lastBytes: [UInt8] = []
var firstRunMilliseconds = 0.0
let clock = ContinuousClock()
for run in 0..<(runs + 20) {
    let start = clock.now
    let rendered = try renderer.render(layout, content: content)
    let renderedAt = clock.now
    let bytes = encoder.ticketBytes(for: rendered.bitmap)
    let end = clock.now
    if run == 0 { firstRunMilliseconds = milliseconds(end - start) }
    if run >= 20 {  // warm-up: font map, glyph caches
        renderTimes.append(milliseconds(renderedAt - start))
        encodeTimes.append(milliseconds(end - renderedAt))
        totalTimes.append(milliseconds(end - start))
    }
    lastBitmap = rendered.bitmap
    lastBytes = bytes
}
print("ticket \(lastBitmap.widthDots)x\(lastBitmap.heightDots) dots, \(lastBytes.count) ESC/POS bytes, \(runs) runs")
print(String(format: "first ticket of the process (font loading, cold caches): %.3f ms", firstRunMilliseconds))
print("render          \(Summary(renderTimes).text)")
print("encode (GS v 0) \(Summary(encodeTimes).text)")
print("render + encode \(Summary(totalTimes).text)")

// python-escpos on the same raster.
let workFolder = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-bench-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: workFolder) }
let pbm = workFolder.appendingPathComponent("ticket.pbm")
let output = workFolder.appendingPathComponent("python-escpos.bin")
try Data(lastBitmap.portableBitmapData()).write(to: pbm)
guard FileManager.default.isExecutableFile(atPath: python) else {
    print("python-escpos: skipped (no python at \(python))")
    exit(0)
}
let process = Process()
process.executableURL = URL(fileURLWithPath: python)
process.arguments = [
    packageRoot.appendingPathComponent("Sources/lobby-print-bench/Scripts/python_escpos_raster.py").path,
    pbm.path, String(runs), output.path,
]
let pipe = Pipe()
process.standardOutput = pipe
try process.run()
let reply = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
process.waitUntilExit()
let numbers = reply.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
guard process.terminationStatus == 0, numbers.count == 3 else {
    print("python-escpos: failed (\(reply))")
    exit(1)
}
print(String(format: "python-escpos image(impl=\"bitImageRaster\") alone: mean %.3f ms  p50 %.3f ms  p99 %.3f ms", numbers[0], numbers[1], numbers[2]))
let theirs = try EscPosDecoder().decode([UInt8](Data(contentsOf: output)))
let ours = try EscPosDecoder().decode(encoder.imageCommands(for: lastBitmap).flatMap { EscPosCommand.bytes(of: [$0]) })
let theirImage = theirs.images.first?.bitmap
print("python-escpos output: \(theirs.commands.count) commands, \(theirs.images.count) image(s) of \(theirs.images.map(\.bandCount)) band(s)")
print("same image as ours: \(theirImage == ours.images.first?.bitmap ? "yes" : "NO")")
