import LobbyEscPos

/// The bytes of one ticket for one printer profile: text mode when the profile offers it, else
/// one raster picture. This is what the printer pool asks for per destination printer.
public struct TicketEncoder: Sendable {
    /// The template.
    public let layout: TicketLayout
    /// What the ticket says.
    public let content: TicketContent
    private let glyphs: FontGlyphs

    /// An encoder for one ticket; `glyphs` draws characters printers lack (shared to reuse its cache).
    public init(layout: TicketLayout, content: TicketContent, glyphs: FontGlyphs = FontGlyphs()) {
        self.layout = layout
        self.content = content
        self.glyphs = glyphs
    }

    /// The ticket for `profile`, in `mode` (default: the profile's preferred mode).
    public func encode(for profile: PrinterProfile, mode: TicketMode? = nil) throws(RenderError) -> EncodedTicket {
        let mode = mode ?? profile.preferredMode
        if mode == .text, let encoder = TextModeEncoder(profile: profile) {
            let ticket = try TicketTextComposer(support: encoder.support, widthDots: profile.width.dots).compose(layout, content: content)
            let encoded = encoder.encode(ticket, glyphs: glyphs)
            return EncodedTicket(mode: .text, bytes: encoded.bytes, raster: nil, text: encoded)
        }
        let rendered = try TicketRenderer(width: profile.width).render(layout, content: content)
        return EncodedTicket(mode: .raster, bytes: EscPosEncoder(profile: profile).ticketBytes(for: rendered.bitmap), raster: rendered, text: nil)
    }

    /// Bytes only: the closure the printer pool calls per destination profile.
    public func bytes(for profile: PrinterProfile) throws(RenderError) -> [UInt8] {
        try encode(for: profile).bytes
    }
}

/// One ticket encoded for one printer.
public struct EncodedTicket: Equatable, Sendable {
    /// How it was encoded.
    public var mode: TicketMode
    /// The ESC/POS bytes.
    public var bytes: [UInt8]
    /// Raster mode: the rendered picture and its facts.
    public var raster: RenderedTicket?
    /// Text mode: the commands and decisions.
    public var text: TextModeEncoder.Encoded?

    /// Seconds the bytes take on a serial line at `baud`, 8N1 (10 bits per byte).
    public func wireSeconds(baud: Int) -> Double { Double(bytes.count) * 10 / Double(baud) }
}
