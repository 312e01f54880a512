import Foundation

/// libinput's `LIBINPUT_CALIBRATION_MATRIX`: six values `a b c d e f` applied to coordinates
/// normalised to 0…1 from the axis ranges: x' = a·x + b·y + c, y' = d·x + e·y + f.
public struct CalibrationMatrix: Hashable, Sendable, CustomStringConvertible {
    /// x' coefficient of x.
    public var a: Double
    /// x' coefficient of y.
    public var b: Double
    /// x' offset.
    public var c: Double
    /// y' coefficient of x.
    public var d: Double
    /// y' coefficient of y.
    public var e: Double
    /// y' offset.
    public var f: Double

    /// A matrix from its six values.
    public init(a: Double, b: Double, c: Double, d: Double, e: Double, f: Double) {
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.e = e
        self.f = f
    }

    /// A matrix from six values in `a b c d e f` order; nil unless there are exactly six.
    public init?(_ values: [Double]) {
        guard values.count == 6 else { return nil }
        self.init(a: values[0], b: values[1], c: values[2], d: values[3], e: values[4], f: values[5])
    }

    /// The matrix that changes nothing: `1 0 0 0 1 0`.
    public static let identity = CalibrationMatrix(a: 1, b: 0, c: 0, d: 0, e: 1, f: 0)

    /// The six values in `a b c d e f` order.
    public var values: [Double] { [a, b, c, d, e, f] }

    /// The determinant of the linear part, `a·e − b·d` (0 means every point maps onto a line).
    public var determinant: Double { a * e - b * d }

    /// The matrix applied to a point.
    public func apply(_ point: NormalizedPoint) -> NormalizedPoint {
        NormalizedPoint(x: a * point.x + b * point.y + c, y: d * point.x + e * point.y + f)
    }

    /// This matrix followed by `next`: `next.apply(self.apply(p))` for every point.
    public func then(_ next: CalibrationMatrix) -> CalibrationMatrix {
        CalibrationMatrix(
            a: next.a * a + next.b * d, b: next.a * b + next.b * e, c: next.a * c + next.b * f + next.c,
            d: next.d * a + next.e * d, e: next.d * b + next.e * e, f: next.d * c + next.e * f + next.f
        )
    }

    /// The matrix that undoes this one, or nil when it is singular.
    public func inverted() -> CalibrationMatrix? {
        let det = determinant
        guard det.isFinite, abs(det) > 1e-12 else { return nil }
        let ia = e / det, ib = -b / det, id = -d / det, ie = a / det
        return CalibrationMatrix(a: ia, b: ib, c: -(ia * c + ib * f), d: id, e: ie, f: -(id * c + ie * f))
    }

    /// Whether every value is within `tolerance` of the other matrix's.
    public func isClose(to other: CalibrationMatrix, tolerance: Double = 1e-9) -> Bool {
        zip(values, other.values).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// The udev property value, `a b c d e f`, with up to 6 decimals and no trailing zeros.
    public var udevValue: String {
        values.map(Self.format).joined(separator: " ")
    }

    /// The udev property value.
    public var description: String { udevValue }

    private static func format(_ value: Double) -> String {
        var text = String(format: "%.6f", value == 0 ? 0 : value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Parses the udev property value: six numbers separated by spaces, optionally quoted and
    /// optionally preceded by `LIBINPUT_CALIBRATION_MATRIX=`.
    public init(parsing text: String) throws(CalibrationParseError) {
        var body = Substring(text).trimmingCharacters(in: .whitespacesAndNewlines)[...]
        let key = "LIBINPUT_CALIBRATION_MATRIX="
        if body.hasPrefix(key) { body = body.dropFirst(key.count) }
        if body.count >= 2, let first = body.first, first == "\"" || first == "'", body.last == first {
            body = body.dropFirst().dropLast()
        }
        let fields = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 6 else { throw .wrongCount(found: fields.count) }
        var values: [Double] = []
        for (index, field) in fields.enumerated() {
            let name = Self.fieldNames[index]
            guard Self.isDecimal(field), let value = Double(field) else {
                throw .invalidNumber(field: name, text: String(field))
            }
            guard value.isFinite else { throw .notFinite(field: name, text: String(field)) }
            values.append(value)
        }
        let matrix = CalibrationMatrix(values)!
        guard abs(matrix.determinant) > 1e-9 else { throw .singular(matrix.udevValue) }
        self = matrix
    }

    static let fieldNames = ["a", "b", "c", "d", "e", "f"]

    /// A plain decimal: optional sign, digits with at most one point, optional exponent.
    private static func isDecimal(_ text: Substring) -> Bool {
        var rest = text
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        var mantissa = rest
        var exponent: Substring?
        if let index = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = rest[..<index]
            exponent = rest[rest.index(after: index)...]
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.contains(where: { !$0.isEmpty }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        if var exponent {
            if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(\.isASCIIDigit) else { return false }
        }
        return true
    }
}

/// Why a calibration property value could not be read.
public enum CalibrationParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not exactly six numbers.
    case wrongCount(found: Int)
    /// A field is not a decimal number.
    case invalidNumber(field: String, text: String)
    /// A field is infinite or not a number.
    case notFinite(field: String, text: String)
    /// `a·e − b·d` is zero: every touch would land on one line.
    case singular(String)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .wrongCount(let found):
            "calibration matrix needs 6 numbers 'a b c d e f', found \(found)"
        case .invalidNumber(let field, let text):
            "calibration value \(field) is not a number: '\(text)'"
        case .notFinite(let field, let text):
            "calibration value \(field) is not finite: '\(text)'"
        case .singular(let value):
            "calibration matrix '\(value)' is singular (a·e − b·d = 0): every touch would map onto a line"
        }
    }
}
