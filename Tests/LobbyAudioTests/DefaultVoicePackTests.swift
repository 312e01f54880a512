import Foundation
import LobbyAnnouncement
import LobbyTestSupport
import LobbyVoicePack
import Testing

/// The repository's root (scripts live there).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Generates the default pack once per process with the real espeak-ng (scripts/make-voice-pack.sh).
actor DefaultPack {
    static let shared = DefaultPack()
    private var directory: String?

    func path() async throws -> String {
        if let directory { return directory }
        let dir = NSTemporaryDirectory() + "lobby-voice-pack-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        let planner = try AnnouncementPlanner(languages: [.az, .ru, .en])
        try VoicePack.writeTemplate(directory: dir, name: "Default voice (espeak-ng)", clips: planner.requiredClips())
        // espeak-ng runs for tens of seconds: wait for it off the cooperative pool, which other suites share.
        let status: Int32 = try await withCheckedThrowingContinuation { done in
            DispatchQueue.global().async {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/bash")
                p.arguments = [repositoryRoot + "/scripts/make-voice-pack.sh", dir]
                do {
                    try p.run()
                    p.waitUntilExit()
                    done.resume(returning: p.terminationStatus)
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
        guard status == 0 else { throw CocoaError(.fileWriteUnknown) }
        directory = dir
        return dir
    }
}

@Suite("Default voice pack (espeak-ng)", .tags(.host))
struct DefaultVoicePackTests {
    @Test("The generated pack has every clip of az, ru and en, readable, not silent, not clipped, levels even")
    func complete() async throws {
        let pack = try VoicePack.load(directory: try await DefaultPack.shared.path())
        let planner = try AnnouncementPlanner(languages: [.az, .ru, .en])
        let problems = pack.problems(required: planner.requiredClips())
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(pack.clips.count == planner.requiredClips().count)
    }

    @Test("A042 to window 5 rendered at 48 kHz: length, gaps, clipping and level")
    func rendered() async throws {
        let pack = try VoicePack.load(directory: try await DefaultPack.shared.path())
        let planner = try AnnouncementPlanner(languages: [.az, .ru, .en])
        let renderer = pack.renderer(sampleRate: 48_000)
        let plan = try planner.plan(Announcement(kind: .call, prefix: "A", number: 42, window: 5))
        let (pcm, placements) = try renderer.render(plan)
        let a = PCMAnalysis(pcm)
        // Spoken words at 150 wpm: three sentences of 6–8 words, the chime and pauses: 6–20 s.
        #expect(pcm.milliseconds > 6_000 && pcm.milliseconds < 20_000, "\(pcm.milliseconds) ms")
        #expect(a.clipped == 0)
        #expect(a.soundingLevel > -30 && a.soundingLevel < -6, "\(a.soundingLevel) dBFS")
        // The planned pauses between languages are heard as silences at their places.
        for p in placements where p.segment == .silence(milliseconds: planner.gaps.betweenLanguages) {
            #expect(a.gaps.contains { abs($0.start - p.start) <= 480 && $0.frames >= p.frames - 960 }, "no gap at \(p.start)")
        }
        // No gap inside a clip longer than a between-languages pause.
        #expect(a.gaps.dropLast().allSatisfy { $0.frames <= PCM.frames(milliseconds: 700, sampleRate: 48_000) })
    }

    @Test("A pack with a missing file and a damaged file is reported clip by clip")
    func damaged() async throws {
        let source = try await DefaultPack.shared.path()
        let dir = NSTemporaryDirectory() + "lobby-voice-pack-damaged-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        try FileManager.default.removeItem(atPath: dir + "/ru/ru.ordinal-dative.5.wav")
        try Data("not audio".utf8).write(to: URL(fileURLWithPath: dir + "/az/az.number.40.wav"))
        let planner = try AnnouncementPlanner(languages: [.az, .ru])
        let problems = try VoicePack.load(directory: dir).problems(required: planner.requiredClips())
        #expect(problems.map(\.kind) == ["unreadable", "missing-file"])
        #expect(problems.map(\.clip) == ["az.number.40", "ru.ordinal-dative.5"])
        #expect(throws: VoicePackError.self) { try VoicePack.load(directory: dir + "/nowhere") }
    }
}
