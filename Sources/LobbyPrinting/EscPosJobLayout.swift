/// One command of a job, as a printer's command interpreter splits it.
public struct EscPosJobCommand: Equatable, Sendable {
    /// Where the whole command (header and payload) is in the job.
    public var range: Range<Int>
    /// Bytes of the header; the rest of `range` is payload (raster data, QR data …).
    public var headerCount: Int
    /// Paper the command moves, in dots (an estimate for text lines).
    public var feedDots: Int
    /// True for a `GS V` cut.
    public var isCut: Bool

    /// Where the payload starts.
    public var payloadStart: Int { range.lowerBound + headerCount }
}

/// A whole ESC/POS job split into commands the way the printer reads it (the same command
/// lengths as `EscPosStreamFramer`), with an estimate of the paper it uses. The backend sends a
/// job in `pieces` of whole commands and polls between them; the pool and the backend turn the
/// paper length into time with the printer's speed (`PrintTimeEstimate`).
public struct EscPosJobLayout: Equatable, Sendable {
    /// Every command in order; text runs are one command each.
    public let commands: [EscPosJobCommand]
    /// Bytes in the job.
    public let byteCount: Int
    /// Estimated paper length in dots (raster rows, line feeds, feeds).
    public let paperDots: Int
    /// True when the last command's header or payload runs past the end of the job.
    public let isTruncated: Bool
    /// The last cut command of the job, if any (used to cut after a cancelled raster).
    public let cutCommand: [UInt8]?

    /// Line spacing after `ESC @` or `ESC 2`: 1/6 inch, about 34 dots at 203 dpi.
    public static let defaultLineSpacingDots = 34
    /// Height of the default font (Font A).
    public static let characterHeightDots = 24
    /// Height assumed for a native 2D code printed with `GS ( k` (about 25 mm).
    public static let twoDimensionalCodeDots = 200

    /// Splits `bytes`.
    public init(_ bytes: [UInt8]) {
        var commands: [EscPosJobCommand] = []
        var paper = 0
        var lineSpacing = Self.defaultLineSpacingDots
        var heightMultiplier = 1
        var lineHasText = false
        var truncated = false
        var cut: [UInt8]?
        var index = 0
        func lineAdvance() -> Int { max(lineSpacing, lineHasText ? Self.characterHeightDots * heightMultiplier : 0) }
        while index < bytes.count {
            let start = index
            let first = bytes[index]
            guard first == 0x10 || first == 0x1B || first == 0x1D else {
                // A run of text and control characters up to the next command.
                var feed = 0
                while index < bytes.count, bytes[index] != 0x10, bytes[index] != 0x1B, bytes[index] != 0x1D {
                    if bytes[index] == 0x0A {
                        feed += lineAdvance()
                        lineHasText = false
                    } else if bytes[index] >= 0x20 {
                        lineHasText = true
                    }
                    index += 1
                }
                paper += feed
                commands.append(EscPosJobCommand(range: start..<index, headerCount: index - start, feedDots: feed, isCut: false))
                continue
            }
            var header = [first]
            var payload = 0
            index += 1
            while true {
                guard index < bytes.count else {
                    truncated = true
                    break
                }
                header.append(bytes[index])
                index += 1
                switch EscPosCommandHeader.classify(header) {
                case .needMore: continue
                case .statusRequest, .transmitStatus: payload = 0
                case let .command(count): payload = count
                }
                break
            }
            let headerEnd = index
            let end = min(bytes.count, headerEnd + payload)
            if headerEnd + payload > bytes.count { truncated = true }
            index = end
            var feed = 0
            var isCut = false
            if header.count >= 2 {
                switch (header[0], header[1]) {
                case (0x1B, 0x40): // ESC @
                    lineSpacing = Self.defaultLineSpacingDots
                    heightMultiplier = 1
                    lineHasText = false
                case (0x1B, 0x32): lineSpacing = Self.defaultLineSpacingDots // ESC 2
                case (0x1B, 0x33) where header.count == 3: lineSpacing = Int(header[2]) // ESC 3 n
                case (0x1B, 0x21) where header.count == 3: heightMultiplier = header[2] & 0x10 != 0 ? 2 : 1 // ESC ! n
                case (0x1D, 0x21) where header.count == 3: heightMultiplier = Int(header[2] & 0x07) + 1 // GS ! n
                case (0x1B, 0x64) where header.count == 3: // ESC d n
                    feed = (lineHasText ? lineAdvance() : 0) + Int(header[2]) * lineSpacing
                    lineHasText = false
                case (0x1B, 0x4A) where header.count == 3: feed = Int(header[2]) // ESC J n
                case (0x1D, 0x76) where header.count == 8: // GS v 0 m xL xH yL yH
                    let rows = Int(header[6]) | Int(header[7]) << 8
                    feed = rows * (header[3] & 0x02 != 0 ? 2 : 1)
                case (0x1D, 0x28) where header.count == 5 && end - headerEnd >= 2:
                    // GS ( k pL pH cn fn: fn 81 prints the stored symbol.
                    if bytes[headerEnd] == 49, bytes[headerEnd + 1] == 81 { feed = Self.twoDimensionalCodeDots }
                case (0x1D, 0x56):
                    isCut = true
                    if header.count == 4 { feed = Int(header[3]) }
                    if end == headerEnd { cut = Array(bytes[start..<end]) }
                    lineHasText = false
                default: break
                }
            }
            paper += feed
            commands.append(EscPosJobCommand(range: start..<end, headerCount: min(header.count, end - start), feedDots: feed, isCut: isCut))
        }
        self.commands = commands
        self.byteCount = bytes.count
        self.paperDots = paper
        self.isTruncated = truncated
        self.cutCommand = cut
    }

    /// The paper length in millimetres at `dotsPerInch`.
    public func paperMillimetres(dotsPerInch: Int) -> Double {
        Double(paperDots) * 25.4 / Double(max(1, dotsPerInch))
    }

    /// The job cut into consecutive pieces of whole commands, each at most `maximumBytes` long
    /// unless one command alone is longer (a raster band is never split).
    public func pieces(maximumBytes: Int) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = 0
        var end = 0
        for command in commands {
            if end > start, command.range.upperBound - start > maximumBytes {
                pieces.append(start..<end)
                start = end
            }
            end = command.range.upperBound
        }
        if end > start { pieces.append(start..<end) }
        return pieces
    }

    /// The command that holds byte `offset`, if any.
    public func command(containing offset: Int) -> EscPosJobCommand? {
        var low = 0
        var high = commands.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = commands[middle].range
            if offset < range.lowerBound { high = middle - 1 } else if offset >= range.upperBound { low = middle + 1 } else { return commands[middle] }
        }
        return nil
    }

    /// The largest single command in bytes (a raster band), 0 for an empty job.
    public var largestCommandBytes: Int { commands.map(\.range.count).max() ?? 0 }
}
