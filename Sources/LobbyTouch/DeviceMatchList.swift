/// Configured `VID:PID` entries that force a device in as a touchscreen (data, not code).
///
/// Text form, one entry per line, `#` starts a comment:
///
///     # vid:pid   protocol       remark
///     04e7:0020   single-touch   Elo 2700 (BTN_LEFT, udev calls it a mouse)
///     0eef:72a1   auto
///
/// The protocol is `auto` (classify by capabilities, accept whatever touch axes it has),
/// `single-touch`, `multitouch-a` or `multitouch-b`.
public struct DeviceMatchList: Hashable, Sendable {
    /// The entries in file order.
    public var entries: [Entry]

    /// One configured device.
    public struct Entry: Hashable, Sendable {
        /// The device's vendor and product.
        public var id: VendorProductID
        /// The protocol to use, or nil for `auto`.
        public var forcedProtocol: ForcedProtocol?
        /// A free-text remark (model name).
        public var remark: String

        /// An entry from its parts.
        public init(id: VendorProductID, forcedProtocol: ForcedProtocol? = nil, remark: String = "") {
            self.id = id
            self.forcedProtocol = forcedProtocol
            self.remark = remark
        }
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

    /// Why a match list could not be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line.
        public var line: Int
        /// What is wrong.
        public var message: String

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// A list from entries.
    public init(entries: [Entry] = []) { self.entries = entries }

    /// Parses the text form.
    public init(parsing text: String) throws(ParseError) {
        var entries: [Entry] = []
        var seen: [VendorProductID: Int] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = index + 1
            let content = rawLine.prefix(while: { $0 != "#" })
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = words.first else { continue }
            guard let id = VendorProductID(first) else {
                throw ParseError(line: line, message: "'\(first)' is not a vendor:product pair like 0eef:72a1")
            }
            if let previous = seen[id] {
                throw ParseError(line: line, message: "\(id) is already listed on line \(previous)")
            }
            seen[id] = line
            var forced: ForcedProtocol?
            if words.count > 1, words[1] != "auto" {
                guard let value = ForcedProtocol(rawValue: String(words[1])) else {
                    let known = (["auto"] + ForcedProtocol.allCases.map(\.rawValue)).joined(separator: ", ")
                    throw ParseError(line: line, message: "unknown protocol '\(words[1])' (expected one of \(known))")
                }
                forced = value
            }
            entries.append(Entry(id: id, forcedProtocol: forced, remark: words.dropFirst(2).joined(separator: " ")))
        }
        self.entries = entries
    }

    /// The entry for a device, if listed.
    public func entry(for id: VendorProductID) -> Entry? {
        entries.first { $0.id == id }
    }
}
