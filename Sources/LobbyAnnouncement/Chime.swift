import Foundation

/// The two-tone chime that opens announcements, synthesised (a pack may replace it with a recording).
public enum Chime {
    /// The chime at `sampleRate`: G5 then E5, 380 ms each, soft attack and exponential decay, peak −6 dBFS.
    public static func render(sampleRate: Int) -> PCM {
        var samples: [Int16] = []
        for frequency in [783.99, 659.25] {
            let count = PCM.frames(milliseconds: 380, sampleRate: sampleRate)
            let attack = Double(PCM.frames(milliseconds: 8, sampleRate: sampleRate))
            for i in 0..<count {
                let t = Double(i) / Double(sampleRate)
                let envelope = min(1, Double(i) / attack) * exp(-t * 6)
                let tone = sin(2 * Double.pi * frequency * t) + 0.3 * sin(4 * Double.pi * frequency * t)
                samples.append(Int16((tone / 1.3 * envelope * 16_384).rounded()))
            }
        }
        return PCM(sampleRate: sampleRate, samples: samples)
    }
}
