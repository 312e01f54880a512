/// The announcement volume by time of day: from each listed minute of the day until the next,
/// a volume in percent of full scale (0 is silent).
public struct VolumeSchedule: Sendable, Equatable {
    /// One step of the schedule.
    public struct Step: Sendable, Equatable {
        /// Minutes after local midnight when this volume begins.
        public let fromMinute: Int
        /// Volume in percent (0...100).
        public let percent: Int

        /// Creates a step.
        public init(fromMinute: Int, percent: Int) {
            self.fromMinute = fromMinute
            self.percent = percent
        }
    }

    /// The steps in order of time.
    public let steps: [Step]

    /// A schedule; throws a message naming the step that is wrong.
    public init(steps: [Step]) throws(VolumeScheduleError) {
        guard !steps.isEmpty else { throw .empty }
        for (i, s) in steps.enumerated() {
            guard (0..<1440).contains(s.fromMinute) else { throw .badStep(i, "the time must be between 00:00 and 23:59") }
            guard (0...100).contains(s.percent) else { throw .badStep(i, "the volume must be 0 to 100 percent, got \(s.percent)") }
            if i > 0, s.fromMinute <= steps[i - 1].fromMinute { throw .badStep(i, "times must increase through the day") }
        }
        self.steps = steps
    }

    /// Full volume all day.
    public static let constant = try! VolumeSchedule(steps: [Step(fromMinute: 0, percent: 100)])

    /// The volume at `minuteOfDay` (the last step before midnight continues past it).
    public func percent(atMinute minuteOfDay: Int) -> Int {
        steps.last(where: { $0.fromMinute <= minuteOfDay })?.percent ?? steps.last!.percent
    }

    /// The linear gain for `percent`, applied to samples: a perceptual curve (percent squared).
    public static func gain(percent: Int) -> Double {
        let p = Double(max(0, min(100, percent))) / 100
        return p * p
    }

    /// Parses "HH:MM" into minutes after midnight.
    public static func minute(of text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }
}

/// Why a volume schedule is not valid.
public enum VolumeScheduleError: Error, Equatable, CustomStringConvertible {
    /// No steps at all.
    case empty
    /// The step at this index is wrong.
    case badStep(Int, String)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .empty: "audio.volume: give at least one time and volume"
        case .badStep(let i, let why): "audio.volume[\(i)]: \(why)"
        }
    }
}
