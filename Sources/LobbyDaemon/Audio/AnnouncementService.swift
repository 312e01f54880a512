import Dispatch
import Foundation
import LobbyAnnouncement
import LobbyConfiguration
import LobbyQueue
import Logging
import ServiceLifecycle

/// Speaks calls in the hall: hears every call and recall of the queue, queues it (stale ones are
/// dropped), renders it from the voice pack and plays it through the sound card, one at a time,
/// paced, at the volume of the time of day; health under `audio`, counts in /metrics.
final class AnnouncementService: Service, Sendable {
    let desk: AnnouncementDesk
    let planner: AnnouncementPlanner
    let settings: AudioDeviceConfiguration
    private let renderer: AnnouncementRenderer?
    private let packProblem: String?
    private let output: any SoundOutput
    private let queue: QueueService?
    private let health: HealthRegistry
    private let logger: Logger
    private let timeZone: TimeZone
    private let wakes: AsyncStream<Void>
    private let player = DispatchQueue(label: "lobby.audio.player")
    /// Speaks free text (a supervisor's message, the notice); nil: free text is not spoken.
    let speaker: (any Speaker)?

    /// The health key.
    static let healthKey = "audio"

    /// A service playing to `output` with the pack `renderer` (nil with `packProblem` when the pack could not be used).
    init(settings: AudioDeviceConfiguration, planner: AnnouncementPlanner, renderer: AnnouncementRenderer?, packProblem: String?,
         output: any SoundOutput, queue: QueueService?, health: HealthRegistry, logger: Logger, timeZone: TimeZone,
         speaker: (any Speaker)? = nil) {
        self.settings = settings
        self.speaker = speaker
        self.planner = planner
        self.renderer = renderer
        self.packProblem = packProblem
        self.output = output
        self.queue = queue
        self.health = health
        self.logger = logger
        self.timeZone = timeZone
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakes = stream
        desk = AnnouncementDesk(line: AnnouncementQueue(maxAge: Int64(settings.staleAfterSeconds) * 1_000, pause: Int64(settings.pauseMilliseconds)),
                                quiet: settings.quiet, wake: continuation)
    }

    /// Monotonic milliseconds.
    static func now() -> Int64 { Int64(DispatchTime.now().uptimeNanoseconds / 1_000_000) }

    func run() async throws {
        await checkDevice()
        await withDiscardingTaskGroup { group in
            if let queue {
                group.addTask {
                    let stream = await queue.subscribe()
                    await cancelWhenGracefulShutdown {
                        for await n in stream { await self.hear(n) }
                    }
                }
            }
            group.addTask { await cancelWhenGracefulShutdown { await self.playLoop() } }
        }
    }

    /// Queues the calls of one durable queue change and drops calls of tickets that left.
    func hear(_ n: QueueNotification) async {
        let now = Self.now()
        for event in n.record.events {
            switch event {
            case .serviceFinished(let id, _), .ticketNoShow(let id, _), .ticketCancelled(let id), .ticketParked(let id), .ticketTransferred(let id, _, _):
                if let number = n.numbers[id] { await desk.ticketLeft(prefix: number.prefix, number: number.value) }
            default: break
            }
        }
        for call in n.calls {
            guard let t = try? Announcement.parseTicket(call.ticket) else { continue }
            await desk.enqueue(Announcement(kind: call.recall ? .recall : .call, prefix: t.prefix, number: t.number, window: call.window), at: now)
        }
    }

    /// Says announcements as they come, until cancelled; idle it waits without running.
    private func playLoop() async {
        for await _ in wakes {
            while !Task.isCancelled {
                let now = Self.now()
                if let entry = await desk.start(at: now) {
                    await say(entry)
                    continue
                }
                guard let next = await desk.nextStart() else { break }
                try? await Task.sleep(for: .milliseconds(max(1, next - now)))
            }
        }
    }

    private func say(_ entry: AnnouncementQueue.Entry) async {
        guard !(await desk.quiet) else {
            await desk.finished(at: Self.now(), outcome: "quiet", latency: nil)
            return
        }
        guard let renderer else {
            await health.set(Self.healthKey, "error: \(packProblem ?? "no voice pack")")
            await desk.finished(at: Self.now(), outcome: "failed", latency: nil)
            return
        }
        do {
            let plan = try planner.plan(entry.announcement)
            let gain = VolumeSchedule.gain(percent: settings.volume.percent(atMinute: minuteOfDay()))
            let pcm = try renderer.render(plan, gain: gain).pcm
            let queuedAt = entry.queuedAt
            let output = self.output
            let result: (Result<Void, SoundOutputError>, Int64?) = await withCheckedContinuation { done in
                player.async {
                    let first = LatencyBox()
                    do throws(SoundOutputError) {
                        try output.play(pcm) { first.set(Self.now() - queuedAt) }
                        done.resume(returning: (.success(()), first.value))
                    } catch {
                        done.resume(returning: (.failure(error), first.value))
                    }
                }
            }
            switch result.0 {
            case .success:
                await health.set(Self.healthKey, "ok")
                await desk.finished(at: Self.now(), outcome: "played", latency: result.1)
                logger.info("announced", metadata: ["ticket": "\(entry.announcement.ticketText)", "window": "\(entry.announcement.window)",
                                                    "latencyMs": "\(result.1 ?? -1)"])
            case .failure(let e):
                await health.set(Self.healthKey, "error: \(e)")
                await desk.finished(at: Self.now(), outcome: "failed", latency: result.1)
                logger.error("announcement failed", metadata: ["ticket": "\(entry.announcement.ticketText)", "error": "\(e)"])
            }
        } catch {
            await health.set(Self.healthKey, "error: \(error)")
            await desk.finished(at: Self.now(), outcome: "failed", latency: nil)
        }
    }

    /// Speaks free text now, after the announcement playing (never over it), at the volume of the
    /// time of day; true once it is synthesised and queued for the card, false when it cannot be
    /// (no speaker, quiet mode, text the engine refuses). A failing card shows in health.
    func speak(_ text: String, language: String) async -> Bool {
        guard let speaker, let spoken = SpokenLanguage(rawValue: language), !(await desk.quiet) else { return false }
        let gain = VolumeSchedule.gain(percent: settings.volume.percent(atMinute: minuteOfDay()))
        let rate = settings.sampleRate
        let output = self.output
        let health = self.health
        let logger = self.logger
        return await withCheckedContinuation { done in
            player.async {
                let pcm: PCM
                do throws(SpeakerError) {
                    // The tail of a stream is cut by some cards: end with silence (as announcements do).
                    var speech = try speaker.speak(text, language: spoken).resampled(to: rate).scaled(by: gain)
                    speech.samples += PCM.silence(milliseconds: 250, sampleRate: rate).samples
                    pcm = speech
                } catch {
                    logger.error("free text not spoken", metadata: ["error": "\(error)"])
                    done.resume(returning: false)
                    return
                }
                done.resume(returning: true)
                do throws(SoundOutputError) {
                    try output.play(pcm) {}
                    logger.info("free text spoken", metadata: ["language": "\(language)", "characters": "\(text.count)"])
                } catch {
                    Task { await health.set(Self.healthKey, "error: \(error)") }
                    logger.error("free text failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// The planned sequence of a call rendered from the voice pack at full level (the hall TV sets
    /// its own volume), as a WAV file; nil when the pack could not be loaded.
    func wav(for announcement: Announcement) throws -> [UInt8]? {
        guard let renderer else { return nil }
        return WAV.encode(try renderer.render(try planner.plan(announcement)).pcm)
    }

    /// Sets health from the pack and an open/close of the device.
    func checkDevice() async {
        if let packProblem { await health.set(Self.healthKey, "error: \(packProblem)"); return }
        let output = self.output
        let state: String = await withCheckedContinuation { done in
            player.async {
                do throws(SoundOutputError) {
                    try output.probe()
                    done.resume(returning: "ok")
                } catch {
                    done.resume(returning: "error: \(error)")
                }
            }
        }
        await health.set(Self.healthKey, state)
    }

    private func minuteOfDay() -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: Date())
        return (c.hour ?? 0) * 60 + (c.minute ?? 0)
    }

    /// Prometheus lines for /metrics.
    func metrics() async -> String {
        let outcomes = await desk.outcomes
        let pending = await desk.line.pending.count
        let quiet = await desk.quiet
        let worst = await desk.worstLatency
        var text = "# HELP lobby_announcements_total Announcements since start, by outcome (played, failed, quiet, dropped-*).\n"
            + "# TYPE lobby_announcements_total counter\n"
        for key in (["played", "failed", "quiet"] + AnnouncementQueue.DropReason.allCases.map { "dropped-\($0.rawValue)" }) {
            text += "lobby_announcements_total{outcome=\"\(key)\"} \(outcomes[key] ?? 0)\n"
        }
        text += "# HELP lobby_announcements_waiting Announcements waiting to be said.\n# TYPE lobby_announcements_waiting gauge\n"
            + "lobby_announcements_waiting \(pending)\n"
        text += "# HELP lobby_announcements_quiet 1 in quiet mode (shown, not spoken).\n# TYPE lobby_announcements_quiet gauge\n"
            + "lobby_announcements_quiet \(quiet ? 1 : 0)\n"
        text += "# HELP lobby_announcement_first_sample_seconds_max The longest from a call to its first sample at the card.\n"
            + "# TYPE lobby_announcement_first_sample_seconds_max gauge\nlobby_announcement_first_sample_seconds_max \(Double(worst) / 1000)\n"
        return text
    }
}

/// The first-sample latency, set once from the player's thread.
final class LatencyBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int64?
    /// The latency, if set.
    var value: Int64? { lock.withLock { stored } }
    /// Sets the latency the first time.
    func set(_ v: Int64) { lock.withLock { if stored == nil { stored = v } } }
}
