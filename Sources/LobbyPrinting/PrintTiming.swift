/// How fast one printer can take and print a job: the link (serial wire rate, or a link that is
/// never the limit) and the print speed to plan with.
public struct PrinterPace: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Bytes per second the link carries; nil for network and USB printers, whose link is far
    /// faster than the print head.
    public var linkBytesPerSecond: Double?
    /// Paper speed to plan with, in mm/s: the slowest the printer prints a dense raster.
    public var printMillimetresPerSecond: Double
    /// Dots per inch (turns raster rows into paper length).
    public var dotsPerInch: Int

    /// A cheap printer's speed when nothing better is known: 50 mm/s.
    public static let defaultPrintMillimetresPerSecond = 50.0

    /// Creates a pace.
    public init(linkBytesPerSecond: Double? = nil, printMillimetresPerSecond: Double = Self.defaultPrintMillimetresPerSecond, dotsPerInch: Int = 203) {
        self.linkBytesPerSecond = linkBytesPerSecond
        self.printMillimetresPerSecond = max(1, printMillimetresPerSecond)
        self.dotsPerInch = dotsPerInch
    }

    /// Bytes per second of a serial line at `baud`, 8N1 (10 bits per byte on the wire).
    public static func serialBytesPerSecond(baud: Int) -> Double { Double(baud) / 10 }

    /// `19200 baud (1920 B/s), 50 mm/s at 203 dpi`.
    public var description: String {
        let link = linkBytesPerSecond.map { "link \(Int($0)) B/s" } ?? "fast link"
        return "\(link), \(Int(printMillimetresPerSecond)) mm/s at \(dotsPerInch) dpi"
    }
}

/// The physical limit of one job on one printer: the time the bytes need on the wire and the
/// time the paper needs under the head. Both happen at once (the printer prints while it
/// receives), so the job cannot take less than the larger of the two.
public struct PrintTimeEstimate: Equatable, Sendable, CustomStringConvertible {
    /// Bytes sent.
    public var bytes: Int
    /// Paper length in millimetres.
    public var paperMillimetres: Double
    /// bytes ÷ link rate (0 for a fast link).
    public var wire: Duration
    /// paper length ÷ print speed.
    public var printing: Duration

    /// Estimates a job from its layout.
    public init(layout: EscPosJobLayout, pace: PrinterPace) {
        self.init(bytes: layout.byteCount, paperMillimetres: layout.paperMillimetres(dotsPerInch: pace.dotsPerInch), pace: pace)
    }

    /// Estimates `bytes` with `paperMillimetres` of paper.
    public init(bytes: Int, paperMillimetres: Double, pace: PrinterPace) {
        self.bytes = bytes
        self.paperMillimetres = paperMillimetres
        wire = pace.linkBytesPerSecond.map { Self.seconds(Double(bytes) / $0) } ?? .zero
        printing = Self.seconds(paperMillimetres / pace.printMillimetresPerSecond)
    }

    /// max(wire, printing): the job cannot be faster.
    public var physicalLimit: Duration { max(wire, printing) }

    /// `57344 bytes, 99.1 mm: wire 29.87 s, printing 1.98 s`.
    public var description: String {
        "\(bytes) bytes, \((paperMillimetres * 10).rounded() / 10) mm: wire \(wire), printing \(printing)"
    }

    static func seconds(_ value: Double) -> Duration {
        .milliseconds(Int64((max(0, value) * 1000).rounded(.up)))
    }
}

/// The rules that turn a job's physical limit into the time the pool waits for it, and the time a
/// cancelled job gets to finish its current raster band. Written out in Docs/Printing-CUPS.md.
///
/// `deadline = startAllowance + margin × max(wire, printing) + finishAllowance`
public struct PrintDeadlinePolicy: Equatable, Sendable {
    /// CUPS starting the backend, connecting, the first status poll.
    public var startAllowance: Duration
    /// Multiplier on the physical limit (printers slow down on dense rasters and when hot).
    public var margin: Double
    /// The status poll after the job and the confirmation that printing ended.
    public var finishAllowance: Duration
    /// Longest the pool keeps waiting past the deadline while the job still makes progress,
    /// as a multiple of the deadline.
    public var progressExtensionFactor: Double

    /// The documented defaults: 5 s + 1.5 × limit + 3 s, extended up to 3× while progressing.
    public init(startAllowance: Duration = .seconds(5), margin: Double = 1.5, finishAllowance: Duration = .seconds(3),
                progressExtensionFactor: Double = 3) {
        self.startAllowance = startAllowance
        self.margin = margin
        self.finishAllowance = finishAllowance
        self.progressExtensionFactor = progressExtensionFactor
    }

    /// How long the pool waits for `estimate` before it gives up on the job.
    public func deadline(for estimate: PrintTimeEstimate) -> Duration {
        startAllowance + estimate.physicalLimit * margin + finishAllowance
    }

    /// How long a cancelled job may take to end: the backend completes the raster band it was
    /// sending (the largest command of the job, on the wire) and the printer prints what it holds
    /// (at most the whole job), then the backend resets it and exits.
    public func cancelAllowance(layout: EscPosJobLayout, pace: PrinterPace) -> Duration {
        let band = PrintTimeEstimate(bytes: layout.largestCommandBytes, paperMillimetres: 0, pace: pace).wire
        let printing = PrintTimeEstimate(layout: layout, pace: pace).printing
        return finishAllowance + (band + printing) * margin
    }
}
