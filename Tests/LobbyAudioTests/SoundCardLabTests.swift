import Foundation
import LobbyAnnouncement
import LobbyLabSupport
import LobbyTestSupport
import LobbyVoicePack
import Testing

/// The real sound path: lobbyd in the QEMU x86 guest plays through ALSA to an emulated intel-hda
/// card; QEMU writes what the card played to a WAV file on the host, and the test finds every
/// planned announcement in it, sample for sample, in order and without overlap.
@Suite("Sound card lab (QEMU intel-hda)", .tags(.emulated), .serialized)
struct SoundCardLabTests {
    /// A pack of distinct short tones, inside the package (the guest sees the host's files, not its /tmp).
    static func tonePack() throws -> String {
        let dir = LabGuest.packageDirectory.appendingPathComponent(".build/sound-lab-pack").path
        let clips = try AnnouncementPlanner(languages: [.az, .en]).requiredClips()
        try? FileManager.default.removeItem(atPath: dir)
        try VoicePack.writeTemplate(directory: dir, name: "tones", clips: clips)
        for (i, clip) in clips.enumerated() where clip != .chime {
            let frequency = 300 + Double(i) * 11
            let tone = PCM(sampleRate: 48_000, samples: (0..<4_800).map { n in
                Int16(sin(2 * .pi * frequency * Double(n) / 48_000) * 7_000 * min(1, Double(n) / 240, Double(4_800 - n) / 240))
            })
            try Data(WAV.encode(tone)).write(to: URL(fileURLWithPath: dir + "/" + VoicePackManifest.conventionalFile(of: clip)))
        }
        return dir
    }

    /// Where `needle` (its sounding part) starts in `haystack` at or after `from`, sample-exact.
    static func find(_ needle: [Int16], in haystack: [Int16], from: Int) -> Int? {
        guard let k = needle.firstIndex(where: { $0 != 0 }), let last = needle.lastIndex(where: { $0 != 0 }) else { return nil }
        let key = Array(needle[k..<min(k + 32, last + 1)])
        var p = from + k
        while p + (last - k) < haystack.count {
            if haystack[p] == key[0], Array(haystack[p..<p + key.count]) == key, Array(haystack[p..<p + last - k + 1]) == Array(needle[k...last]) {
                return p - k
            }
            p += 1
        }
        return nil
    }

    @Test("A burst of 10 calls: the captured audio is the 10 planned announcements, in order, none overlapping")
    func burstOfTen() async throws {
        if let reason = LabGuest.unavailableReason {
            Issue.record(Comment(rawValue: reason))
            return
        }
        let pack = try Self.tonePack()
        let capture = LabGuest.packageDirectory.appendingPathComponent(".build/sound-lab-\(getpid()).wav").path
        try? FileManager.default.removeItem(atPath: capture)
        let guest = try LabGuest(
            command: [LabGuest.labDirectory.appendingPathComponent("sound-check.sh").path, LabGuest.product("lobbyd"), LabGuest.product("lobbyctl"), pack],
            tablet: false,
            // Instruction counting: the guest's clock follows its own progress, so a host busy with other
            // work cannot starve the guest into an underrun (Docs/Audio.md); it also runs faster.
            extraArguments: ["-icount", "shift=auto,sleep=off", "-audiodev", "wav,id=snd0,path=\(capture),out.frequency=48000", "-device", "intel-hda",
                             "-device", "hda-output,audiodev=snd0,mixer=off"])
        let status = try await guest.waitForResult(timeout: 400)
        let lines = guest.probeLines
        guest.stop()
        #expect(status == 0, "guest: \(lines)")
        #expect(lines.contains("PLAYED 10"), "\(lines)")

        let captured = try WAV.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: capture))))
        #expect(captured.sampleRate == 48_000)
        let planner = try AnnouncementPlanner(languages: [.az, .en])
        let renderer = try VoicePack.load(directory: pack).renderer(sampleRate: 48_000)
        var position = 0
        var previousEnd = 0
        for w in 1...10 {
            let plan = try planner.plan(Announcement(kind: .call, prefix: "P", number: w, window: w))
            let expected = try renderer.render(plan).pcm.samples
            guard let start = Self.find(expected, in: captured.samples, from: position) else {
                Issue.record("announcement \(w) (P\(w) to window \(w)) not found after sample \(position) of \(captured.samples.count)")
                return
            }
            #expect(start >= previousEnd, "announcement \(w) overlaps the one before")
            let soundEnd = start + (expected.lastIndex { $0 != 0 } ?? 0) + 1
            previousEnd = soundEnd
            position = soundEnd
        }
        try? FileManager.default.removeItem(atPath: capture)
    }
}
