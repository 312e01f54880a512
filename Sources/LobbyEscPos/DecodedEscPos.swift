/// The result of decoding ESC/POS bytes: the commands in order and the images reassembled
/// from their bands.
public struct DecodedEscPos: Equatable, Sendable {
    /// A command and where it starts.
    public struct Command: Equatable, Sendable {
        /// Offset of the command's first byte.
        public var byteOffset: Int
        /// The command.
        public var command: EscPosCommand
    }

    /// Which command an image was sent with.
    public enum ImageKind: Equatable, Sendable {
        /// `GS v 0` bands with this scale.
        case raster(RasterScale)
        /// `ESC *` bands with this density.
        case columnImage(ColumnImageDensity)
    }

    /// One image: consecutive bands of the same width and kind joined top to bottom.
    public struct Image: Equatable, Sendable {
        /// Offset of the first band's command.
        public var byteOffset: Int
        /// How it was sent.
        public var kind: ImageKind
        /// Number of band commands it was split into.
        public var bandCount: Int
        /// The joined image (raster width is a whole number of bytes).
        public var bitmap: MonoBitmap
    }

    /// Every command in order.
    public var commands: [Command]

    /// The images, in order. Raster bands join when they follow each other directly;
    /// column bands join when only line feeds or line-spacing commands lie between them.
    public var images: [Image] {
        var images: [Image] = []
        var canExtend = false
        for entry in commands {
            switch entry.command {
            case let .rasterImage(band):
                if canExtend, let last = images.last, last.kind == .raster(band.scale),
                   last.bitmap.widthDots == band.bitmap.widthDots {
                    images[images.count - 1].bitmap = last.bitmap.appendingRows(of: band.bitmap)
                    images[images.count - 1].bandCount += 1
                } else {
                    images.append(Image(byteOffset: entry.byteOffset, kind: .raster(band.scale), bandCount: 1, bitmap: band.bitmap))
                }
                canExtend = true
            case let .columnImage(band):
                if canExtend, let last = images.last, last.kind == .columnImage(band.density),
                   last.bitmap.widthDots == band.bitmap.widthDots {
                    images[images.count - 1].bitmap = last.bitmap.appendingRows(of: band.bitmap)
                    images[images.count - 1].bandCount += 1
                } else {
                    images.append(Image(byteOffset: entry.byteOffset, kind: .columnImage(band.density), bandCount: 1, bitmap: band.bitmap))
                }
                canExtend = true
            case .lineFeed, .lineSpacing, .defaultLineSpacing:
                // Column bands are separated by LF; raster bands never are.
                if case .columnImage = images.last?.kind {} else { canExtend = false }
            default:
                canExtend = false
            }
        }
        return images
    }

    /// The native two-dimensional code commands (e.g. native QR), described.
    public var twoDimensionalCodes: [TwoDimensionalCodeCommand] {
        commands.compactMap { entry in
            if case let .twoDimensionalCode(code) = entry.command { return code }
            return nil
        }
    }

    /// All `.text` bytes joined, with `LF` as newline (for checking printed text).
    public var text: [UInt8] {
        var output: [UInt8] = []
        for entry in commands {
            switch entry.command {
            case let .text(bytes): output += bytes
            case .lineFeed: output.append(0x0A)
            default: break
            }
        }
        return output
    }
}
