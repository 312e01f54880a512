/// Least-squares fit of a calibration matrix to touches on known targets.
///
/// Each sample pairs where the panel reported a touch (normalised raw coordinates) with where
/// the target was drawn (normalised screen coordinates). With 3 samples the fit is exact;
/// with more it minimises the squared distances, x' and y' separately.
public enum CalibrationFit {
    /// One touch on one target.
    public struct Sample: Hashable, Sendable {
        /// Where the panel reported the touch, normalised from the axis ranges.
        public var touch: NormalizedPoint
        /// Where the target was, normalised to the screen.
        public var target: NormalizedPoint

        /// A sample from its two points.
        public init(touch: NormalizedPoint, target: NormalizedPoint) {
            self.touch = touch
            self.target = target
        }
    }

    /// A fitted matrix and how well it fits.
    public struct Result: Hashable, Sendable {
        /// The matrix mapping touches to targets.
        public var matrix: CalibrationMatrix
        /// Per sample, mapped touch minus target (normalised screen units).
        public var residuals: [NormalizedPoint]

        /// The root-mean-square residual length (normalised screen units).
        public var rmsError: Double {
            guard !residuals.isEmpty else { return 0 }
            let sum = residuals.reduce(0) { $0 + $1.x * $1.x + $1.y * $1.y }
            return (sum / Double(residuals.count)).squareRoot()
        }

        /// The largest residual length (normalised screen units).
        public var maximumError: Double {
            residuals.map { ($0.x * $0.x + $0.y * $0.y).squareRoot() }.max() ?? 0
        }

        /// The root-mean-square residual in pixels on a screen of the given size.
        public func rmsErrorPixels(width: Double, height: Double) -> Double {
            guard !residuals.isEmpty else { return 0 }
            let sum = residuals.reduce(0) { $0 + ($1.x * width) * ($1.x * width) + ($1.y * height) * ($1.y * height) }
            return (sum / Double(residuals.count)).squareRoot()
        }
    }

    /// Why no matrix could be fitted.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// Fewer than three samples.
        case tooFewSamples(Int)
        /// The touches lie (nearly) on one line, so the fit is not determined.
        case collinearTouches

        /// What is wrong, in words.
        public var description: String {
            switch self {
            case .tooFewSamples(let count): "need at least 3 touches to calibrate, have \(count)"
            case .collinearTouches: "the touches lie on one line; touch targets that span the screen"
            }
        }
    }

    /// Fits the matrix to the samples.
    public static func fit(_ samples: [Sample]) throws(Failure) -> Result {
        guard samples.count >= 3 else { throw .tooFewSamples(samples.count) }
        // Normal equations: (AᵀA)·p = Aᵀb with rows A = [x y 1].
        var ata = [[Double]](repeating: [0, 0, 0], count: 3)
        var atbx = [0.0, 0.0, 0.0]
        var atby = [0.0, 0.0, 0.0]
        for sample in samples {
            let row = [sample.touch.x, sample.touch.y, 1]
            for i in 0..<3 {
                for j in 0..<3 { ata[i][j] += row[i] * row[j] }
                atbx[i] += row[i] * sample.target.x
                atby[i] += row[i] * sample.target.y
            }
        }
        guard let px = solve(ata, atbx), let py = solve(ata, atby) else { throw .collinearTouches }
        let matrix = CalibrationMatrix(a: px[0], b: px[1], c: px[2], d: py[0], e: py[1], f: py[2])
        let residuals = samples.map { sample in
            let mapped = matrix.apply(sample.touch)
            return NormalizedPoint(x: mapped.x - sample.target.x, y: mapped.y - sample.target.y)
        }
        return Result(matrix: matrix, residuals: residuals)
    }

    /// Solves a 3×3 system by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var m = matrix
        var v = vector
        let scale = max(1e-300, m.flatMap { $0 }.map(abs).max() ?? 0)
        for column in 0..<3 {
            let pivot = (column..<3).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            guard abs(m[pivot][column]) > scale * 1e-10 else { return nil }
            m.swapAt(column, pivot)
            v.swapAt(column, pivot)
            for row in (column + 1)..<3 {
                let factor = m[row][column] / m[column][column]
                for k in column..<3 { m[row][k] -= factor * m[column][k] }
                v[row] -= factor * v[column]
            }
        }
        var result = [0.0, 0.0, 0.0]
        for row in stride(from: 2, through: 0, by: -1) {
            var sum = v[row]
            for k in (row + 1)..<3 { sum -= m[row][k] * result[k] }
            result[row] = sum / m[row][row]
        }
        return result
    }
}
