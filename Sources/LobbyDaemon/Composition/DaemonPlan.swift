import LobbyConfiguration

/// What lobbyd runs, decided from its configuration, options and environment alone (no I/O):
/// the composition root builds exactly this, and tests check it without starting anything.
struct DaemonPlan: Equatable, Sendable {
    /// Where the devices' adapters come from.
    enum Devices: Equatable, Sendable {
        /// The configured hardware (printers through CUPS, serial buses, the kiosk's devices).
        case configured
        /// The demo's simulated boards, printers and headless kiosk.
        case simulated
    }

    /// One part of the running daemon; `parts` lists them in start order (they stop in reverse).
    enum Part: Equatable, Sendable {
        /// The queue actor and its journal (stopped last: it flushes the journal).
        case queue
        /// The serial buses' masters and the bridge to the queue.
        case buses
        /// The kiosk: touchscreen, screens, MRZ and card readers.
        case kiosk
        /// The HTTP API on a Unix socket (trusted by file permissions).
        case socketListener(path: String)
        /// The HTTP API on TCP.
        case tcpListener(host: String, port: Int)
        /// Ends event streams at shutdown so the listeners can drain.
        case streamCloser
        /// Polls idle printers' health every `seconds`.
        case printerMonitor(seconds: Int)
        /// systemd's watchdog, every `microseconds` (nil: no watchdog asked for).
        case watchdog(microseconds: Int?)
        /// The demo's simulated citizens and operators.
        case demoTraffic(speed: Double)
        /// Spoken announcements of calls through the sound card (Docs/Audio.md).
        case announcements
    }

    /// Where device adapters come from.
    let devices: Devices
    /// The parts in start order.
    let parts: [Part]
    /// The device libraries the configured devices need (loaded before anything starts).
    let libraries: [DeviceLibraries.Library]

    /// The plan for `configuration` (already merged with the demo's devices when `devices` is
    /// `.simulated`) and the options and environment lobbyd was started with.
    static func make(configuration: DaemonConfiguration, options: DaemonOptions, environment: [String: String]) -> DaemonPlan {
        let devices: Devices = options.demo ? .simulated : .configured
        var parts: [Part] = [.queue]
        if !configuration.buses.isEmpty { parts.append(.buses) }
        if configuration.kiosk != nil { parts.append(.kiosk) }
        if configuration.audio != nil { parts.append(.announcements) }
        // The socket listener before TCP: at shutdown (reverse order) TCP stops first, so lobbyctl
        // never finds lobbyd gone while the API still answers.
        if let socket = configuration.api.socketPath { parts.append(.socketListener(path: socket)) }
        parts.append(.tcpListener(host: configuration.api.host, port: configuration.api.port))
        parts.append(.streamCloser)
        if let printing = configuration.printing {
            parts.append(.printerMonitor(seconds: max(1, min(2, printing.faultProbeSeconds / 2))))
        }
        parts.append(.watchdog(microseconds: environment["WATCHDOG_USEC"].flatMap(Int.init).map { $0 / 2 }))
        if options.demo { parts.append(.demoTraffic(speed: options.demoSpeed)) }
        return DaemonPlan(devices: devices, parts: parts,
                          libraries: DeviceLibraries.needed(by: configuration, simulatedPrinters: devices == .simulated))
    }
}
