/// Why a ticket could not be rendered; says which block.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libqrencode refused the data (too long for any QR version, or out of memory).
    case qrEncodingFailed(blockIndex: Int, byteCount: Int)
    /// The QR symbol does not fit the allowed width with at least `QRSymbol.minimumModuleDots`.
    case qrTooWide(blockIndex: Int, modules: Int, availableDots: Int)
    /// Margins leave no room for content at this printer width.
    case noPrintableWidth(widthDots: Int, margins: Int)
    /// The ticket would be taller than `TicketRenderer.maximumHeightDots`.
    case ticketTooTall(heightDots: Int)
    /// cairo failed (e.g. out of memory) with this status text.
    case cairoFailure(String)
    /// The logo is wider than the printable width inside the margins.
    case logoTooWide(blockIndex: Int, widthDots: Int, availableDots: Int)
    /// A logo file that is neither a PNG nor a PBM picture.
    case unreadableImage(String)

    /// A message that says what is wrong and where.
    public var description: String {
        switch self {
        case let .qrEncodingFailed(index, count):
            "blocks[\(index)]: QR encoding of \(count) bytes failed"
        case let .qrTooWide(index, modules, available):
            "blocks[\(index)]: QR of \(modules) modules (with quiet zone) needs \(modules * QRSymbol.minimumModuleDots) dots, only \(available) allowed"
        case let .noPrintableWidth(width, margins):
            "margins of \(margins) dots leave nothing of a \(width)-dot printer width"
        case let .ticketTooTall(height):
            "ticket would be \(height) dots tall, more than \(TicketRenderer.maximumHeightDots)"
        case let .cairoFailure(status):
            "cairo: \(status)"
        case let .logoTooWide(index, width, available):
            "blocks[\(index)]: the logo is \(width) dots wide, only \(available) fit inside the margins"
        case let .unreadableImage(reason):
            "not a PNG or PBM picture: \(reason)"
        }
    }
}
