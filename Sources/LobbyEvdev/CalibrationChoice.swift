import LobbyTouch

/// Which calibration a touchscreen is read with: the device's `LIBINPUT_CALIBRATION_MATRIX`
/// udev property when it is set and valid (so the daemon agrees with any compositor on the
/// machine), otherwise the configured matrix.
public struct CalibrationChoice: Hashable, Sendable, CustomStringConvertible {
    /// Where the matrix came from.
    public enum Source: String, Hashable, Sendable {
        /// The udev property.
        case udev
        /// The daemon's configuration.
        case configured
    }

    /// The matrix to use.
    public var matrix: CalibrationMatrix
    /// Where it came from.
    public var source: Source
    /// Why a udev property that was present could not be used (the configured matrix is used then).
    public var problem: String?

    /// A choice from its parts.
    public init(matrix: CalibrationMatrix, source: Source, problem: String? = nil) {
        self.matrix = matrix
        self.source = source
        self.problem = problem
    }

    /// Chooses between the udev record (nil when there is no database file) and the configured matrix.
    public static func choose(udev record: UdevDeviceRecord?, configured: CalibrationMatrix) -> CalibrationChoice {
        guard let text = record?.calibrationMatrixText else {
            return CalibrationChoice(matrix: configured, source: .configured)
        }
        do {
            return CalibrationChoice(matrix: try CalibrationMatrix(parsing: text), source: .udev)
        } catch {
            return CalibrationChoice(matrix: configured, source: .configured,
                                     problem: "ignoring udev \(UdevDeviceRecord.calibrationMatrixKey)='\(text)': \(error)")
        }
    }

    /// `udev 1 0 0 0 1 0` or `configured …`, with the problem if any.
    public var description: String {
        "\(source.rawValue) \(matrix.udevValue)" + (problem.map { " (\($0))" } ?? "")
    }
}
