import Foundation

/// Measurements of rendered audio: level, clipping and the silent gaps.
public struct PCMAnalysis: Sendable, Equatable {
    /// A run of silence.
    public struct Gap: Sendable, Equatable {
        /// First silent frame.
        public let start: Int
        /// Length in frames.
        public let frames: Int
    }

    /// The largest absolute sample.
    public let peak: Int
    /// Samples at full scale (±32767 or −32768): clipping.
    public let clipped: Int
    /// The RMS level of the sounding parts, in dBFS (−∞ for silence).
    public let soundingLevel: Double
    /// The silent runs of at least the analysed minimum length.
    public let gaps: [Gap]

    /// Analyses `pcm`: silence is 10 ms windows whose peak is at most `threshold`; gaps shorter than `minimumGap` ms are ignored.
    public init(_ pcm: PCM, threshold: Int = 300, minimumGap: Int = 40) {
        let s = pcm.samples
        peak = s.map { abs(Int($0)) }.max() ?? 0
        clipped = s.filter { $0 == Int16.max || $0 == Int16.min }.count
        let window = max(1, pcm.sampleRate / 100)
        var gaps: [Gap] = []
        var runStart: Int?
        var sum = 0.0, counted = 0
        var i = 0
        while i < s.count {
            let end = min(i + window, s.count)
            let chunk = s[i..<end]
            let quiet = chunk.allSatisfy { abs(Int($0)) <= threshold }
            if quiet {
                if runStart == nil { runStart = i }
            } else {
                for v in chunk { sum += Double(v) * Double(v) }
                counted += chunk.count
                if let r = runStart { gaps.append(Gap(start: r, frames: i - r)) }
                runStart = nil
            }
            i = end
        }
        if let r = runStart { gaps.append(Gap(start: r, frames: s.count - r)) }
        let minimum = PCM.frames(milliseconds: minimumGap, sampleRate: pcm.sampleRate)
        self.gaps = gaps.filter { $0.frames >= minimum }
        soundingLevel = counted == 0 ? -Double.infinity : 20 * log10(sqrt(sum / Double(counted)) / 32767)
    }
}
