import LobbyEscPos

/// How a printer is connected, as far as job times go.
public enum PrinterLink: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Network (TCP) or USB: far faster than the print head.
    case fast
    /// A serial line at this many baud (8N1).
    case serial(baud: Int)

    /// `fast` or `serial 19200 baud`.
    public var description: String {
        switch self {
        case .fast: "fast"
        case let .serial(baud): "serial \(baud) baud"
        }
    }
}

/// One printer of a pool: its queue, what the daemon wants of it, its profile (what the ticket is
/// rendered for) and its link (how long a job takes).
public struct PoolPrinter: Equatable, Sendable {
    /// The CUPS queue.
    public var id: PrinterID
    /// Whether tickets may go to it.
    public var desired: DesiredPrinterState
    /// The printer model's profile.
    public var profile: PrinterProfile
    /// How it is connected.
    public var link: PrinterLink

    /// The generic 80 mm profile, used when none is given.
    public static let defaultProfile = PrinterProfile(name: "generic-80mm", width: .dots576, cut: .feedThenPartialCut(feedUnits: 0))

    /// Creates a printer entry.
    public init(_ id: PrinterID, desired: DesiredPrinterState = .enabled, profile: PrinterProfile = PoolPrinter.defaultProfile, link: PrinterLink = .fast) {
        self.id = id
        self.desired = desired
        self.profile = profile
        self.link = link
    }

    /// The pace job times are planned with.
    public var pace: PrinterPace {
        var linkRate: Double?
        if case let .serial(baud) = link { linkRate = PrinterPace.serialBytesPerSecond(baud: baud) }
        return PrinterPace(linkBytesPerSecond: linkRate,
                           printMillimetresPerSecond: Double(profile.printSpeed ?? Int(PrinterPace.defaultPrintMillimetresPerSecond)),
                           dotsPerInch: profile.dotsPerInch)
    }
}
