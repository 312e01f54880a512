/// A display mode a connector offers: resolution, refresh rate and whether it is the panel's
/// preferred (native) one.
public struct DisplayMode: Hashable, Sendable, CustomStringConvertible {
    /// Active pixels per line.
    public var width: Int
    /// Active lines.
    public var height: Int
    /// Vertical refresh in Hz (as the mode reports it; 0 when unknown).
    public var refresh: Int
    /// Whether the connector marks it preferred.
    public var preferred: Bool

    /// A mode from its parts.
    public init(width: Int, height: Int, refresh: Int, preferred: Bool = false) {
        self.width = width
        self.height = height
        self.refresh = refresh
        self.preferred = preferred
    }

    /// The size.
    public var size: DisplaySize { DisplaySize(width: width, height: height) }

    /// `1920x1080@60`.
    public var description: String { "\(width)x\(height)@\(refresh)" }
}

/// A configured mode: `WIDTHxHEIGHT` with an optional `@REFRESH`.
public struct DisplayModeRequest: Hashable, Sendable, CustomStringConvertible {
    /// Wanted width.
    public var width: Int
    /// Wanted height.
    public var height: Int
    /// Wanted refresh (nil: any, the highest offered).
    public var refresh: Int?

    /// A request from its parts.
    public init(width: Int, height: Int, refresh: Int? = nil) {
        self.width = width
        self.height = height
        self.refresh = refresh
    }

    /// Why a mode text could not be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The text.
        public var text: String
        /// The error for `text`.
        public init(text: String) { self.text = text }
        /// What is wrong, in words.
        public var description: String { "display mode '\(text)' is not WIDTHxHEIGHT or WIDTHxHEIGHT@HZ, e.g. 1920x1080@60" }
    }

    /// Parses `1920x1080` or `1920x1080@60`.
    public init(parsing text: String) throws(ParseError) {
        let halves = text.split(separator: "@", omittingEmptySubsequences: false)
        let size = halves[0].split(separator: "x", omittingEmptySubsequences: false)
        guard halves.count <= 2, size.count == 2, let width = Int(size[0]), let height = Int(size[1]),
              (1...16384).contains(width), (1...16384).contains(height) else { throw ParseError(text: text) }
        var refresh: Int?
        if halves.count == 2 {
            guard let value = Int(halves[1]), (1...1000).contains(value) else { throw ParseError(text: text) }
            refresh = value
        }
        self.init(width: width, height: height, refresh: refresh)
    }

    /// Whether `mode` satisfies the request.
    public func matches(_ mode: DisplayMode) -> Bool {
        mode.width == width && mode.height == height && (refresh == nil || refresh == mode.refresh)
    }

    /// `1920x1080` or `1920x1080@60`.
    public var description: String { "\(width)x\(height)" + (refresh.map { "@\($0)" } ?? "") }
}
