import Foundation
import LobbyTouch

/// The wizard's output lines (pure): JSON objects, one per line, for drivers and scripts
/// (`--json`, and always in `--no-display` mode) or sentences for a technician.
///
/// JSON keys: `event` (`target`, `tap`, `rejected`, `retry`, `restarted`, `verify`, `verified`,
/// `verify_failed`, `done`), `index` (0-based) and `count`, `x`/`y` (screen pixels, 2 decimals),
/// `nx`/`ny` (normalised screen, 6 decimals), `raw_nx`/`raw_ny` (normalised panel), `reason`,
/// `residual_px`, `error_px`, and for `done` `matrix` (six numbers), `udev` (the property
/// value), `rms_px`, `max_px`.
public struct CalibrationLog: Sendable {
    /// Line style.
    public enum Style: Hashable, Sendable {
        /// One JSON object per line.
        case json
        /// Sentences.
        case text
    }

    /// The style.
    public let style: Style
    /// The screen width in pixels.
    public let width: Double
    /// The screen height in pixels.
    public let height: Double

    /// A log for a `width`×`height` screen.
    public init(style: Style, width: Double, height: Double) {
        self.style = style
        self.width = width
        self.height = height
    }

    /// The line for one event.
    public func line(_ event: CalibrationRun.Event) -> String {
        style == .json ? json(event) : text(event)
    }

    /// The `ready` line: which device and display the wizard uses.
    public func ready(device: String, name: String, display: String) -> String {
        switch style {
        case .json:
            "{\"event\":\"ready\",\"device\":\(Self.quote(device)),\"name\":\(Self.quote(name)),\"display\":\(Self.quote(display)),"
                + "\"width\":\(Int(width)),\"height\":\(Int(height))}"
        case .text:
            "Calibrating \(name) (\(device)) on \(display), screen \(Int(width))x\(Int(height))."
        }
    }

    private func json(_ event: CalibrationRun.Event) -> String {
        switch event {
        case .target(let index, let count, let point):
            "{\"event\":\"target\",\"index\":\(index),\"count\":\(count),\(position(point))}"
        case .tap(let point):
            "{\"event\":\"tap\",\"raw_nx\":\(Self.fixed(point.x, 6)),\"raw_ny\":\(Self.fixed(point.y, 6))}"
        case .rejected(let index, let reason):
            "{\"event\":\"rejected\",\"index\":\(index),\"reason\":\(Self.quote(reason))}"
        case .retry(let index, let residual):
            "{\"event\":\"retry\",\"index\":\(index),\"residual_px\":\(Self.fixed(residual, 2))}"
        case .restarted(let reason):
            "{\"event\":\"restarted\",\"reason\":\(Self.quote(reason))}"
        case .verify(let point):
            "{\"event\":\"verify\",\(position(point))}"
        case .verified(let error):
            "{\"event\":\"verified\",\"error_px\":\(Self.fixed(error, 2))}"
        case .verifyFailed(let error):
            "{\"event\":\"verify_failed\",\"error_px\":\(Self.fixed(error, 2))}"
        case .done(let result):
            "{\"event\":\"done\",\"matrix\":[\(result.matrix.values.map { Self.fixed($0, 6) }.joined(separator: ","))],"
                + "\"udev\":\(Self.quote(result.matrix.udevValue)),\"rms_px\":\(Self.fixed(result.rmsErrorPixels(width: width, height: height), 2)),"
                + "\"max_px\":\(Self.fixed(maximumPixels(result), 2))}"
        }
    }

    private func text(_ event: CalibrationRun.Event) -> String {
        switch event {
        case .target(let index, let count, let point):
            "Touch target \(index + 1) of \(count) at (\(Self.fixed(point.x * width, 0)), \(Self.fixed(point.y * height, 0)))."
        case .tap(let point):
            "  tap at panel (\(Self.fixed(point.x, 4)), \(Self.fixed(point.y, 4)))"
        case .rejected(let index, let reason):
            "  target \(index + 1) again: \(reason)"
        case .retry(let index, let residual):
            "  target \(index + 1) again: that tap is \(Self.fixed(residual, 1)) px off the others"
        case .restarted(let reason):
            "Starting over: \(reason)"
        case .verify(let point):
            "Check: touch the last target at (\(Self.fixed(point.x * width, 0)), \(Self.fixed(point.y * height, 0)))."
        case .verified(let error):
            "  check tap \(Self.fixed(error, 1)) px from the target: good"
        case .verifyFailed(let error):
            "  check tap \(Self.fixed(error, 1)) px from the target: too far"
        case .done(let result):
            "Calibration matrix: \(result.matrix.udevValue)\n"
                + "Fit: rms \(Self.fixed(result.rmsErrorPixels(width: width, height: height), 2)) px, largest \(Self.fixed(maximumPixels(result), 2)) px."
        }
    }

    private func position(_ point: NormalizedPoint) -> String {
        "\"x\":\(Self.fixed(point.x * width, 2)),\"y\":\(Self.fixed(point.y * height, 2)),\"nx\":\(Self.fixed(point.x, 6)),\"ny\":\(Self.fixed(point.y, 6))"
    }

    /// The largest residual in pixels.
    public func maximumPixels(_ result: CalibrationFit.Result) -> Double {
        result.residuals.map { (($0.x * width) * ($0.x * width) + ($0.y * height) * ($0.y * height)).squareRoot() }.max() ?? 0
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension CalibrationLog {
    /// `text` as a JSON string literal.
    public static func quoteJSON(_ text: String) -> String { quote(text) }
}
