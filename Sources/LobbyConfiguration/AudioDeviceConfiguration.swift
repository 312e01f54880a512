import LobbyAnnouncement

/// `devices.audio`: spoken announcements of calls through a sound card.
public struct AudioDeviceConfiguration: Sendable, Equatable {
    /// The ALSA PCM device (`default`, `plughw:0,0`).
    public var device = "default"
    /// The voice pack's folder.
    public var pack = "/usr/share/lobby/voice"
    /// The languages spoken, in order.
    public var languages: [SpokenLanguage] = [.az, .ru, .en]
    /// Whether the chime opens each announcement.
    public var chime = true
    /// The rate audio is played at.
    public var sampleRate = 48_000
    /// The pause between two announcements, in milliseconds.
    public var pauseMilliseconds = 700
    /// An announcement not begun after this many seconds is dropped as stale.
    public var staleAfterSeconds = 90
    /// The volume by time of day.
    public var volume = VolumeSchedule.constant
    /// Starts in quiet mode (announcements shown but not spoken).
    public var quiet = false

    /// The defaults.
    public init() {}
}

extension ConfigurationLoader {
    /// Reads `devices.audio`.
    static func readAudio(_ n: ConfigNode) throws(ConfigFileError) -> AudioDeviceConfiguration {
        let m = try n.mapping(allowed: ["device", "pack", "languages", "chime", "sampleRate", "pauseMilliseconds", "staleAfterSeconds", "volume", "quiet"])
        var a = AudioDeviceConfiguration()
        a.device = try m["device"]?.string() ?? a.device
        a.pack = try m["pack"]?.string() ?? a.pack
        if let l = m["languages"] {
            var languages: [SpokenLanguage] = []
            for item in try l.sequence() {
                let text = try item.string()
                guard let language = SpokenLanguage(rawValue: text) else { throw item.error("unknown language '\(text)'; expected az, ru or en") }
                guard !languages.contains(language) else { throw item.error("'\(text)' is named twice") }
                languages.append(language)
            }
            guard !languages.isEmpty else { throw l.error("name at least one of az, ru, en") }
            a.languages = languages
        }
        a.chime = try m["chime"]?.bool() ?? a.chime
        if let r = m["sampleRate"] {
            let rate = try r.int()
            guard [8_000, 16_000, 22_050, 44_100, 48_000].contains(rate) else { throw r.error("expected 8000, 16000, 22050, 44100 or 48000, got \(rate)") }
            a.sampleRate = rate
        }
        a.pauseMilliseconds = try m["pauseMilliseconds"]?.int(in: 0...10_000) ?? a.pauseMilliseconds
        a.staleAfterSeconds = try m["staleAfterSeconds"]?.int(in: 5...3_600) ?? a.staleAfterSeconds
        if let v = m["volume"] {
            var steps: [VolumeSchedule.Step] = []
            for item in try v.sequence() {
                let im = try item.mapping(allowed: ["from", "percent"])
                guard let from = im["from"], let percent = im["percent"] else { throw item.error("each step needs 'from' (HH:MM) and 'percent'") }
                let text = try from.string()
                guard let minute = VolumeSchedule.minute(of: text) else { throw from.error("expected a time HH:MM, got '\(text)'") }
                steps.append(VolumeSchedule.Step(fromMinute: minute, percent: try percent.int(in: 0...100)))
            }
            do {
                a.volume = try VolumeSchedule(steps: steps)
            } catch {
                throw v.error("\(error)")
            }
        }
        a.quiet = try m["quiet"]?.bool() ?? a.quiet
        return a
    }
}
