import Foundation

/// A voice pack's `manifest.json`: which file holds which clip (Docs/Audio.md describes the format).
///
///     {"format": 1, "name": "Centre voice, 2026", "clips": {"chime": "chime.wav", "az.number.40": "az/az.number.40.wav"}}
public struct VoicePackManifest: Codable, Sendable, Equatable {
    /// The manifest's format version (1).
    public var format: Int
    /// A name a technician recognises.
    public var name: String
    /// Clip identifier → file path relative to the pack's folder.
    public var clips: [String: String]

    /// Creates a manifest.
    public init(name: String, clips: [String: String]) {
        self.format = 1
        self.name = name
        self.clips = clips
    }

    /// The conventional file of `clip` in a pack: `chime.wav`, `az/az.number.40.wav`.
    public static func conventionalFile(of clip: Clip) -> String {
        clip.language.map { "\($0.rawValue)/\(clip.id).wav" } ?? "\(clip.id).wav"
    }

    /// A manifest naming the conventional file of every clip in `clips`.
    public static func template(name: String, clips: [Clip]) -> VoicePackManifest {
        VoicePackManifest(name: name, clips: Dictionary(clips.map { ($0.id, conventionalFile(of: $0)) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Parses a manifest; the error says what is wrong and where.
    public static func parse(_ data: Data) throws(VoicePackError) -> VoicePackManifest {
        let m: VoicePackManifest
        do {
            m = try JSONDecoder().decode(VoicePackManifest.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badManifest("missing field '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .badManifest("field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type")
        } catch {
            throw .badManifest("not valid JSON")
        }
        guard m.format == 1 else { throw .badManifest("format \(m.format) is not known (this lobbyd reads format 1)") }
        for (id, path) in m.clips.sorted(by: { $0.key < $1.key }) {
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") || path.isEmpty {
                throw .badManifest("clip '\(id)': the path '\(path)' must stay inside the pack's folder")
            }
        }
        return m
    }

    /// The manifest as pretty JSON with sorted keys.
    public func encoded() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(self)) ?? Data()
    }
}

/// One finding of a voice pack check.
public struct VoicePackProblem: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The clip concerned.
    public let clip: String
    /// The file concerned, if any.
    public let file: String?
    /// A stable kebab-case word: missing-clip, missing-file, unreadable, silent, clipped, too-long, level.
    public let kind: String
    /// What is wrong, in words.
    public let message: String

    /// Creates a finding.
    public init(clip: String, file: String?, kind: String, message: String) {
        self.clip = clip
        self.file = file
        self.kind = kind
        self.message = message
    }

    /// The finding as one line.
    public var description: String { "\(clip)\(file.map { " (\($0))" } ?? ""): \(message)" }
}

/// Checks a pack's clips against what the planner needs: every clip present, readable, not silent,
/// not clipped, not too long, and at a level near the rest of the pack.
public enum VoicePackCheck {
    /// The findings for `required` clips given the manifest and each listed file's decoding
    /// (nil when the file does not exist).
    public static func problems(required: [Clip], manifest: VoicePackManifest,
                                decoded: [String: Result<PCM, WAVError>?]) -> [VoicePackProblem] {
        var out: [VoicePackProblem] = []
        var levels: [(String, String, Double)] = []
        for clip in required.sorted() {
            guard let file = manifest.clips[clip.id] else {
                out.append(.init(clip: clip.id, file: nil, kind: "missing-clip",
                                 message: "not in manifest.json; record \"\(clip.text)\" as \(VoicePackManifest.conventionalFile(of: clip))"))
                continue
            }
            guard let result = decoded[file] ?? nil else {
                out.append(.init(clip: clip.id, file: file, kind: "missing-file", message: "the file does not exist (it should say \"\(clip.text)\")"))
                continue
            }
            switch result {
            case .failure(let e): out.append(.init(clip: clip.id, file: file, kind: "unreadable", message: "\(e)"))
            case .success(let pcm):
                let a = PCMAnalysis(pcm)
                let sounding = pcm.trimmed()
                if sounding.samples.isEmpty {
                    out.append(.init(clip: clip.id, file: file, kind: "silent", message: "the clip is silent"))
                    continue
                }
                if a.clipped > 0 {
                    out.append(.init(clip: clip.id, file: file, kind: "clipped", message: "\(a.clipped) samples at full scale: record it quieter"))
                }
                if sounding.milliseconds > 4_000 {
                    out.append(.init(clip: clip.id, file: file, kind: "too-long", message: "\(sounding.milliseconds) ms of sound; a clip is one word or phrase"))
                }
                levels.append((clip.id, file, a.soundingLevel))
            }
        }
        // Level: within 10 dB of the pack's median, so no word stands out or disappears.
        let sorted = levels.map(\.2).sorted()
        if !sorted.isEmpty {
            let median = sorted[sorted.count / 2]
            for (id, file, level) in levels where abs(level - median) > 10 {
                out.append(.init(clip: id, file: file, kind: "level",
                                 message: String(format: "level %.1f dBFS is %.0f dB from the pack's median %.1f dBFS", level, level - median, median)))
            }
        }
        return out
    }
}
