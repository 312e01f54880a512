import Foundation
import LobbyALSA
import LobbyAnnouncement
import LobbyConfiguration
import LobbyTestSupport
import Logging
import Testing

@testable import LobbyDaemon

/// The announcement service with the simulated sound card, in process: order, no overlap,
/// stale calls dropped, failures in health, quiet mode.
@Suite("Announcement service", .tags(.host))
struct AnnouncementServiceTests {
    /// Short tones for every clip, so an English announcement lasts about a second.
    static func renderer(_ planner: AnnouncementPlanner, rate: Int = 16_000) -> AnnouncementRenderer {
        var clips: [String: PCM] = [:]
        for (i, clip) in planner.requiredClips().enumerated() {
            clips[clip.id] = PCM(sampleRate: rate, samples: (0..<rate / 20).map { Int16(sin(Double($0) * 0.05 * Double(1 + i % 7)) * 6_000) })
        }
        return AnnouncementRenderer(sampleRate: rate, clips: clips)
    }

    struct Rig {
        let service: AnnouncementService
        let card: SimulatedSoundOutput
        let health: HealthRegistry
        let task: Task<Void, any Error>
    }

    static func rig(speed: Double = 4, quiet: Bool = false, pause: Int = 200) throws -> Rig {
        var settings = AudioDeviceConfiguration()
        settings.languages = [.en]
        settings.chime = false
        settings.sampleRate = 16_000
        settings.pauseMilliseconds = pause
        settings.quiet = quiet
        let planner = try AnnouncementPlanner(languages: [.en], chime: false)
        let card = SimulatedSoundOutput(deviceName: "sim", speed: speed)
        let health = HealthRegistry()
        let service = AnnouncementService(settings: settings, planner: planner, renderer: renderer(planner), packProblem: nil, output: card,
                                          queue: nil, health: health, logger: Logger(label: "test"), timeZone: .current)
        let task = Task { try await service.run() }
        return Rig(service: service, card: card, health: health, task: task)
    }

    static func call(_ n: Int, _ w: Int, recall: Bool = false) -> Announcement {
        Announcement(kind: recall ? .recall : .call, prefix: "A", number: n, window: w)
    }

    @Test("A burst of 10 calls: all played, in order, never overlapping, paced")
    func burst() async throws {
        let rig = try Self.rig()
        defer { rig.task.cancel() }
        for i in 1...10 { await rig.service.desk.enqueue(Self.call(i, i), at: AnnouncementService.now()) }
        #expect(await eventually(within: 60) { rig.card.played.count == 10 })
        #expect(rig.card.overlaps == 0)
        let played = rig.card.played
        // Each announcement says its own window last: the audio lengths match the plans in order.
        let planner = try AnnouncementPlanner(languages: [.en], chime: false)
        let renderer = Self.renderer(planner)
        for (i, p) in played.enumerated() {
            let expected = try renderer.render(planner.plan(Self.call(i + 1, i + 1))).pcm
            #expect(p.pcm == expected, "announcement \(i + 1) is not the planned audio")
        }
        // Paced: at least the pause (at the card's speed) between the end of one and the next start.
        for (a, b) in zip(played, played.dropFirst()) { #expect(b.started >= a.ended + 150_000_000) }
        // The card has played all; the service counts each once the card hands back (the cooperative pool may lag).
        #expect(await eventually(within: 60) { await rig.service.metrics().contains("lobby_announcements_total{outcome=\"played\"} 10") })
        #expect(await rig.health.all()["audio"] == "ok")
    }

    @Test("While one plays, a window calling again replaces its waiting call; the playing one is finished")
    func stale() async throws {
        let rig = try Self.rig(speed: 0.2)  // the first call plays for about 5 s while the others arrive
        defer { rig.task.cancel() }
        await rig.service.desk.enqueue(Self.call(1, 1), at: AnnouncementService.now())
        #expect(await eventually(within: 60) { await rig.service.desk.line.playing != nil })
        await rig.service.desk.enqueue(Self.call(2, 2), at: AnnouncementService.now())
        await rig.service.desk.enqueue(Self.call(3, 2), at: AnnouncementService.now())
        await rig.service.desk.enqueue(Self.call(4, 3), at: AnnouncementService.now())
        await rig.service.desk.ticketLeft(prefix: "A", number: 4)
        #expect(await eventually(within: 60) {
            let playing = await rig.service.desk.line.playing
            return rig.card.played.count == 2 && playing == nil
        })
        try await Task.sleep(for: .milliseconds(300))
        #expect(rig.card.played.count == 2)
        let metrics = await rig.service.metrics()
        #expect(metrics.contains("lobby_announcements_total{outcome=\"dropped-window-called-again\"} 1"))
        #expect(metrics.contains("lobby_announcements_total{outcome=\"dropped-ticket-left\"} 1"))
    }

    @Test("A card that fails is reported in health and does not stop the next announcement")
    func failure() async throws {
        let rig = try Self.rig()
        defer { rig.task.cancel() }
        #expect(await eventually(within: 60) { await rig.health.all()["audio"] == "ok" })
        rig.card.setFault(.goneAfter(frames: 800))
        await rig.service.desk.enqueue(Self.call(1, 1), at: AnnouncementService.now())
        #expect(await eventually(within: 60) {
            let state = await rig.health.all()["audio"]
            return state?.contains("No such device") == true
        })
        rig.card.setFault(.none)
        await rig.service.desk.enqueue(Self.call(2, 2), at: AnnouncementService.now())
        #expect(await eventually(within: 60) {
            let state = await rig.health.all()["audio"]
            return rig.card.played.count == 1 && state == "ok"
        })
        #expect(await rig.service.metrics().contains("lobby_announcements_total{outcome=\"failed\"} 1"))
    }

    @Test("Quiet mode: calls are not spoken, counted as quiet; spoken again when it ends")
    func quiet() async throws {
        let rig = try Self.rig(quiet: true)
        defer { rig.task.cancel() }
        await rig.service.desk.enqueue(Self.call(1, 1), at: AnnouncementService.now())
        #expect(await eventually(within: 60) { await rig.service.metrics().contains("outcome=\"quiet\"} 1") })
        #expect(rig.card.played.isEmpty)
        await rig.service.desk.setQuiet(false)
        await rig.service.desk.enqueue(Self.call(2, 2), at: AnnouncementService.now())
        #expect(await eventually(within: 60) { rig.card.played.count == 1 })
    }

    @Test("devices.audio is read, and wrong values say where")
    func configuration() throws {
        let centre = DaemonPlanTests.centre
        let config = try ConfigurationLoader.parse(centre + """

        devices:
          audio:
            device: plughw:0,0
            languages: [ru, en]
            volume:
              - {from: "08:00", percent: 60}
              - {from: "12:00", percent: 100}
        """, file: "lobby.yaml")
        #expect(config.audio?.device == "plughw:0,0")
        #expect(config.audio?.languages == [.ru, .en])
        #expect(config.audio?.volume.percent(atMinute: 9 * 60) == 60)
        let plan = DaemonPlan.make(configuration: config, options: DaemonOptions(), environment: [:])
        #expect(plan.parts.contains(.announcements))
        #expect(plan.libraries.contains(.asound))
        for (bad, message) in [("languages: [az, fr]", "unknown language 'fr'"), ("languages: [az, az]", "'az' is named twice"),
                               ("volume: [{from: \"8:00\", percent: 50}]", "expected a time HH:MM"),
                               ("volume: [{from: \"09:00\", percent: 50}, {from: \"08:00\", percent: 50}]", "times must increase")] {
            #expect {
                try ConfigurationLoader.parse(centre + "\ndevices:\n  audio:\n    \(bad)\n", file: "lobby.yaml")
            } throws: { error in
                "\(error)".contains(message) && "\(error)".contains("devices.audio")
            }
        }
    }
}
