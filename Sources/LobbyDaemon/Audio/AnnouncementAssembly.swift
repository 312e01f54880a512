import Foundation
import LobbyALSA
import LobbyAnnouncement
import LobbyConfiguration
import LobbyVoicePack
import Logging

/// Builds the announcement service from `devices.audio`: the planner, the voice pack (its
/// problems become the `audio` health instead of stopping lobbyd) and the sound card.
enum AnnouncementAssembly {
    /// The service; `simulated` plays to the simulated card (the demo).
    static func service(_ audio: AudioDeviceConfiguration, simulated: Bool, queue: QueueService?, health: HealthRegistry,
                        logger: Logger, timeZone: TimeZone) -> AnnouncementService? {
        // The loader refuses empty or repeated languages, so the planner cannot fail here.
        guard let planner = try? AnnouncementPlanner(languages: audio.languages, chime: audio.chime) else { return nil }
        var renderer: AnnouncementRenderer?
        var problem: String?
        do throws(VoicePackError) {
            let pack = try VoicePack.load(directory: audio.pack)
            let problems = pack.problems(required: planner.requiredClips()).filter { ["missing-clip", "missing-file", "unreadable", "silent"].contains($0.kind) }
            if problems.isEmpty {
                renderer = pack.renderer(sampleRate: audio.sampleRate)
            } else {
                problem = "voice pack \(audio.pack): \(problems.count) clips missing or unreadable, first \(problems[0]) (lobbyctl audio test --pack \(audio.pack))"
            }
        } catch {
            problem = "voice pack \(audio.pack): \(error)"
        }
        if let problem { logger.error("audio", metadata: ["problem": "\(problem)"]) }
        let output: any SoundOutput = simulated || audio.device == "simulated"
            ? SimulatedSoundOutput(deviceName: "simulated") : ALSAOutput(device: audio.device)
        return AnnouncementService(settings: audio, planner: planner, renderer: renderer, packProblem: problem, output: output,
                                   queue: queue, health: health, logger: logger, timeZone: timeZone)
    }
}
