import Foundation
import LobbyAnnouncement

/// A voice pack read from its folder: the manifest and every clip it lists, decoded.
public struct VoicePack: Sendable {
    /// The pack's folder.
    public let directory: String
    /// Its manifest.
    public let manifest: VoicePackManifest
    /// Each listed file's decoding (nil: the file does not exist), by path relative to the folder.
    public let decoded: [String: Result<PCM, WAVError>?]

    /// Reads the pack in `directory`; throws when the folder or its manifest cannot be read.
    public static func load(directory: String) throws(VoicePackError) -> VoicePack {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw .badManifest(FileManager.default.fileExists(atPath: directory)
                ? "\(manifestPath) does not exist or cannot be read" : "the folder \(directory) does not exist")
        }
        let manifest = try VoicePackManifest.parse(data)
        var decoded: [String: Result<PCM, WAVError>?] = [:]
        for file in Set(manifest.clips.values) {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let bytes = FileManager.default.contents(atPath: path) else { decoded[file] = .some(nil); continue }
            do throws(WAVError) {
                decoded[file] = .success(try WAV.decode([UInt8](bytes)))
            } catch {
                decoded[file] = .failure(error)
            }
        }
        return VoicePack(directory: directory, manifest: manifest, decoded: decoded)
    }

    /// What is missing or wrong for `required` clips.
    public func problems(required: [Clip]) -> [VoicePackProblem] {
        VoicePackCheck.problems(required: required, manifest: manifest, decoded: decoded)
    }

    /// The decoded clips by identifier (those that decoded).
    public var clips: [String: PCM] {
        var out: [String: PCM] = [:]
        for (id, file) in manifest.clips {
            if case .success(let pcm)?? = decoded[file] { out[id] = pcm }
        }
        return out
    }

    /// A renderer at `sampleRate`; the synthesised chime stands in when the pack has none.
    public func renderer(sampleRate: Int) -> AnnouncementRenderer {
        var c = clips
        if c[Clip.chime.id] == nil { c[Clip.chime.id] = Chime.render(sampleRate: sampleRate) }
        return AnnouncementRenderer(sampleRate: sampleRate, clips: c)
    }

    /// Writes a pack's skeleton into `directory`: manifest.json naming the conventional file of
    /// every clip, the synthesised chime, and clips.tsv (file, language, text: what to record).
    public static func writeTemplate(directory: String, name: String, clips: [Clip], sampleRate: Int = 48_000) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let manifest = VoicePackManifest.template(name: name, clips: clips)
        try manifest.encoded().write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("manifest.json")))
        var tsv = "file\tlanguage\ttext\n"
        for clip in clips.sorted() {
            let file = VoicePackManifest.conventionalFile(of: clip)
            if let l = clip.language {
                try fm.createDirectory(atPath: (directory as NSString).appendingPathComponent(l.rawValue), withIntermediateDirectories: true)
                tsv += "\(file)\t\(l.rawValue)\t\(clip.text)\n"
            } else {
                let chime = (directory as NSString).appendingPathComponent(file)
                if !fm.fileExists(atPath: chime) {
                    try Data(WAV.encode(Chime.render(sampleRate: sampleRate))).write(to: URL(fileURLWithPath: chime))
                }
            }
        }
        try tsv.write(toFile: (directory as NSString).appendingPathComponent("clips.tsv"), atomically: true, encoding: .utf8)
    }
}
