/// Faults a simulated bus applies between master and devices (rates per byte, 0...1).
public struct FaultInjection: Sendable, Equatable {
    /// Bytes from the master that never arrive.
    public var dropRate: Double
    /// Bytes (either direction) with one bit flipped.
    public var corruptRate: Double
    /// Chance per answer of a burst of random noise bytes before it.
    public var noiseRate: Double
    /// Chance per answer of being delayed by `delayMicroseconds`.
    public var delayRate: Double
    /// How long a delayed answer waits.
    public var delayMicroseconds: UInt64

    /// No faults.
    public static let none = FaultInjection()

    /// Creates a fault setting.
    public init(dropRate: Double = 0, corruptRate: Double = 0, noiseRate: Double = 0, delayRate: Double = 0, delayMicroseconds: UInt64 = 0) {
        self.dropRate = dropRate
        self.corruptRate = corruptRate
        self.noiseRate = noiseRate
        self.delayRate = delayRate
        self.delayMicroseconds = delayMicroseconds
    }
}

/// A small deterministic generator (SplitMix64) so fault runs repeat.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ rate: Double) -> Bool { rate > 0 && Double.random(in: 0..<1, using: &self) < rate }
}
