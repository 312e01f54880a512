import Foundation
import LobbyAnnouncement
import LobbyTestSupport
import LobbyVoicePack
import Testing

/// Runs the built lobbyctl.
func lobbyctl(_ arguments: [String]) throws -> (status: Int32, out: String) {
    let p = Process()
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    if dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
    p.executableURL = dir.appendingPathComponent("lobbyctl")
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("lobbyctl audio", .tags(.host))
struct AudioToolTests {
    @Test("announce writes exactly the planned, rendered sequence of the pack's clips")
    func announceMatchesRendering() async throws {
        let dir = try await DefaultPack.shared.path()
        let out = NSTemporaryDirectory() + "lobby-announce-\(getpid()).wav"
        let run = try lobbyctl(["audio", "announce", "B107", "23", "--recall", "--pack", dir, "--languages", "ru,en", "--volume", "80", "--out", out, "--json"])
        #expect(run.status == 0, "\(run.out)")
        let written = try WAV.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))))
        let planner = try AnnouncementPlanner(languages: [.ru, .en])
        let plan = try planner.plan(Announcement(kind: .recall, prefix: "B", number: 107, window: 23))
        let expected = try VoicePack.load(directory: dir).renderer(sampleRate: 48_000).render(plan, gain: VolumeSchedule.gain(percent: 80)).pcm
        #expect(written == expected)
        let json = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any]
        #expect(json?["text"] as? String == "Повторный вызов, Билет бэ сто семь, к двадцать третьему окну. Calling again, Ticket bee one hundred and seven, to window twenty-three.")
    }

    @Test("test --pack lists each missing clip with its file and what it says, exit 1")
    func testListsMissing() async throws {
        let dir = NSTemporaryDirectory() + "lobby-pack-partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: try await DefaultPack.shared.path(), toPath: dir)
        for file in ["en/en.number.13.wav", "en/en.letter.Q.wav"] { try FileManager.default.removeItem(atPath: dir + "/" + file) }
        let run = try lobbyctl(["audio", "test", "--pack", dir, "--languages", "en"])
        #expect(run.status == 1)
        #expect(run.out.contains("en.letter.Q (en/en.letter.Q.wav): the file does not exist (it should say \"cue\")"), "\(run.out)")
        #expect(run.out.contains("en.number.13 (en/en.number.13.wav)"))
        #expect(try lobbyctl(["audio", "test", "--pack", dir, "--languages", "az"]).status == 0)
    }
}
