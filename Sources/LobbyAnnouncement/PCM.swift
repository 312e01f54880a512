/// Mono 16-bit audio at one sample rate: what clips are decoded to and what is played.
public struct PCM: Sendable, Equatable {
    /// Samples per second.
    public let sampleRate: Int
    /// The samples, full scale ±32767.
    public var samples: [Int16]

    /// Wraps samples.
    public init(sampleRate: Int, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// Silence of `milliseconds` at `sampleRate`.
    public static func silence(milliseconds: Int, sampleRate: Int) -> PCM {
        PCM(sampleRate: sampleRate, samples: [Int16](repeating: 0, count: frames(milliseconds: milliseconds, sampleRate: sampleRate)))
    }

    /// The number of frames in `milliseconds` at `sampleRate`.
    public static func frames(milliseconds: Int, sampleRate: Int) -> Int { milliseconds * sampleRate / 1000 }

    /// The length in milliseconds.
    public var milliseconds: Int { samples.count * 1000 / max(1, sampleRate) }

    /// This audio at `rate` (linear interpolation; the same audio when the rate matches).
    public func resampled(to rate: Int) -> PCM {
        guard rate != sampleRate, !samples.isEmpty else { return PCM(sampleRate: rate, samples: samples) }
        let count = Int((Int64(samples.count) * Int64(rate) + Int64(sampleRate) - 1) / Int64(sampleRate))
        var out = [Int16](repeating: 0, count: count)
        let step = Double(sampleRate) / Double(rate)
        for i in 0..<count {
            let x = Double(i) * step
            let j = Int(x)
            let f = x - Double(j)
            let a = Double(samples[min(j, samples.count - 1)]), b = Double(samples[min(j + 1, samples.count - 1)])
            out[i] = Int16((a + (b - a) * f).rounded())
        }
        return PCM(sampleRate: rate, samples: out)
    }

    /// This audio without the quiet lead-in and tail (below `threshold`, full scale 32767).
    public func trimmed(threshold: Int16 = 300) -> PCM {
        guard let first = samples.firstIndex(where: { abs(Int32($0)) > threshold }),
              let last = samples.lastIndex(where: { abs(Int32($0)) > threshold }) else {
            return PCM(sampleRate: sampleRate, samples: [])
        }
        return PCM(sampleRate: sampleRate, samples: Array(samples[first...last]))
    }

    /// This audio scaled by `gain` (0...1), rounded and kept in range.
    public func scaled(by gain: Double) -> PCM {
        guard gain != 1 else { return self }
        return PCM(sampleRate: sampleRate, samples: samples.map { Int16(max(-32767, min(32767, (Double($0) * gain).rounded()))) })
    }
}
