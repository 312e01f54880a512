/// Renders a planned announcement to PCM from a voice pack's decoded clips.
public struct AnnouncementRenderer: Sendable {
    /// Where one segment of the plan lies in the rendered audio.
    public struct Placement: Sendable, Equatable {
        /// The segment.
        public let segment: Segment
        /// Its first frame.
        public let start: Int
        /// Its length in frames.
        public let frames: Int
    }

    /// The output rate.
    public let sampleRate: Int
    /// The clips by identifier, already at `sampleRate` and trimmed.
    public let clips: [String: PCM]

    /// A renderer for clips at `sampleRate` (clips at other rates are resampled; quiet edges are trimmed).
    public init(sampleRate: Int, clips: [String: PCM]) {
        self.sampleRate = sampleRate
        self.clips = clips.mapValues { $0.resampled(to: sampleRate).trimmed() }
    }

    /// The audio of `plan` at `gain`, and where each segment lies in it.
    public func render(_ plan: [Segment], gain: Double = 1) throws(VoicePackError) -> (pcm: PCM, placements: [Placement]) {
        var out: [Int16] = []
        var placements: [Placement] = []
        for segment in plan {
            let start = out.count
            switch segment {
            case .silence(let ms): out += [Int16](repeating: 0, count: PCM.frames(milliseconds: ms, sampleRate: sampleRate))
            case .clip(let clip):
                guard let pcm = clips[clip.id] else { throw .missingClip(clip.id) }
                out += pcm.samples
            }
            placements.append(Placement(segment: segment, start: start, frames: out.count - start))
        }
        return (PCM(sampleRate: sampleRate, samples: out).scaled(by: gain), placements)
    }
}

/// What is wrong with a voice pack or one of its clips.
public enum VoicePackError: Error, Equatable, CustomStringConvertible {
    /// The plan needs a clip the pack does not have.
    case missingClip(String)
    /// The manifest cannot be read.
    case badManifest(String)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .missingClip(let id): "the voice pack has no clip '\(id)'"
        case .badManifest(let why): "manifest.json: \(why)"
        }
    }
}
