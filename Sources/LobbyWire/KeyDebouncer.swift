/// A set of up to 16 keys as bits (bit i = key index i).
public struct KeyMask: OptionSet, Sendable, Equatable {
    /// The raw bits.
    public let rawValue: UInt16
    /// Wraps raw bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The mask of one key index (0...15).
    public static func key(_ index: Int) -> KeyMask { KeyMask(rawValue: index >= 0 && index < 16 ? 1 << UInt16(index) : 0) }
}

/// Debounces raw key states: a key changes state after `samples` equal consecutive samples.
public struct KeyDebouncer: Sendable {
    /// Consecutive equal samples needed.
    public let samples: UInt8
    /// The debounced state.
    public private(set) var stable: KeyMask = []
    private var counters: InlineArray<16, UInt8>

    /// Creates a debouncer; `samples` at least 1.
    public init(samples: UInt8) {
        self.samples = max(samples, 1)
        counters = InlineArray(repeating: 0)
    }

    /// Forgets every key state (all released), in place.
    public mutating func reset() {
        stable = []
        var index = 0
        while index < 16 {
            counters[index] = 0
            index += 1
        }
    }

    /// Takes one sample of raw key states; returns keys that just became pressed.
    public mutating func sample(_ raw: KeyMask) -> KeyMask {
        var pressed: KeyMask = []
        var index = 0
        while index < 16 {
            let bit = KeyMask.key(index)
            if raw.contains(bit) == stable.contains(bit) {
                counters[index] = 0
            } else {
                counters[index] += 1
                if counters[index] >= samples {
                    counters[index] = 0
                    if raw.contains(bit) {
                        stable.insert(bit)
                        pressed.insert(bit)
                    } else {
                        stable.remove(bit)
                    }
                }
            }
            index += 1
        }
        return pressed
    }
}
