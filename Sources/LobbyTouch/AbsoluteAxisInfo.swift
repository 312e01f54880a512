/// The range of one absolute axis (`struct input_absinfo`), as in an `A:` line.
public struct AbsoluteAxisInfo: Hashable, Sendable {
    /// The smallest value the device advertises.
    public var minimum: Int32
    /// The largest value the device advertises.
    public var maximum: Int32
    /// Noise the kernel filters out.
    public var fuzz: Int32
    /// Dead zone around the centre (joysticks).
    public var flat: Int32
    /// Units per millimetre (0 when unknown).
    public var resolution: Int32
    /// The current value when the description was taken (0 when unknown).
    public var value: Int32

    /// An axis range.
    public init(minimum: Int32, maximum: Int32, fuzz: Int32 = 0, flat: Int32 = 0, resolution: Int32 = 0, value: Int32 = 0) {
        self.minimum = minimum
        self.maximum = maximum
        self.fuzz = fuzz
        self.flat = flat
        self.resolution = resolution
        self.value = value
    }

    /// The number of distinct values, `maximum − minimum + 1` (libinput's range).
    public var span: Double { Double(maximum) - Double(minimum) + 1 }

    /// `value` limited to `minimum...maximum`.
    public func clamp(_ value: Int32) -> Int32 { Swift.min(Swift.max(value, minimum), maximum) }

    /// `value` mapped to 0..<1 with libinput's convention `(value − minimum) / span`.
    public func normalize(_ value: Double) -> Double { (value - Double(minimum)) / span }
}
