/// Lines that say what an input device is, matched by `VID:PID` and name (data, not code): the
/// built-in quirks (`TouchQuirks`) and the configuration's `touchscreen.match` lines share it.
///
/// Text form, one entry per line, `#` starts a comment:
///
///     # match…                                   class        protocol       remark
///     0eef:0001                                  touchscreen  single-touch   eGalax TouchController: BTN_TOOL_PEN + BTN_TOUCH
///     04e7:0020                                  single-touch                Elo 2700 (BTN_LEFT, udev calls it a mouse)
///     056a:*                                     tablet                      every Wacom is a graphics tablet
///     name:"Lab Keyboard*"                       ignore
///
/// A line is one or more matches (all must hold: `vvvv:pppp`, `vvvv:*`, `name:TEXT` or
/// `name:"TEXT WITH SPACES"`, `*` a wildcard), then a class — `touchscreen` (use it as a
/// touchscreen even when its capabilities say otherwise), `tablet` (never a touchscreen: a
/// graphics tablet) or `ignore` (never a touchscreen, and never reported) — and, for a
/// touchscreen, the protocol: `auto` (from its axes), `single-touch`, `multitouch-a`,
/// `multitouch-b`. The class may be left out when a protocol is given (`touchscreen` then);
/// a line of matches alone means `touchscreen auto`. A remark may follow the class or protocol.
/// The first line that matches a device decides.
public struct DeviceMatchList: Hashable, Sendable {
    /// The entries in file order.
    public var entries: [Entry]
    /// Where the lines come from, as error messages and classifications name it.
    public var origin: Origin

    /// Where a list's lines come from.
    public enum Origin: String, Hashable, Sendable {
        /// The configuration's `touchscreen.match` (or `lobbyctl --match`).
        case configuration = "match"
        /// The quirks built into Lobby (`Sources/LobbyTouch/Quirks/touchscreens.quirks`).
        case quirks = "built-in quirks"
    }

    /// What a device is, as a line says.
    public enum DeviceClass: String, Hashable, Sendable, CaseIterable {
        /// A touchscreen, whatever its capabilities suggest.
        case touchscreen
        /// A graphics tablet: never the kiosk's touchscreen.
        case tablet
        /// Not the kiosk's business at all (not a touchscreen, no alarm when unreadable).
        case ignore
    }

    /// A protocol an entry may force.
    public enum ForcedProtocol: String, Hashable, Sendable, CaseIterable {
        /// `ABS_X`/`ABS_Y` with `BTN_TOUCH` or `BTN_LEFT`, even if the device has `ABS_MT_*` too.
        case singleTouch = "single-touch"
        /// Protocol A.
        case multitouchAnonymous = "multitouch-a"
        /// Protocol B.
        case multitouchSlots = "multitouch-b"
    }

    /// One line.
    public struct Entry: Hashable, Sendable, CustomStringConvertible {
        /// The conditions, all of which must hold.
        public var matchers: [DeviceMatcher]
        /// What a matching device is.
        public var deviceClass: DeviceClass
        /// The protocol to read a touchscreen with, or nil for `auto`.
        public var forcedProtocol: ForcedProtocol?
        /// A free-text remark (model name, why).
        public var remark: String
        /// The 1-based line in its text (0 when built in code).
        public var line: Int

        /// An entry from its parts.
        public init(matchers: [DeviceMatcher], deviceClass: DeviceClass = .touchscreen, forcedProtocol: ForcedProtocol? = nil,
                    remark: String = "", line: Int = 0) {
            self.matchers = matchers
            self.deviceClass = deviceClass
            self.forcedProtocol = forcedProtocol
            self.remark = remark
            self.line = line
        }

        /// A touchscreen entry for one `VID:PID`.
        public init(id: VendorProductID, forcedProtocol: ForcedProtocol? = nil, remark: String = "") {
            self.init(matchers: [.vendorProduct(id)], forcedProtocol: forcedProtocol, remark: remark)
        }

        /// Whether every condition holds for `device`.
        public func matches(_ device: DeviceDescription) -> Bool {
            matchers.allSatisfy { $0.matches(device) }
        }

        /// The line without its remark: `0eef:0001 touchscreen single-touch`.
        public var description: String {
            (matchers.map(\.description) + [deviceClass.rawValue] + (forcedProtocol.map { [$0.rawValue] } ?? [])).joined(separator: " ")
        }
    }

    /// Why a list could not be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line.
        public var line: Int
        /// What is wrong.
        public var message: String

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// A list from entries.
    public init(entries: [Entry] = [], origin: Origin = .configuration) {
        self.entries = entries
        self.origin = origin
    }

    /// Parses the text form.
    public init(parsing text: String, origin: Origin = .configuration) throws(ParseError) {
        var entries: [Entry] = []
        var seen: [[DeviceMatcher]: Int] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = index + 1
            let words: [String]
            do { words = try Self.words(of: rawLine) } catch { throw ParseError(line: line, message: error.message) }
            guard !words.isEmpty else { continue }
            var matchers: [DeviceMatcher] = []
            var position = 0
            while position < words.count, let matcher = DeviceMatcher(words[position]) {
                matchers.append(matcher)
                position += 1
            }
            guard !matchers.isEmpty else {
                throw ParseError(line: line, message: "'\(words[0])' is not a match (expected vvvv:pppp, vvvv:* or name:TEXT, e.g. 0eef:0001)")
            }
            if let previous = seen[matchers] {
                throw ParseError(line: line, message: "\(matchers.map(\.description).joined(separator: " ")) is already listed on line \(previous)")
            }
            seen[matchers] = line
            var deviceClass = DeviceClass.touchscreen
            var forced: ForcedProtocol?
            var sawClassOrProtocol = false
            if position < words.count, let value = DeviceClass(rawValue: words[position]) {
                deviceClass = value
                position += 1
                sawClassOrProtocol = true
            }
            if position < words.count, words[position] == "auto" || ForcedProtocol(rawValue: words[position]) != nil {
                guard deviceClass == .touchscreen else {
                    throw ParseError(line: line, message: "a protocol ('\(words[position])') goes only with touchscreen, not with '\(deviceClass.rawValue)'")
                }
                forced = ForcedProtocol(rawValue: words[position])
                position += 1
                sawClassOrProtocol = true
            }
            if position < words.count, !sawClassOrProtocol {
                let known = (DeviceClass.allCases.map(\.rawValue) + ["auto"] + ForcedProtocol.allCases.map(\.rawValue)).joined(separator: ", ")
                throw ParseError(line: line, message: "unknown class or protocol '\(words[position])' (expected one of \(known))")
            }
            entries.append(Entry(matchers: matchers, deviceClass: deviceClass, forcedProtocol: forced,
                                 remark: words.dropFirst(position).joined(separator: " "), line: line))
        }
        self.init(entries: entries, origin: origin)
    }

    /// The first entry that matches `device`.
    public func entry(for device: DeviceDescription) -> Entry? {
        entries.first { $0.matches(device) }
    }

    /// The first entry that surely matches a device known only by `VID:PID` (entries that
    /// also need a name are skipped).
    public func entry(for id: VendorProductID) -> Entry? {
        entries.first { entry in entry.matchers.allSatisfy { $0.matches(id) == true } }
    }

    private struct WordError: Error {
        var message: String
    }

    /// Splits a line into words at blanks; `"…"` keeps blanks in a word (`name:"A B"` gives
    /// `name:A B`); `#` outside quotes starts a comment.
    private static func words(of line: Substring) throws(WordError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoteStart: String.Index?
        for index in line.indices {
            let character = line[index]
            if quoteStart != nil {
                if character == "\"" { quoteStart = nil } else { current.append(character) }
                continue
            }
            switch character {
            case "#":
                if inWord { words.append(current) }
                return words
            case " ", "\t", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "\"":
                quoteStart = index
                inWord = true
            default:
                current.append(character)
                inWord = true
            }
        }
        if let quoteStart {
            throw WordError(message: "unterminated quote in \(line[quoteStart...].prefix(40))")
        }
        if inWord { words.append(current) }
        return words
    }
}
