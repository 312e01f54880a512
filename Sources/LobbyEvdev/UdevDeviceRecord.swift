import LobbyTouch

/// One device's entry in udev's database (`/run/udev/data/c<major>:<minor>` for a character
/// device): its properties (`E:KEY=VALUE` lines), symlinks (`S:`) and tags (`G:`).
///
/// Reading the file instead of linking libudev keeps the daemon free of a udev dependency;
/// the file exists whenever udev runs, and is simply missing otherwise.
public struct UdevDeviceRecord: Hashable, Sendable {
    /// The `E:` properties, by key.
    public var properties: [String: String]
    /// The `S:` symlinks under /dev (without the `/dev/` prefix), in file order.
    public var symlinks: [String]
    /// The `G:` tags, in file order.
    public var tags: [String]

    /// udev's property naming the libinput calibration matrix.
    public static let calibrationMatrixKey = "LIBINPUT_CALIBRATION_MATRIX"

    /// A record from its parts.
    public init(properties: [String: String] = [:], symlinks: [String] = [], tags: [String] = []) {
        self.properties = properties
        self.symlinks = symlinks
        self.tags = tags
    }

    /// Why a database file could not be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line.
        public var line: Int
        /// What is wrong.
        public var message: String

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses a database file. Lines are `X:payload` with a one-letter tag; unknown tags
    /// (`I:` init time, `L:` link priority, `W:` watch, `V:` version, `Q:` current tags) are
    /// skipped, an `E:` line without `=` or with an empty key is an error.
    public init(parsing text: String) throws(ParseError) {
        self.init()
        // "\r\n" is one Character in Swift: split on both forms.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() {
            if line.isEmpty { continue }
            let number = index + 1
            guard line.count >= 2, let tag = line.first, tag.isLetter, line[line.index(after: line.startIndex)] == ":" else {
                throw ParseError(line: number, message: "'\(line.prefix(40))' is not a 'X:value' line")
            }
            let payload = line.dropFirst(2)
            switch tag {
            case "E":
                guard let equals = payload.firstIndex(of: "=") else {
                    throw ParseError(line: number, message: "property '\(payload.prefix(40))' has no '='")
                }
                let key = String(payload[..<equals])
                guard !key.isEmpty else { throw ParseError(line: number, message: "property with an empty name") }
                properties[key] = String(payload[payload.index(after: equals)...])
            case "S":
                symlinks.append(String(payload))
            case "G":
                tags.append(String(payload))
            default:
                continue
            }
        }
    }

    /// The database file name of a character device: `c13:65` for `/dev/input/event1`.
    public static func fileName(major: UInt32, minor: UInt32) -> String { "c\(major):\(minor)" }

    /// The `ID_VENDOR_ID`/`ID_MODEL_ID` pair udev found for the device, if any.
    public var vendorProduct: VendorProductID? {
        guard let vendor = properties["ID_VENDOR_ID"], let model = properties["ID_MODEL_ID"] else { return nil }
        return VendorProductID(Substring(vendor + ":" + model))
    }

    /// Whether the device is a touchscreen as far as udev's record tells: a match line (then a
    /// built-in quirk) for its vendor/product decides — panels udev calls mice or tablets are
    /// touchscreens, `tablet`/`ignore` lines are not —, else udev's `ID_INPUT_TOUCHSCREEN=1`.
    public func describesTouchscreen(matchList: DeviceMatchList, quirks: DeviceMatchList = TouchQuirks.builtIn) -> Bool {
        if let id = vendorProduct, let entry = matchList.entry(for: id) ?? quirks.entry(for: id) {
            return entry.deviceClass == .touchscreen
        }
        return properties["ID_INPUT_TOUCHSCREEN"] == "1"
    }

    /// The value of `LIBINPUT_CALIBRATION_MATRIX`, if set.
    public var calibrationMatrixText: String? { properties[Self.calibrationMatrixKey] }
}
