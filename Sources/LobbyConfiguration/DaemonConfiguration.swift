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
    /// Address the ticket's QR code opens; `{id}` is replaced by the ticket id.
    public var statusURL: String
    /// An idle printer that looks fine is probed this often (seconds).
    public var idleProbeSeconds = 30
    /// A printer with a fault (offline, paper low or out, cover open, stopped) is probed this
    /// often (seconds), so the fault clears soon after it is fixed.
    public var faultProbeSeconds = 10

    /// CUPS queue names, in order.
    public var queues: [String] { printers.map(\.queue) }

    /// A printing configuration of queues that all use `profilePath`.
    public init(cupsServer: String? = nil, queues: [String], profilePath: String? = nil, templatePath: String? = nil, statusURL: String) {
        self.init(cupsServer: cupsServer, printers: queues.map { PrinterEntry(queue: $0) }, profilePath: profilePath,
                  templatePath: templatePath, statusURL: statusURL)
    }

    /// A printing configuration from its parts.
    public init(cupsServer: String? = nil, printers: [PrinterEntry], profilePath: String? = nil, templatePath: String? = nil, statusURL: String) {
        self.cupsServer = cupsServer
        self.printers = printers
        self.profilePath = profilePath
        self.templatePath = templatePath
        self.statusURL = statusURL
    }

    /// The profile a printer uses: its own, else the printers' default (nil: built-in).
    public func profile(of queue: String) -> String? {
        printers.first { $0.queue == queue }?.profile ?? profilePath
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
}
