/// Turns a ticket raster into the ESC/POS commands for one printer profile:
/// `ESC @`, the image in bands, the feed, the cut.
public struct EscPosEncoder: Equatable, Sendable {
    /// Line spacing (motion units) that makes 24-dot `ESC *` bands touch.
    public static let columnBandLineSpacing: UInt8 = 24

    /// The printer profile the bytes are for.
    public var profile: PrinterProfile

    /// Creates an encoder for a profile.
    public init(profile: PrinterProfile) {
        self.profile = profile
    }

    /// The full command list of a ticket.
    public func ticketCommands(for bitmap: MonoBitmap) -> [EscPosCommand] {
        var commands: [EscPosCommand] = [.initialize]
        commands += imageCommands(for: bitmap)
        if profile.feedLinesBeforeCut > 0 {
            commands.append(.feedLines(profile.feedLinesBeforeCut))
        }
        if profile.cut != .none {
            commands.append(.cut(profile.cut))
        }
        return commands
    }

    /// The bytes of a ticket, ready for the printer.
    public func ticketBytes(for bitmap: MonoBitmap) -> [UInt8] {
        EscPosCommand.bytes(of: ticketCommands(for: bitmap))
    }

    /// The image alone, with the profile's image command.
    public func imageCommands(for bitmap: MonoBitmap) -> [EscPosCommand] {
        switch profile.imageCommand {
        case .rasterGSv0: Self.rasterBands(of: bitmap, maxBandRows: profile.maxBandRows)
        case .columnESCStar: Self.columnImageBands(of: bitmap)
        }
    }

    /// `GS v 0` bands of at most `maxBandRows` rows; an empty bitmap gives no command.
    public static func rasterBands(of bitmap: MonoBitmap, maxBandRows: Int) -> [EscPosCommand] {
        precondition(maxBandRows > 0 && maxBandRows <= RasterImageCommand.maximumRows, "band height out of range")
        guard bitmap.widthDots > 0 else { return [] }
        var commands: [EscPosCommand] = []
        var start = 0
        while start < bitmap.heightDots {
            let rows = min(maxBandRows, bitmap.heightDots - start)
            commands.append(.rasterImage(RasterImageCommand(bitmap: bitmap.rows(from: start, count: rows))))
            start += rows
        }
        return commands
    }

    /// `ESC *` 24-dot double-density bands, each followed by `LF`, with the line spacing set to
    /// 24 dots around them. The last band is padded with white rows to 24.
    public static func columnImageBands(of bitmap: MonoBitmap) -> [EscPosCommand] {
        guard bitmap.widthDots > 0, bitmap.heightDots > 0 else { return [] }
        let bandRows = ColumnImageDensity.double24.bandRows
        var commands: [EscPosCommand] = [.lineSpacing(columnBandLineSpacing)]
        var start = 0
        while start < bitmap.heightDots {
            let rows = min(bandRows, bitmap.heightDots - start)
            var band = bitmap.rows(from: start, count: rows)
            if rows < bandRows {
                band = band.padded(toWidthDots: band.widthDots, heightDots: bandRows)
            }
            commands.append(.columnImage(ColumnImageCommand(density: .double24, bitmap: band)))
            commands.append(.lineFeed)
            start += rows
        }
        commands.append(.defaultLineSpacing)
        return commands
    }
}
