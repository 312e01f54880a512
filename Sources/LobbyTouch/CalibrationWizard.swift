/// The calibration wizard as a pure state machine: shows targets in order, takes one tap per
/// target (in normalised raw panel coordinates), rejects taps too close to earlier ones,
/// asks again for outliers, and ends with a matrix and its residual error.
///
/// | State | Input | Check | Next state | Step returned |
/// |---|---|---|---|---|
/// | collecting(i) | tap | outside 0…1 | collecting(i) | rejected(i, outsidePanel) |
/// | collecting(i) | tap | closer than `minimumSeparation` to tap j | collecting(i) | rejected(i, tooClose(j)) |
/// | collecting(i) | tap | more targets without a tap | collecting(next) | next(next) |
/// | collecting(i) | tap | last tap; fit fails or is implausible | collecting(0), taps cleared | restarted(reason) |
/// | collecting(i) | tap | last tap; max residual ≤ `maximumResidual` | finished | completed(result) |
/// | collecting(i) | tap | last tap; residual too large, attempts left | collecting(worst), its tap cleared | retry(worst, error) |
/// | collecting(i) | tap | last tap; residual too large, no attempts left | collecting(0), taps cleared | restarted(reason) |
/// | finished | tap | — | finished | completed(result) |
public struct CalibrationWizard: Hashable, Sendable {
    /// Limits the wizard checks taps and fits against.
    public struct Configuration: Hashable, Sendable {
        /// The smallest distance between two taps (normalised panel units).
        public var minimumSeparation: Double
        /// The largest residual of any target that is accepted (normalised screen units).
        public var maximumResidual: Double
        /// How often outliers may be re-tapped before everything starts over.
        public var maximumRetries: Int
        /// The accepted range of `|a·e − b·d|` (area scale of the fitted matrix).
        public var plausibleAreaScale: ClosedRange<Double>

        /// Limits from their values; the defaults suit a 1080×1920 kiosk (2 % ≈ 22–38 px).
        public init(minimumSeparation: Double = 0.1, maximumResidual: Double = 0.02, maximumRetries: Int = 3, plausibleAreaScale: ClosedRange<Double> = 0.25...4) {
            self.minimumSeparation = minimumSeparation
            self.maximumResidual = maximumResidual
            self.maximumRetries = maximumRetries
            self.plausibleAreaScale = plausibleAreaScale
        }
    }

    /// Where the wizard is.
    public enum State: Hashable, Sendable {
        /// Waiting for a tap on target `index`.
        case collecting(index: Int)
        /// Done; the result is final.
        case finished(CalibrationFit.Result)
    }

    /// What the wizard tells the screen after a tap.
    public enum Step: Hashable, Sendable {
        /// Accepted; show target `index` next.
        case next(index: Int)
        /// Not accepted; tap target `index` again.
        case rejected(index: Int, reason: Rejection)
        /// The tap on target `index` did not fit the others (its residual, normalised); tap it again.
        case retry(index: Int, residual: Double)
        /// Everything starts over at target 0.
        case restarted(reason: String)
        /// The matrix is ready.
        case completed(CalibrationFit.Result)
    }

    /// Why a single tap was refused.
    public enum Rejection: Hashable, Sendable {
        /// The tap is within `minimumSeparation` of the tap on target `index`.
        case tooClose(toTarget: Int, distance: Double)
        /// The tap is outside the panel (not in 0…1).
        case outsidePanel
    }

    /// Why a wizard cannot be set up.
    public enum SetupError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Fewer than three targets.
        case tooFewTargets(Int)
        /// The targets lie on one line.
        case collinearTargets

        /// What is wrong, in words.
        public var description: String {
            switch self {
            case .tooFewTargets(let count): "a calibration needs at least 3 targets, got \(count)"
            case .collinearTargets: "the calibration targets lie on one line"
            }
        }
    }

    /// Three targets: top-left, top-right, bottom-centre, 10 % in from the edges.
    public static let threePointTargets = [
        NormalizedPoint(x: 0.1, y: 0.1), NormalizedPoint(x: 0.9, y: 0.1), NormalizedPoint(x: 0.5, y: 0.9),
    ]

    /// Five targets: the four corners 10 % in from the edges, then the centre.
    public static let fivePointTargets = [
        NormalizedPoint(x: 0.1, y: 0.1), NormalizedPoint(x: 0.9, y: 0.1), NormalizedPoint(x: 0.9, y: 0.9),
        NormalizedPoint(x: 0.1, y: 0.9), NormalizedPoint(x: 0.5, y: 0.5),
    ]

    /// The targets, normalised to the screen, in the order they are shown.
    public let targets: [NormalizedPoint]
    /// The limits.
    public let configuration: Configuration
    /// The current state.
    public private(set) var state: State
    /// The accepted tap per target (nil while missing).
    public private(set) var taps: [NormalizedPoint?]
    /// Outlier retries so far.
    public private(set) var retries = 0

    /// A wizard over `targets` (at least 3, not on one line).
    public init(targets: [NormalizedPoint] = CalibrationWizard.fivePointTargets, configuration: Configuration = Configuration()) throws(SetupError) {
        guard targets.count >= 3 else { throw .tooFewTargets(targets.count) }
        let samples = targets.map { CalibrationFit.Sample(touch: $0, target: $0) }
        guard (try? CalibrationFit.fit(samples)) != nil else { throw .collinearTargets }
        self.targets = targets
        self.configuration = configuration
        self.state = .collecting(index: 0)
        self.taps = Array(repeating: nil, count: targets.count)
    }

    /// The target to show now, or nil when finished.
    public var currentTarget: NormalizedPoint? {
        if case .collecting(let index) = state { targets[index] } else { nil }
    }

    /// Records a tap (normalised raw panel coordinates) on the current target.
    public mutating func record(_ tap: NormalizedPoint) -> Step {
        let index: Int
        switch state {
        case .finished(let result): return .completed(result)
        case .collecting(let current): index = current
        }
        guard (0...1).contains(tap.x), (0...1).contains(tap.y) else {
            return .rejected(index: index, reason: .outsidePanel)
        }
        for (other, earlier) in taps.enumerated() {
            guard other != index, let earlier else { continue }
            let distance = earlier.distance(to: tap)
            if distance < configuration.minimumSeparation {
                return .rejected(index: index, reason: .tooClose(toTarget: other, distance: distance))
            }
        }
        taps[index] = tap
        if let missing = taps.firstIndex(where: { $0 == nil }) {
            state = .collecting(index: missing)
            return .next(index: missing)
        }
        return evaluate()
    }

    /// Starts over at target 0 with no taps.
    public mutating func restart() {
        taps = Array(repeating: nil, count: targets.count)
        retries = 0
        state = .collecting(index: 0)
    }

    private mutating func evaluate() -> Step {
        let samples = zip(taps, targets).map { CalibrationFit.Sample(touch: $0!, target: $1) }
        let result: CalibrationFit.Result
        do {
            result = try CalibrationFit.fit(samples)
        } catch {
            restart()
            return .restarted(reason: error.description)
        }
        let scale = abs(result.matrix.determinant)
        guard configuration.plausibleAreaScale.contains(scale) else {
            restart()
            return .restarted(reason: "the taps do not match the targets (area scale \(scale)); tap each target in turn")
        }
        guard result.maximumError > configuration.maximumResidual else {
            state = .finished(result)
            return .completed(result)
        }
        guard retries < configuration.maximumRetries else {
            restart()
            return .restarted(reason: "taps still disagree after \(configuration.maximumRetries) retries (largest error \(result.maximumError))")
        }
        retries += 1
        let suspects = suspectSamples(samples, fullResult: result)
        for index in suspects.indices { taps[index] = nil }
        let first = suspects.indices.min() ?? 0
        state = .collecting(index: first)
        return .retry(index: first, residual: suspects.residual)
    }

    /// The taps to ask again. With 5+ samples: the one whose removal lets the others fit best (an
    /// affine fit of good points is exact, so the outlier is the one left out). When several
    /// removals explain the taps equally well, all of them are asked again: with four corners and
    /// the centre, a bad corner and a bad opposite corner cannot be told apart (the centre is the
    /// middle of both diagonals). With fewer samples: the largest residual of the full fit.
    private func suspectSamples(_ samples: [CalibrationFit.Sample], fullResult: CalibrationFit.Result) -> (indices: [Int], residual: Double) {
        guard samples.count >= 5 else {
            var worst = (index: 0, residual: -1.0)
            for index in samples.indices {
                let residual = fullResult.residuals[index].distance(to: NormalizedPoint(x: 0, y: 0))
                if residual > worst.residual { worst = (index, residual) }
            }
            return ([worst.index], worst.residual)
        }
        var removals: [(index: Int, remaining: Double, residual: Double)] = []
        for index in samples.indices {
            var others = samples
            others.remove(at: index)
            guard let partial = try? CalibrationFit.fit(others) else { continue }
            removals.append((index, partial.maximumError, partial.matrix.apply(samples[index].touch).distance(to: samples[index].target)))
        }
        guard let best = removals.min(by: { $0.remaining < $1.remaining }) else { return ([0], fullResult.maximumError) }
        let tolerance = max(1e-9, configuration.maximumResidual / 4)
        let tied = removals.filter { $0.remaining <= best.remaining + tolerance }
        return (tied.map(\.index).sorted(), tied.map(\.residual).max() ?? best.residual)
    }
}
