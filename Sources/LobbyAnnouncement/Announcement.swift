/// What is to be announced: a ticket called (or called again) to a window.
public struct Announcement: Hashable, Sendable {
    /// A first call or a recall.
    public enum Kind: String, Hashable, Sendable {
        /// The ticket's first call.
        case call
        /// The ticket called again.
        case recall
    }

    /// A call or a recall.
    public let kind: Kind
    /// The ticket's prefix: one or two letters A–Z.
    public let prefix: String
    /// The ticket's number within its prefix.
    public let number: Int
    /// The window the citizen goes to.
    public let window: Int

    /// Creates an announcement.
    public init(kind: Kind, prefix: String, number: Int, window: Int) {
        self.kind = kind
        self.prefix = prefix
        self.number = number
        self.window = window
    }

    /// Parses a ticket as shown to citizens ("A042", "AB7") into prefix and number.
    public static func parseTicket(_ text: String) throws(AnnouncementError) -> (prefix: String, number: Int) {
        let prefix = String(text.prefix { $0.isLetter })
        let digits = String(text.dropFirst(prefix.count))
        guard (1...2).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw .badTicket(text, "a ticket starts with one or two capital letters A-Z, as in A042")
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), digits.count <= 6 else {
            throw .badTicket(text, "the letters must be followed by the ticket's digits, as in A042")
        }
        return (prefix, number)
    }

    /// The ticket as citizens see it ("A042").
    public var ticketText: String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

/// Why an announcement cannot be planned.
public enum AnnouncementError: Error, Equatable, CustomStringConvertible {
    /// The ticket text is not a prefix and digits.
    case badTicket(String, String)
    /// The window number cannot be said (1...999).
    case windowOutOfRange(Int)
    /// The settings name no language.
    case noLanguage
    /// A language is named twice.
    case repeatedLanguage(SpokenLanguage)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .badTicket(let text, let why): "ticket '\(text)': \(why)"
        case .windowOutOfRange(let w): "window \(w): windows are numbered 1 to 999"
        case .noLanguage: "audio.languages: name at least one of az, ru, en"
        case .repeatedLanguage(let l): "audio.languages: '\(l.rawValue)' is named twice"
        }
    }
}
