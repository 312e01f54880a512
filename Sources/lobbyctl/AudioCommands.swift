import ArgumentParser
import Foundation
import LobbyALSA
import LobbyAnnouncement
import LobbySpeech
import LobbyVoicePack

/// `lobbyctl audio …`: sound cards, voice packs and spoken announcements (Docs/Audio.md).
struct AudioCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio", abstract: "Sound cards, voice packs and spoken announcements.",
        subcommands: [Devices.self, Test.self, Say.self, Announce.self, Template.self])

    /// Where the played audio goes: a sound card, or a WAV file.
    struct Destination: ParsableArguments {
        @Option(help: "The ALSA PCM device to play on.")
        var device = "default"
        @Option(help: "Write a WAV file instead of playing.")
        var out: String?
    }

    /// The language list of the announcement options.
    static func languages(_ text: String) throws -> [SpokenLanguage] {
        var out: [SpokenLanguage] = []
        for part in text.split(separator: ",") {
            guard let l = SpokenLanguage(rawValue: String(part)) else { throw CLIError.usage("unknown language '\(part)' in --languages; expected az, ru, en") }
            out.append(l)
        }
        do {
            return try AnnouncementPlanner(languages: out).languages
        } catch {
            throw CLIError.usage("--languages: \(error)")
        }
    }

    /// Plays `pcm` on the destination's device or writes it as WAV; returns where it went.
    static func deliver(_ pcm: PCM, to destination: Destination) throws -> String {
        if let out = destination.out {
            do {
                try Data(WAV.encode(pcm)).write(to: URL(fileURLWithPath: out))
            } catch {
                throw CLIError.failed("cannot-write", "cannot write \(out): \(error.localizedDescription)", exitCode: 73)
            }
            return out
        }
        do throws(SoundOutputError) {
            try ALSAOutput(device: destination.device).play(pcm) {}
        } catch {
            throw CLIError.deviceError("\(error)")
        }
        return destination.device
    }

    /// What was played or written.
    struct Played: Encodable {
        let text: String
        let milliseconds: Int
        let sampleRate: Int
        let destination: String
        let clips: [String]?
    }

    struct Devices: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the sound devices ALSA can play on; --check opens one.")

        @Option(help: "Open this device for playback and report whether it works (exit 1 if not).")
        var check: String?
        @Flag(help: "Print JSON.") var json = false

        struct Device: Encodable { let name: String; let description: String }

        func run() throws {
            if let check {
                do throws(SoundOutputError) {
                    try ALSAOutput(device: check).probe()
                } catch {
                    throw CLIError.deviceError("\(error)")
                }
            }
            let devices = ALSAOutput.devices().map { Device(name: $0.name, description: $0.description) }
            if json { return try printJSON(devices) }
            if devices.isEmpty { print("no sound devices") }
            for d in devices { print("\(d.name)\t\(d.description)") }
            if let check { print("\(check): opens for playback") }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a voice pack (--pack: lists every clip missing or wrong), or play the chime on a device.")

        @Option(help: "The voice pack's folder to check.")
        var pack: String?
        @Option(help: "The languages the pack must cover, in order (comma-separated).")
        var languages = "az,ru,en"
        @OptionGroup var destination: Destination
        @Flag(help: "Print JSON.") var json = false

        struct Report: Encodable {
            let pack: String
            let name: String
            let required: Int
            let problems: [VoicePackProblem]
        }

        func run() throws {
            let languages = try AudioCommandGroup.languages(languages)
            guard let pack else {
                let chime = Chime.render(sampleRate: 48_000)
                let padded = PCM(sampleRate: 48_000, samples: chime.samples + PCM.silence(milliseconds: 300, sampleRate: 48_000).samples)
                let target = try AudioCommandGroup.deliver(padded, to: destination)
                if json { return try printJSON(Played(text: "(chime)", milliseconds: padded.milliseconds, sampleRate: 48_000, destination: target, clips: ["chime"])) }
                print("chime played on \(target)")
                return
            }
            let loaded: VoicePack
            do throws(VoicePackError) {
                loaded = try VoicePack.load(directory: pack)
            } catch {
                throw CLIError.failed("voice-pack-unreadable", "\(error)", exitCode: 66)
            }
            let required = try AnnouncementPlanner(languages: languages).requiredClips()
            let problems = loaded.problems(required: required)
            let report = Report(pack: pack, name: loaded.manifest.name, required: required.count, problems: problems)
            guard problems.isEmpty else {
                if !json { for p in problems { print(p) } }
                throw CLIError.failed("voice-pack-incomplete", "\(problems.count) of \(required.count) clips are missing or wrong in \(pack)",
                                      result: try AnyJSON(encoding: report))
            }
            if json { return try printJSON(report) }
            print("\(pack) (\(loaded.manifest.name)): all \(required.count) clips present and usable")
        }
    }

    struct Announce: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say a call as lobbyd would: lobbyctl audio announce A042 5.")

        @Argument(help: "The ticket, e.g. A042.") var ticket: String
        @Argument(help: "The window number.") var window: Int
        @Flag(help: "Say it as a recall.") var recall = false
        @Option(help: "The voice pack's folder.") var pack = "/usr/share/lobby/voice"
        @Option(help: "The languages, in order (comma-separated).") var languages = "az,ru,en"
        @Flag(help: "Leave out the chime.") var noChime = false
        @Option(help: "Volume in percent.") var volume = 100
        @OptionGroup var destination: Destination
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let planner: AnnouncementPlanner
            let announcement: Announcement
            let spoken = try AudioCommandGroup.languages(languages)
            do throws(AnnouncementError) {
                planner = try AnnouncementPlanner(languages: spoken, chime: !noChime)
                let t = try Announcement.parseTicket(ticket)
                announcement = Announcement(kind: recall ? .recall : .call, prefix: t.prefix, number: t.number, window: window)
                _ = try planner.plan(announcement)
            } catch {
                throw CLIError.usage("\(error)")
            }
            guard (0...100).contains(volume) else { throw CLIError.usage("--volume must be 0 to 100, got \(volume)") }
            let plan = try planner.plan(announcement)
            let loaded: VoicePack
            do throws(VoicePackError) {
                loaded = try VoicePack.load(directory: pack)
            } catch {
                throw CLIError.failed("voice-pack-unreadable", "\(error)", exitCode: 66)
            }
            let pcm: PCM
            do throws(VoicePackError) {
                pcm = try loaded.renderer(sampleRate: 48_000).render(plan, gain: VolumeSchedule.gain(percent: volume)).pcm
            } catch {
                throw CLIError.failed("voice-pack-incomplete", "\(error) (lobbyctl audio test --pack \(pack))")
            }
            let target = try AudioCommandGroup.deliver(pcm, to: destination)
            let text = planner.text(of: plan)
            let clips = plan.compactMap { s -> String? in if case .clip(let c) = s { c.id } else { nil } }
            if json { return try printJSON(Played(text: text, milliseconds: pcm.milliseconds, sampleRate: 48_000, destination: target, clips: clips)) }
            print("\(text)\n\(pcm.milliseconds) ms → \(target)")
        }
    }

    struct Say: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Speak free text with libespeak-ng: lobbyctl audio say \"…\" --language az.")

        @Argument(help: "The text to say.") var text: String
        @Option(help: "az, ru or en.") var language = "az"
        @Option(help: "Words per minute.") var rate = 150
        @OptionGroup var destination: Destination
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard let l = SpokenLanguage(rawValue: language) else { throw CLIError.usage("unknown --language '\(language)'; expected az, ru or en") }
            guard (80...400).contains(rate) else { throw CLIError.usage("--rate must be 80 to 400 words per minute, got \(rate)") }
            let speech: PCM
            do throws(SpeakerError) {
                speech = try EspeakSpeaker(rate: rate).speak(text, language: l)
            } catch {
                throw CLIError.failed("speech-failed", "\(error)", exitCode: 65)
            }
            let pcm = PCM(sampleRate: 48_000, samples: speech.resampled(to: 48_000).samples + PCM.silence(milliseconds: 300, sampleRate: 48_000).samples)
            let target = try AudioCommandGroup.deliver(pcm, to: destination)
            if json { return try printJSON(Played(text: text, milliseconds: pcm.milliseconds, sampleRate: 48_000, destination: target, clips: nil)) }
            print("\(pcm.milliseconds) ms → \(target)")
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a voice pack's skeleton: manifest.json, the chime and clips.tsv (every file to record and what it says).")

        @Argument(help: "The pack's folder (created).") var directory: String
        @Option(help: "The languages, in order (comma-separated).") var languages = "az,ru,en"
        @Option(help: "The pack's name.") var name = "Centre voice"
        @Flag(help: "Print JSON.") var json = false

        struct Written: Encodable { let directory: String; let clips: Int }

        func run() throws {
            let planner = try AnnouncementPlanner(languages: try AudioCommandGroup.languages(languages))
            do {
                try VoicePack.writeTemplate(directory: directory, name: name, clips: planner.requiredClips())
            } catch {
                throw CLIError.failed("cannot-write", "cannot write the pack's skeleton in \(directory): \(error.localizedDescription)", exitCode: 73)
            }
            let count = planner.requiredClips().count
            if json { return try printJSON(Written(directory: directory, clips: count)) }
            print("\(directory): manifest.json, chime.wav and clips.tsv for \(count) clips")
        }
    }
}
