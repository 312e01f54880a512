import LobbyQueue

/// The screens of the kiosk flow, by name (used by `lobbyctl kiosk screenshot --screen`).
public enum ScreenName: String, Hashable, Sendable, CaseIterable {
    /// Waiting for a citizen.
    case attract
    /// Choose a language.
    case language
    /// Choose a category.
    case categories
    /// Choose a service (paging, letter search).
    case services
    /// Present an ID document.
    case idDocument
    /// Present an appointment code.
    case appointment
    /// Confirm the service and take the ticket.
    case confirm
    /// The ticket is being issued and printed.
    case printing
    /// The number, printed.
    case done
    /// The number, shown large because no printer could print it.
    case doneUnprinted
    /// No ticket was issued.
    case failure
    /// Type a booking code on the keypad (appointment check-in, or the code a service asks for).
    case checkIn
    /// The check-in was refused or failed: why, and what to do instead.
    case checkInFailure
    /// Choose a priority category (disabled, over 65, pregnant: as the centre configures).
    case priority
}

/// Where a displayed string comes from: translation strings must fit their box; names from
/// the centre's configuration may be ellipsized.
public enum TextOrigin: Hashable, Sendable {
    /// A citizens' translation string.
    case translation(KioskStringKey)
    /// Configuration data (service and category names, ticket numbers).
    case data
}

/// A block of text on the screen.
public struct KioskText: Hashable, Sendable {
    /// What kind of text, for the renderer's colours and weight.
    public enum Role: Hashable, Sendable {
        /// Screen title.
        case title
        /// Ordinary text.
        case body
        /// A ticket number.
        case number
        /// An important notice, drawn framed (not by colour alone).
        case notice
    }

    /// The box the text must fit.
    public var frame: PixelRect
    /// The text.
    public var text: String
    /// The em size in pixels.
    public var size: Double
    /// The role.
    public var role: Role
    /// At most this many lines.
    public var maxLines: Int
    /// Where the string comes from.
    public var origin: TextOrigin

    /// A text block from its parts.
    public init(frame: PixelRect, text: String, size: Double, role: Role, maxLines: Int, origin: TextOrigin) {
        self.frame = frame
        self.text = text
        self.size = size
        self.role = role
        self.maxLines = maxLines
        self.origin = origin
    }
}

/// A tappable button.
public struct KioskButton: Hashable, Sendable {
    /// How the button is drawn; every state has a shape or text cue, not only a colour.
    public enum State: Hashable, Sendable {
        /// Tappable.
        case normal
        /// Tappable, currently chosen (thick frame, check mark in the label).
        case selected
        /// Not tappable (dashed frame, no fill).
        case disabled
    }

    /// Emphasis of the button.
    public enum Kind: Hashable, Sendable {
        /// The main action of the screen (filled).
        case primary
        /// A list entry.
        case entry
        /// A keyboard key.
        case key
        /// Back, home, accessibility and paging.
        case navigation
    }

    /// What tapping does.
    public var action: KioskAction
    /// The touch target and drawn box.
    public var frame: PixelRect
    /// The label.
    public var label: String
    /// A second, smaller line (service requirements).
    public var detail: String?
    /// Label em size in pixels.
    public var labelSize: Double
    /// Detail em size in pixels.
    public var detailSize: Double
    /// Lines the label may take.
    public var maxLines: Int
    /// State.
    public var state: State
    /// Emphasis.
    public var kind: Kind
    /// Where the label comes from.
    public var origin: TextOrigin
    /// Where the detail comes from.
    public var detailOrigin: TextOrigin

    /// A button from its parts.
    public init(action: KioskAction, frame: PixelRect, label: String, detail: String? = nil, labelSize: Double,
                detailSize: Double = 0, maxLines: Int = 1, state: State = .normal, kind: Kind, origin: TextOrigin,
                detailOrigin: TextOrigin = .data) {
        self.action = action
        self.frame = frame
        self.label = label
        self.detail = detail
        self.labelSize = labelSize
        self.detailSize = detailSize
        self.maxLines = maxLines
        self.state = state
        self.kind = kind
        self.origin = origin
        self.detailOrigin = detailOrigin
    }

    /// Whether a tap on it acts.
    public var isEnabled: Bool { state != .disabled }
}

/// A page of a list: which one and how many.
public struct PageInfo: Hashable, Sendable {
    /// Zero-based page shown.
    public var index: Int
    /// Number of pages (at least 1).
    public var count: Int
}

/// Everything one screen shows, laid out in pixels: what the renderer draws and what taps hit.
public struct KioskScreenModel: Hashable, Sendable {
    /// Which screen.
    public var name: ScreenName
    /// The screen it is laid out for.
    public var geometry: KioskGeometry
    /// Large text + high contrast.
    public var accessible: Bool
    /// The language shown (nil on the multilingual attract and language screens).
    public var language: Language?
    /// Text blocks.
    public var texts: [KioskText]
    /// Buttons.
    public var buttons: [KioskButton]
    /// The list page shown, on paged screens.
    public var page: PageInfo?
    /// A QR code on the screen (the done screen's link to the ticket's status page), if any.
    public var code: KioskCode? = nil

    /// A model from its parts.
    public init(name: ScreenName, geometry: KioskGeometry, accessible: Bool, language: Language?, texts: [KioskText],
                buttons: [KioskButton], page: PageInfo?) {
        self.name = name
        self.geometry = geometry
        self.accessible = accessible
        self.language = language
        self.texts = texts
        self.buttons = buttons
        self.page = page
    }

    /// The colours to draw with.
    public var palette: KioskPalette { accessible ? .highContrast : .standard }

    /// The enabled button under a point, if any.
    public func button(atX x: Double, y: Double) -> KioskButton? {
        buttons.first { $0.isEnabled && $0.frame.contains(x: x, y: y) }
    }

    /// The first button with `action`, enabled or not.
    public func button(for action: KioskAction) -> KioskButton? {
        buttons.first { $0.action == action }
    }
}

/// A QR code on a screen: what it encodes and the square it is drawn in (quiet zone included).
public struct KioskCode: Hashable, Sendable {
    /// The square, in pixels.
    public var frame: PixelRect
    /// The text encoded (an address).
    public var payload: String

    /// A code from its parts.
    public init(frame: PixelRect, payload: String) {
        self.frame = frame
        self.payload = payload
    }
}
