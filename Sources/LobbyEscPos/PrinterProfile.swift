/// What Lobby must know about one printer model to print a ticket on it; loaded from a JSON
/// data file (see `PrinterProfile.init(jsonBytes:fileName:)` and Docs/Printing.md).
public struct PrinterProfile: Equatable, Sendable {
    /// Which image command the printer understands.
    public enum ImageCommand: String, Equatable, Sendable, CaseIterable {
        /// `GS v 0` raster bands.
        case rasterGSv0
        /// `ESC *` 24-dot column images (clones without `GS v 0`).
        case columnESCStar
    }

    /// Which status replies the printer can send back.
    public enum StatusSupport: String, Equatable, Sendable, CaseIterable {
        /// Write-only (e.g. a one-way serial cable): no status.
        case none
        /// `DLE EOT n` real-time status.
        case realTime
        /// `DLE EOT n` and Automatic Status Back (`GS a n`).
        case realTimeAndAutomaticStatusBack
    }

    /// Identifier, equal to the file name without `.json` (e.g. `generic-80mm`).
    public var name: String
    /// Free text for technicians (model names this profile fits).
    public var description: String
    /// Printable width.
    public var width: PrinterWidth
    /// Resolution in dots per inch (180, 203 or 300).
    public var dotsPerInch: Int
    /// Cut at the end of a ticket.
    public var cut: CutCommand
    /// Image command used for the ticket raster.
    public var imageCommand: ImageCommand
    /// Status channel.
    public var status: StatusSupport
    /// Largest `GS v 0` band, in rows.
    public var maxBandRows: Int
    /// Lines fed (`ESC d n`) after the image and before the cut.
    public var feedLinesBeforeCut: UInt8
    /// The ways tickets can be sent to this printer, preferred first (`raster` always works).
    public var modes: [TicketMode]
    /// What the printer offers for text mode; nil when it has no `text` mode.
    public var text: TextModeSupport?
    /// Paper speed to plan job times with, in mm/s (nil: not given; 50 mm/s is assumed).
    public var printSpeed: Int?

    /// Creates a profile directly (tests, simulators).
    public init(
        name: String, description: String = "", width: PrinterWidth, dotsPerInch: Int = 203,
        cut: CutCommand, imageCommand: ImageCommand = .rasterGSv0, status: StatusSupport = .realTime,
        maxBandRows: Int = 256, feedLinesBeforeCut: UInt8 = 0, text: TextModeSupport? = nil, printSpeed: Int? = nil
    ) {
        self.modes = text == nil ? [.raster] : [.text, .raster]
        self.text = text
        self.name = name
        self.description = description
        self.width = width
        self.dotsPerInch = dotsPerInch
        self.cut = cut
        self.imageCommand = imageCommand
        self.status = status
        self.maxBandRows = maxBandRows
        self.feedLinesBeforeCut = feedLinesBeforeCut
        self.printSpeed = printSpeed
    }

    /// Accepted resolutions.
    public static let supportedDotsPerInch = [180, 203, 300]
    /// Accepted band heights.
    public static let bandRowsRange = 8...4096
    /// Every field a profile file may have.
    public static let fieldNames: Set<String> = [
        "name", "description", "widthDots", "dpi", "cut", "cutFeedUnits", "imageCommand", "status",
        "maxBandRows", "feedLinesBeforeCut", "modes", "text", "printSpeed",
    ]

    /// The mode tickets are sent in: the first of `modes` (text only when the profile has a text section).
    public var preferredMode: TicketMode { modes.first ?? .raster }
}
