import LobbyTouch

/// The file `lobbyctl touch calibrate --write` stores (pure): a udev rule that sets
/// `LIBINPUT_CALIBRATION_MATRIX` on the calibrated panel, which the daemon reads from udev's
/// database (see `CalibrationChoice`) and any compositor honours too. Install it as
/// `/etc/udev/rules.d/71-lobby-touchscreen-calibration.rules`.
public enum CalibrationRuleFile {
    /// The rule text for `matrix` on the panel with `vendor`:`product` (nil: every Lobby touchscreen).
    public static func text(matrix: CalibrationMatrix, vendor: UInt16?, product: UInt16?, deviceName: String, screen: String,
                            fit: String) -> String {
        let end = "lobby_touchscreen_calibration_end"
        var match = "ENV{LOBBY_TOUCHSCREEN}==\"1\", "
        if let vendor, let product {
            match += "ATTRS{id/vendor}==\"\(hex(vendor))\", ATTRS{id/product}==\"\(hex(product))\", "
        }
        let safeName = deviceName.replacingOccurrences(of: "\n", with: " ")
        return """
        # Lobby touchscreen calibration (written by `lobbyctl touch calibrate`).
        # Panel: \(safeName)\(vendor.map { " \(hex($0))" } ?? "")\(product.map { ":\(hex($0))" } ?? ""); screen \(screen).
        # Fit: \(fit).
        # Install as /etc/udev/rules.d/71-lobby-touchscreen-calibration.rules (after
        # 70-lobby-touchscreen.rules), then
        #   udevadm control --reload && udevadm trigger --subsystem-match=input --action=change
        # The matrix maps the panel's normalised coordinates to the screen as drawn (any
        # display rotation included): run the daemon's touchscreen with rotation 0.
        ACTION=="remove", GOTO="\(end)"
        SUBSYSTEM!="input", GOTO="\(end)"
        KERNEL!="event[0-9]*", GOTO="\(end)"
        \(match)ENV{LIBINPUT_CALIBRATION_MATRIX}="\(matrix.udevValue)"
        LABEL="\(end)"

        """
    }

    /// Why a rule file could not be read back.
    public enum ReadError: Error, Hashable, Sendable, CustomStringConvertible {
        /// No line sets the property.
        case noMatrix
        /// The value is not a valid matrix (line number, parse error).
        case invalid(line: Int, CalibrationParseError)

        /// What is wrong, in words.
        public var description: String {
            switch self {
            case .noMatrix: "no ENV{LIBINPUT_CALIBRATION_MATRIX}=\"…\" assignment in the file"
            case .invalid(let line, let error): "line \(line): \(error)"
            }
        }
    }

    /// The matrix a rule file assigns (the first assignment).
    public static func matrix(in text: String) throws(ReadError) -> CalibrationMatrix {
        let key = "ENV{LIBINPUT_CALIBRATION_MATRIX}=\""
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = line.drop { $0 == " " || $0 == "\t" }
            guard !body.hasPrefix("#"), let start = body.range(of: key) else { continue }
            let rest = body[start.upperBound...]
            guard let close = rest.firstIndex(of: "\"") else { throw .invalid(line: number + 1, .wrongCount(found: 0)) }
            do {
                return try CalibrationMatrix(parsing: String(rest[..<close]))
            } catch {
                throw .invalid(line: number + 1, error)
            }
        }
        throw .noMatrix
    }

    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
