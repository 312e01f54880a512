import LobbyTouch

/// Which input devices are keyboard-wedge MRZ readers: hardware knowledge kept as data.
///
/// Text form, one entry per line, `#` starts a comment:
///
///     # match              remark
///     0db5:013a            Access-IS module, virtual keyboard interface
///     name:OCR Reader      any device whose name contains "OCR Reader" (case-insensitive)
///
/// A `VID:PID` entry matches the input device's vendor and product; a `name:` entry matches a
/// part of the kernel device name.
public struct WedgeReaderMatchList: Sendable, Hashable {
    /// One way to recognise a reader.
    public enum Match: Sendable, Hashable, CustomStringConvertible {
        /// The USB vendor and product.
        case vendorProduct(VendorProductID)
        /// A part of the device name, compared without regard to case.
        case name(String)

        /// `vvvv:pppp` or `name:TEXT`.
        public var description: String {
            switch self {
            case .vendorProduct(let id): id.description
            case .name(let text): "name:\(text)"
            }
        }

        /// Whether a device with this name and identity is the reader.
        public func matches(name deviceName: String, identity: DeviceIdentity) -> Bool {
            switch self {
            case .vendorProduct(let id): identity.vendorProduct == id
            case .name(let text): deviceName.lowercased().contains(text.lowercased())
            }
        }
    }

    /// One line of the list.
    public struct Entry: Sendable, Hashable {
        /// How the device is recognised.
        public var match: Match
        /// A free-text remark (the model).
        public var remark: String

        /// An entry from its parts.
        public init(match: Match, remark: String = "") {
            self.match = match
            self.remark = remark
        }
    }

    /// Why a match list could not be read.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The 1-based line.
        public var line: Int
        /// What is wrong.
        public var message: String

        /// An error at a line.
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }

        /// `line N: message`.
        public var description: String { "line \(line): \(message)" }
    }

    /// The entries in file order.
    public var entries: [Entry]

    /// A list from entries.
    public init(entries: [Entry] = []) { self.entries = entries }

    /// A list from matches without remarks.
    public init(_ matches: [Match]) { entries = matches.map { Entry(match: $0) } }

    /// Parses one match as written on a command line or in a list (`vvvv:pppp` or `name:TEXT`).
    public static func parseMatch(_ text: Substring) -> Match? {
        if text.hasPrefix("name:") {
            let name = text.dropFirst("name:".count).trimmingSpaces
            return name.isEmpty ? nil : .name(String(name))
        }
        return VendorProductID(text).map(Match.vendorProduct)
    }

    /// Parses the text form.
    public init(parsing text: String) throws(ParseError) {
        var entries: [Entry] = []
        var seen: [Match: Int] = [:]
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = index + 1
            let content = rawLine.prefix(while: { $0 != "#" }).trimmingSpaces
            guard !content.isEmpty else { continue }
            let match: Match
            let remark: Substring
            if content.hasPrefix("name:") {
                // A name may contain spaces: it runs to the end of the line (before a comment).
                guard let parsed = Self.parseMatch(content) else {
                    throw ParseError(line: line, message: "'name:' needs a part of the device name after it")
                }
                match = parsed
                remark = ""
            } else {
                let first = content.prefix(while: { $0 != " " && $0 != "\t" })
                guard let parsed = Self.parseMatch(first) else {
                    throw ParseError(line: line, message: "'\(first)' is neither a vendor:product pair like 0db5:013a nor name:TEXT")
                }
                match = parsed
                remark = content.dropFirst(first.count).trimmingSpaces
            }
            if let previous = seen[match] {
                throw ParseError(line: line, message: "\(match) is already listed on line \(previous)")
            }
            seen[match] = line
            entries.append(Entry(match: match, remark: String(remark)))
        }
        self.entries = entries
    }

    /// The first entry that recognises the device, if any.
    public func entry(name: String, identity: DeviceIdentity) -> Entry? {
        entries.first { $0.match.matches(name: name, identity: identity) }
    }

    /// The matches joined for messages (`0db5:013a, name:OCR`).
    public var summary: String { entries.isEmpty ? "(none)" : entries.map(\.match.description).joined(separator: ", ") }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and carriage returns.
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
