import Dispatch
import Foundation
import LobbyALSA
import LobbyAnnouncement
import LobbyVoicePack

// Measures the announcement path (Docs/Performance.md, "Announcements"):
//   lobby-audio-bench PACK [DEVICE] [COUNT]
// memory of the loaded voice pack (resident set before and after loading), and for COUNT calls
// the time from the call to the first sample accepted by DEVICE (plan, render, open, first write).

func residentKiB() -> Int {
    let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
    return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: lobby-audio-bench PACK [DEVICE] [COUNT]\n".utf8))
    exit(64)
}
let device = arguments.count > 2 ? arguments[2] : "null"
let count = arguments.count > 3 ? Int(arguments[3]) ?? 30 : 30
let planner = try AnnouncementPlanner(languages: [.az, .ru, .en])

let before = residentKiB()
let pack = try VoicePack.load(directory: arguments[1])
let renderer = pack.renderer(sampleRate: 48_000)
let after = residentKiB()
let sampleBytes = renderer.clips.values.reduce(0) { $0 + $1.samples.count * 2 }
print("voice pack: \(renderer.clips.count) clips, \(sampleBytes / 1024) KiB of 48 kHz samples; resident set +\(after - before) KiB (\(before) → \(after) KiB)")

let output = ALSAOutput(device: device)
var latencies: [Double] = []
var renders: [Double] = []
var lengths: [Int] = []
for i in 0..<count {
    let call = Announcement(kind: .call, prefix: ["A", "B", "KM"][i % 3], number: 1 + (i * 37) % 999, window: 1 + i % 30)
    let start = nanoseconds()
    let plan = try planner.plan(call)
    let pcm = try renderer.render(plan).pcm
    let rendered = nanoseconds()
    let first = LockedValue()
    // Only the start matters: play the first 100 ms and the tail the card needs.
    let head = PCM(sampleRate: pcm.sampleRate, samples: Array(pcm.samples.prefix(4_800)))
    try output.play(head) { first.set(nanoseconds()) }
    latencies.append(Double(first.value - start) / 1e6)
    renders.append(Double(rendered - start) / 1e6)
    lengths.append(pcm.milliseconds)
}

final class LockedValue: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: UInt64 = 0
    var value: UInt64 { lock.withLock { stored } }
    func set(_ v: UInt64) { lock.withLock { if stored == 0 { stored = v } } }
}

func summary(_ values: [Double]) -> String {
    let s = values.sorted()
    return String(format: "median %.1f ms, p95 %.1f ms, max %.1f ms", s[s.count / 2], s[min(s.count - 1, s.count * 95 / 100)], s.last!)
}
print("calls: \(count) (az, ru, en; \(lengths.min()!)–\(lengths.max()!) ms of audio each) on '\(device)'")
print("plan + render: \(summary(renders))")
print("call → first sample accepted by the device: \(summary(latencies))")
