import LobbyQueue

/// Who a bearer token belongs to; decides what the HTTP API allows.
public enum Role: String, Sendable, Hashable, CaseIterable {
    /// A kiosk: issues tickets and reads estimates.
    case kiosk
    /// An operator: acts on the window they are signed in to.
    case `operator`
    /// A technician: diagnostics, window and device commands, statistics.
    case technician
    /// Everything.
    case admin
    /// A floor supervisor's personal account (sessions only, never a configured token).
    case supervisor
    /// A centre manager: a supervisor's rights, the roster and reports with operator-level
    /// figures; a person's account, or a token for a reporting integration.
    case manager
}

/// One configured API token.
public struct APIToken: Sendable, Hashable {
    /// The role it grants.
    public var role: Role
    /// For operator tokens: the operator it identifies.
    public var operatorID: OperatorID?
    /// The secret.
    public var secret: String
}

/// Where and how the HTTP API listens.
public struct APIConfiguration: Sendable, Hashable {
    /// TCP host to listen on (default loopback).
    public var host: String = "127.0.0.1"
    /// TCP port (default 8080; 0 picks a free port).
    public var port: Int = 8080
    /// The Unix socket path (nil: none).
    public var socketPath: String? = "/run/lobby/lobbyd.sock"
    /// Whether a non-loopback host may be configured.
    public var allowRemote: Bool = false
    /// The tokens.
    public var tokens: [APIToken] = []
    /// Largest accepted request body in bytes.
    public var maxBodyBytes: Int = 64 * 1024
    /// The most connections open at once on the TCP listener (the Unix socket has its own).
    public var maxConnections: Int = 1000
    /// Seconds a new connection may take to send a complete request head.
    public var headerTimeoutSeconds: Int = 10
    /// Seconds a kept-alive connection may wait for its next request.
    public var idleTimeoutSeconds: Int = 60
    /// Minutes a staff session lives without a request (it ends at the day's end in any case).
    public var sessionIdleMinutes: Int = 60
    /// TLS for the centre's LAN, terminated by nginx in front of lobbyd (nil: none; Decision 0052).
    public var tls: TLSConfiguration?
}

/// Where nginx serves lobbyd over TLS, and with which certificate (`api.tls`).
public struct TLSConfiguration: Sendable, Hashable {
    /// The address nginx listens on for the LAN (default all addresses).
    public var host: String = "0.0.0.0"
    /// The port (default 443).
    public var port: Int = 443
    /// The server certificate (PEM; the chain if the centre's CA has intermediates).
    public var certificatePath: String
    /// Its private key (PEM).
    public var keyPath: String

    /// A TLS configuration from its parts.
    public init(host: String = "0.0.0.0", port: Int = 443, certificatePath: String, keyPath: String) {
        self.host = host
        self.port = port
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}

/// Ticket printers: CUPS raw queues tried in order, each with its printer profile and link, and
/// the ticket template.
public struct PrintingConfiguration: Sendable, Hashable {
    /// The CUPS server (`HOST:PORT` or a socket path); nil: libcups' default.
    public var cupsServer: String?
    /// The printers, tried in this order.
    public var printers: [PrinterEntry]
    /// Printer profile for printers that name none: a file (JSON) or a profile name; nil: the
    /// built-in generic 80 mm profile.
    public var profilePath: String?
    /// Ticket template file (JSON); nil: the built-in sample template.
    public var templatePath: String?
    /// Address the ticket's QR code opens; `{token}` is replaced by the ticket's unguessable token.
    public var statusURL: String
    /// What else the centre prints on its tickets (logo, hotline, website, note).
    public var ticket: TicketExtras
    /// An idle printer that looks fine is probed this often (seconds).
    public var idleProbeSeconds = 30
    /// A printer with a fault (offline, paper low or out, cover open, stopped) is probed this
    /// often (seconds), so the fault clears soon after it is fixed.
    public var faultProbeSeconds = 10

    /// CUPS queue names, in order.
    public var queues: [String] { printers.map(\.queue) }

    /// A printing configuration of queues that all use `profilePath`.
    public init(cupsServer: String? = nil, queues: [String], profilePath: String? = nil, templatePath: String? = nil, statusURL: String,
                ticket: TicketExtras = TicketExtras()) {
        self.init(cupsServer: cupsServer, printers: queues.map { PrinterEntry(queue: $0) }, profilePath: profilePath,
                  templatePath: templatePath, statusURL: statusURL, ticket: ticket)
    }

    /// The profile a printer uses: its own, else the printers' default (nil: built-in).
    public func profile(of queue: String) -> String? {
        printers.first { $0.queue == queue }?.profile ?? profilePath
    }

    /// A printing configuration from its parts.
    public init(cupsServer: String? = nil, printers: [PrinterEntry], profilePath: String? = nil, templatePath: String? = nil, statusURL: String,
                ticket: TicketExtras = TicketExtras()) {
        self.cupsServer = cupsServer
        self.printers = printers
        self.profilePath = profilePath
        self.templatePath = templatePath
        self.statusURL = statusURL
        self.ticket = ticket
    }
}

/// The centre's own lines on every ticket (`devices.printers.ticket`).
public struct TicketExtras: Sendable, Hashable {
    /// The logo file (PNG or PBM, at most the printer's width), nil: no logo.
    public var logoPath: String?
    /// The hotline number, e.g. `*1234`.
    public var hotline: String?
    /// The website, e.g. `example.az`.
    public var website: String?
    /// A short note in the citizen's language.
    public var note: LocalizedText?

    /// Extras from their parts (all optional).
    public init(logoPath: String? = nil, hotline: String? = nil, website: String? = nil, note: LocalizedText? = nil) {
        self.logoPath = logoPath
        self.hotline = hotline
        self.website = website
        self.note = note
    }
}

/// Where a window is in the building, printed as a hint on tickets (`windows[].zone`, `windows[].floor`).
public struct WindowLocation: Sendable, Hashable {
    /// The zone or hall, e.g. `B`.
    public var zone: LocalizedText?
    /// The floor as people say it, e.g. `2`.
    public var floor: String?

    /// A location from its parts.
    public init(zone: LocalizedText? = nil, floor: String? = nil) {
        self.zone = zone
        self.floor = floor
    }
}

/// One ticket printer: its CUPS queue, its model's profile and how it is connected.
public struct PrinterEntry: Sendable, Hashable {
    /// The CUPS queue name.
    public var queue: String
    /// Printer profile: a file path (JSON) or a profile name; nil: the printers' default.
    public var profile: String?
    /// Serial line speed when the printer is on a serial port (job times follow it); nil for
    /// network and USB printers.
    public var baud: Int?

    /// Creates an entry.
    public init(queue: String, profile: String? = nil, baud: Int? = nil) {
        self.queue = queue
        self.profile = profile
        self.baud = baud
    }
}

/// How personal data from ID documents is handled (Docs/Privacy.md).
public struct PrivacyConfiguration: Sendable, Hashable {
    /// The secret (hex, ≥ 32 bytes) under which personal numbers are hashed.
    public var personKeyHex: String
    /// Citizens at least this old (from the document's birth date) get `agePriorityCategory`.
    public var agePriorityMinimumAge: Int?
    /// The priority category given by age.
    public var agePriorityCategory: PriorityCategoryID?
}

/// Everything lobbyd reads from its configuration file.
public struct DaemonConfiguration: Sendable {
    /// The queue's view of the centre.
    public var centre: CentreConfiguration
    /// The HTTP API.
    public var api: APIConfiguration
    /// The journal file.
    public var journalPath: String
    /// The file this was read from.
    public var sourceFile: String
    /// Ticket printing, when printers are configured.
    public var printing: PrintingConfiguration?
    /// ID documents at the kiosk, when a person key is configured.
    public var privacy: PrivacyConfiguration?
    /// Serial buses of LED boards and keypads.
    public var buses: [BusPortConfiguration] = []
    /// The kiosk lobbyd drives, when this machine is one.
    public var kiosk: KioskDeviceConfiguration?
    /// Where windows are (zone, floor), by window number; windows without a hint are absent.
    public var windowLocations: [WindowID: WindowLocation] = [:]
    /// Spoken announcements, when a sound card is configured.
    public var audio: AudioDeviceConfiguration?
}
