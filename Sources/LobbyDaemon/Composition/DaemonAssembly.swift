import Foundation
import Hummingbird
import LobbyConfiguration
import LobbyJournal
import LobbyQueue
import Logging
import ServiceLifecycle

/// The composition root's second step: builds every adapter and service a `DaemonPlan` names
/// and wires them; nothing here decides what runs.
struct DaemonAssembly {
    /// The services in start order, ready for a service group.
    let services: [any Service]
    /// The queue (flushed if the group ends on an error).
    let queue: QueueService

    /// Builds the parts of `plan` for `config`; `demo` supplies the simulated adapters when the
    /// plan asks for them.
    static func build(_ plan: DaemonPlan, config: DaemonConfiguration, options: DaemonOptions, demo: DemoDevices?,
                      logger: Logger) async throws(StartFailure) -> DaemonAssembly {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: (config.journalPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let health = HealthRegistry()
        let queue: QueueService
        do {
            queue = try QueueService(configuration: config.centre, journalPath: config.journalPath, logger: logger, health: health)
        } catch {
            // EX_DATAERR for a damaged journal (a technician must decide), 1 otherwise.
            var code: Int32 = 1
            if let e = error as? JournalError {
                switch e {
                case .damaged, .emptyFile, .unreadable: code = 65
                default: code = 1
                }
            }
            throw StartFailure(message: "cannot start the queue: \(error)", code: code)
        }
        let repaired = queue.startNotes.filter { $0.contains("damaged") }
        await health.set("journal", repaired.isEmpty ? "ok" : "repaired at start: \(repaired.joined(separator: "; "))")
        let links: TicketLinks
        do {
            links = try TicketLinks.load(stateDirectory: (config.journalPath as NSString).deletingLastPathComponent,
                                         statusURLTemplate: config.printing?.statusURL)
        } catch {
            throw StartFailure(message: "\(error)", code: 1)
        }
        do {
            try DeviceLibraries.require(plan.libraries, for: "the configured devices")
        } catch {
            throw StartFailure(message: "\(error)", code: 69)
        }
        var printing: TicketPrinting?
        if let p = config.printing {
            do {
                printing = try TicketPrinting(configuration: p, timeZone: TimeZone(identifier: config.centre.timeZone) ?? .current,
                                              links: links, health: health, logger: logger, windowLocations: config.windowLocations,
                                              port: plan.devices == .simulated ? demo?.printerPort : nil)
                for q in p.queues { await health.set("printer:\(q)", "unknown") }
            } catch {
                throw StartFailure(message: "configuration error: devices.printers: \(error)", code: 78)
            }
        }
        var identity: DocumentIdentity?
        if let p = config.privacy, let calendar = ServiceCalendar(timeZoneIdentifier: config.centre.timeZone) {
            identity = try? DocumentIdentity(configuration: p, calendar: calendar)
        }
        // One desk hands out every ticket, asked for over HTTP or at the kiosk.
        let desk = TicketDesk(queue: queue, printing: printing)
        let buses = plan.parts.contains(.buses) ? BusBridge(configurations: config.buses, queue: queue, health: health, logger: logger) : nil
        var kiosk: KioskService?
        if plan.parts.contains(.kiosk), let k = config.kiosk {
            do {
                kiosk = try KioskService(settings: k, centre: config.centre, desk: desk, identity: identity,
                                         health: health, logger: logger, links: links)
            } catch {
                throw StartFailure(message: "configuration error: devices.kiosk: \(error)", code: 78)
            }
        }
        let announcements = plan.parts.contains(.announcements) ? config.audio.map { audio in
            AnnouncementAssembly.service(audio, simulated: plan.devices == .simulated, queue: queue, health: health, logger: logger,
                                         timeZone: TimeZone(identifier: config.centre.timeZone) ?? .current)
        } ?? nil : nil
        let roster: Roster
        let rosterPath = (config.journalPath as NSString).deletingLastPathComponent + "/accounts.db"
        do {
            roster = try Roster(path: rosterPath, tokenOperators: Set(config.api.tokens.compactMap { $0.operatorID?.rawValue }),
                                idleSeconds: Int64(config.api.sessionIdleMinutes) * 60)
        } catch {
            throw StartFailure(message: "cannot open the accounts store \(rosterPath): \(error)", code: 1)
        }
        if options.demo { await DemoAccounts.ensure(roster, logger: logger) }
        let hall: HallBoard
        do {
            hall = try HallBoard(directory: (config.journalPath as NSString).deletingLastPathComponent, quiet: config.audio?.quiet ?? false)
        } catch {
            throw StartFailure(message: "cannot read the hall settings: \(error.description)", code: 1)
        }
        if let announcements { await announcements.desk.setQuiet(await hall.settings.quiet) }
        let lifetimes = StreamLifetimes()
        var routes = APIRoutes(queue: queue, auth: Authenticator(tokens: config.api.tokens, trustsConnection: false, roster: roster),
                               maxBody: config.api.maxBodyBytes, health: health)
        routes.roster = roster
        routes.hall = hall
        routes.lifetimes = lifetimes
        routes.printing = printing
        routes.desk = desk
        routes.links = links
        routes.identity = identity
        routes.buses = buses
        routes.kiosk = kiosk
        routes.announcements = announcements
        let reports = ReportService(journalPath: config.journalPath, configuration: config.centre, health: health, logger: logger)
        routes.reports = reports
        let listeners = Listeners(api: config.api, logger: logger, demo: options.demo)
        let notifier = SystemdNotifier()

        var services: [any Service] = []
        for part in plan.parts {
            switch part {
            case .queue:
                services.append(QueueLifecycle(queue: queue))
                services.append(ReportFeed(reports: reports, queue: queue))
            case .buses: if let buses { services.append(buses) }
            case .kiosk: if let kiosk { services.append(kiosk) }
            case .socketListener(let path):
                var socketRoutes = routes
                socketRoutes.auth = Authenticator(tokens: config.api.tokens, trustsConnection: true, roster: roster)
                services.append(listeners.socket(path: path, router: socketRoutes.router()))
            case .tcpListener:
                services.append(listeners.tcp(router: routes.router(), notifier: notifier))
            case .streamCloser: services.append(StreamCloser(queue: queue, health: health, lifetimes: lifetimes))
            case .printerMonitor(let seconds):
                if let printing { services.append(PrinterMonitor(printing: printing, health: health, interval: .seconds(seconds), logger: logger)) }
            case .watchdog(let microseconds):
                services.append(WatchdogService(notifier: notifier, interval: microseconds.map { .microseconds($0) }))
            case .demoTraffic(let speed):
                services.append(DemoTraffic(queue: queue, logger: logger, speed: speed,
                                            humanWindows: Set(options.demoHumanWindows.map { WindowID($0) })))
            case .announcements: if let announcements { services.append(announcements) }
            }
        }
        return DaemonAssembly(services: services, queue: queue)
    }
}
