import Foundation
import LobbyCard
import LobbyConfiguration
import LobbyEMRTD
import LobbyEvdev
import LobbyFramebuffer
import LobbyIDReaders
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue
import LobbyTouch
import LobbyUSB
import Logging
import ServiceLifecycle

/// The kiosk lobbyd drives directly: touches from the touchscreen (evdev), the flow, the screens
/// drawn with cairo onto the display (DRM or fbdev), tickets issued and printed in-process, and
/// ID documents from the MRZ reader. Health parts: `kiosk:NAME/display`, `/touchscreen`, `/mrz-reader`.
actor KioskService: Service {
    private let settings: KioskDeviceConfiguration
    private let centre: CentreConfiguration
    private let desk: KioskTicketDesk
    private let identity: DocumentIdentity?
    private let health: HealthRegistry
    private let logger: Logger
    private let strings: KioskStrings
    private var flow: KioskFlow
    private var canvas: KioskCanvas
    private var display: KioskScreenOutput?
    private var shownScreen: KioskScreenModel?
    private var armedForDocument = false
    /// BAC keys from the last MRZ read, for the card reader; withdrawn when the visit ends.
    private let accessKeys = EMRTDAccessKeyHolder()
    private var tickTask: Task<Void, Never>?
    /// How many frames were presented (diagnostics).
    private(set) var framesPresented = 0

    init(settings: KioskDeviceConfiguration, centre: CentreConfiguration, desk ticketDesk: TicketDesk,
         identity: DocumentIdentity?, health: HealthRegistry, logger: Logger, links: TicketLinks? = nil) throws {
        self.settings = settings
        self.centre = centre
        self.identity = identity
        self.health = health
        self.logger = logger
        desk = KioskTicketDesk(desk: ticketDesk, documents: KioskDocumentShelf(), links: links)
        strings = try KioskStringFiles.load(directory: settings.stringsDirectory ?? Self.installedStrings)
        let geometry = KioskGeometry(width: settings.width, height: settings.height)
        flow = KioskFlow(configuration: Self.flowConfiguration(settings, centre: centre, geometry: geometry, identity: identity),
                         catalog: KioskCatalog(configuration: centre), strings: strings, now: QueueService.systemClock())
        canvas = try KioskCanvas(width: geometry.width, height: geometry.height)
    }

    /// The translation files of an installed lobbyd, else the source tree's.
    static var installedStrings: String {
        let installed = "/usr/share/lobby/kiosk/strings"
        return FileManager.default.fileExists(atPath: installed) ? installed : KioskStringFiles.sourceDirectory
    }

    /// The flow's settings. Documents check in appointments when the kiosk has a document reader
    /// and the centre hashes personal numbers.
    private static func flowConfiguration(_ s: KioskDeviceConfiguration, centre: CentreConfiguration, geometry: KioskGeometry,
                                          identity: DocumentIdentity?) -> KioskConfiguration {
        let start = QueueService.systemClock().milliseconds
        let readsDocuments = s.mrzReaderDevice != nil || s.mrzReaderSerial != nil || s.cardReader
        return KioskConfiguration(geometry: geometry, centreName: centre.name, requestPrefix: "\(s.name)-\(start)",
                                  idleTimeoutSeconds: Int64(s.idleTimeoutSeconds), documentCheckIn: identity != nil && readsDocuments,
                                  priorities: centre.priorities)
    }

    /// The current screen as PNG (`GET /api/v1/kiosk/screen.png`).
    func screenshotPNG() throws -> [UInt8] {
        try canvas.pngData()
    }

    /// What the kiosk shows (`GET /api/v1/kiosk`).
    struct Status: Sendable {
        let name: String
        let screen: String
        let width: Int
        let height: Int
        let display: String
        let framesPresented: Int
        let language: String?
        /// The buttons on screen: action (its text form, `chooseLanguage:az`), label, frame, whether
        /// enabled (remote support sees what a citizen sees).
        let buttons: [(action: String, label: String, frame: PixelRect, enabled: Bool)]

        /// As JSON.
        var object: [String: Any] {
            ["name": name, "screen": screen, "width": width, "height": height, "display": display, "framesPresented": framesPresented,
             "language": language.map { $0 as Any } ?? NSNull(),
             "buttons": buttons.map { b in
                 ["action": b.action, "label": b.label, "x": b.frame.x, "y": b.frame.y, "width": b.frame.width, "height": b.frame.height,
                  "enabled": b.enabled] as [String: Any]
             }]
        }
    }

    /// The current screen's name and size.
    func status() -> Status {
        Status(name: settings.name, screen: flow.state.stage.screenName.rawValue, width: canvas.width, height: canvas.height,
               display: display?.summary ?? "none", framesPresented: framesPresented, language: flow.state.language?.rawValue,
               buttons: flow.screen.buttons.map { ($0.action.description, $0.label, $0.frame, $0.state != .disabled) })
    }

    /// Feeds an input as the touchscreen would (the technician's `POST /api/v1/kiosk/tap`).
    func input(_ input: KioskInput) {
        apply(input)
    }

    func run() async throws {
        openDisplay()
        render()
        scheduleTick()
        let touch = TouchscreenMonitor(configuration: touchConfiguration())
        let readers = mrzReaders()
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if self.settings.touchscreen { group.addTask { await self.followTouches(touch) } }
                if !readers.isEmpty { group.addTask { await self.followReaders(MRZReaderMonitor(readers: readers)) } }
                if self.settings.cardReader {
                    let monitor = CardReaderMonitor(configuration: CardMonitorConfiguration(
                        applications: [EMRTDApplication(accessKeys: self.accessKeys, randomBytes: SystemRandomBytes.generate)]))
                    group.addTask { await self.followCards(monitor) }
                }
                group.addTask { await self.displayRetryLoop() }
                // A headless kiosk without readers has no loop of its own: the service still
                // lives until shutdown (a service that returns would stop lobbyd).
                group.addTask { try? await Task.sleep(for: .seconds(1_000_000_000)) }
            }
        }
        tickTask?.cancel()
        display?.close()
        display = nil
    }

    // MARK: Inputs

    private func apply(_ input: KioskInput) {
        let wasAttract = flow.state.stage.screenName == .attract
        let effects = flow.handle(input, at: QueueService.systemClock())
        for effect in effects { perform(effect) }
        if !wasAttract, flow.state.stage.screenName == .attract {
            armedForDocument = false
            accessKeys.withdraw()
            Task { await desk.documents.clear() }
        }
        scheduleTick()
    }

    private func perform(_ effect: KioskEffect) {
        switch effect {
        case .issueTicket(let request):
            Task {
                let result = await desk.issue(request)
                switch result {
                case .issued(let receipt): self.input(.issued(receipt))
                case .failed(let failure):
                    self.logger.warning("kiosk ticket not issued", metadata: ["service": "\(request.service)", "reason": "\(failure)"])
                    self.input(.issueFailed(request.requestID, failure))
                }
            }
        case .checkIn(let request):
            Task {
                switch await desk.checkIn(request) {
                case .issued(let receipt): self.input(.issued(receipt))
                case .failed(let failure):
                    self.logger.info("kiosk check-in refused", metadata: ["reason": "\(failure)"])
                    self.input(.issueFailed(request.requestID, failure))
                }
            }
        case .requestEstimate(let service):
            Task {
                // An unavailable journal leaves the estimate out; the ticket request itself reports the failure.
                guard let estimate = try? await desk.desk.queue.read({ $0.estimateForNewTicket(service: service) }) else { return }
                self.input(.estimate(service, estimate))
            }
        case .requestPriorityEstimate(let service, let priority):
            Task {
                guard let estimate = try? await desk.desk.queue.read({ $0.estimateForNewTicket(service: service, priority: priority) }) else { return }
                self.input(.priorityEstimate(service, priority, estimate))
            }
        case .requestServiceEstimates:
            Task {
                // The same estimator as the ticket, at the queue's clock; the list shows none while the journal is unavailable.
                guard let estimates = try? await desk.desk.queue.read({ e in
                    Dictionary(uniqueKeysWithValues: e.configuration.services.map { ($0.id, e.estimateForNewTicket(service: $0.id)) })
                }) else { return }
                self.input(.serviceEstimates(estimates))
            }
        case .startReader(let kind):
            if kind == .idDocument { armedForDocument = true }
        case .stopReaders:
            armedForDocument = false
        case .screenChanged:
            render()
        }
    }

    private func followTouches(_ monitor: TouchscreenMonitor) async {
        let key = "kiosk:\(settings.name)/touchscreen"
        for await update in monitor.updates() {
            switch update {
            case .health(let h):
                await health.set(key, h.state == "present" ? "ok" : h.description)
            case .opened(let opened):
                logger.info("kiosk touchscreen opened", metadata: ["path": "\(opened.path)", "protocol": "\(opened.touchProtocol)", "grabbed": "\(opened.grabbed)"])
            case .gesture(.tap(let tap)):
                apply(.tap(x: tap.x, y: tap.y))
            case .gesture:
                continue
            }
        }
    }

    private func followReaders(_ monitor: MRZReaderMonitor) async {
        let key = "kiosk:\(settings.name)/mrz-reader"
        for await event in monitor.events() {
            if let h = event.health { await health.set(key, h == .present ? "ok" : h.description) }
            guard case .document(let reading) = event.kind, armedForDocument else { continue }
            // The card reader may read the same document's chip with these keys (memory only).
            if let fields = reading.document.fields, let key = try? BACAccessKey(fields: fields) { accessKeys.offer(key) }
            await deliverDocument(mrz: reading.candidate.text)
        }
    }

    private func followCards(_ monitor: CardReaderMonitor) async {
        let key = "kiosk:\(settings.name)/card-reader"
        for await event in monitor.events() {
            switch event {
            case .readerAdded(let reader):
                await health.set(key, "ok")
                logger.info("kiosk card reader attached", metadata: ["reader": "\(reader)"])
            case .readerRemoved:
                await health.set(key, "absent")
            case .readerUnusable(_, let problem):
                await health.set(key, "unusable: \(problem)")
            case .cardIdentified(_, _, let identity, _):
                guard armedForDocument else { continue }
                for reading in identity.readings {
                    switch reading.outcome {
                    case .machineReadableZone(let document):
                        await deliverDocument(mrz: document.lines.joined(separator: "\n"))
                    case .basicAccessControlFailed, .secureMessagingFailed, .malformed:
                        apply(.credentialUnreadable(.idDocument))
                    case .accessControlRequired, .notPresent, .refused:
                        continue
                    }
                }
            case .cardFailed:
                if armedForDocument { apply(.credentialUnreadable(.idDocument)) }
            case .cardInserted, .cardRemoved:
                continue
            }
        }
    }

    /// A document's MRZ becomes a credential (its keyed hash stays in the kiosk's shelf).
    private func deliverDocument(mrz: String) async {
        guard let identity, let facts = try? identity.facts(mrz: mrz, now: QueueService.systemClock()) else {
            apply(.credentialUnreadable(.idDocument))
            return
        }
        let reference = await desk.documents.store(facts)
        apply(.credential(KioskCredential(kind: .idDocument, reference: reference)))
    }

    /// Schedules one `.tick` at the flow's next deadline (idle and printing timeouts), replacing
    /// the previous schedule; nothing is scheduled on the attract screen.
    private func scheduleTick() {
        tickTask?.cancel()
        guard let deadline = flow.nextDeadline else { return }
        let wait = max(1, deadline.milliseconds - QueueService.systemClock().milliseconds)
        tickTask = Task {
            try? await Task.sleep(for: .milliseconds(wait))
            guard !Task.isCancelled else { return }
            self.apply(.tick)
        }
    }

    // MARK: Display

    /// The touchscreen's settings. Its rotation follows the display's unless configured: the
    /// display turns the picture clockwise onto the panel, libinput's matrix turns touches back,
    /// so a display at 90° needs the touch rotation 270° (and the reverse).
    private func touchConfiguration() -> TouchscreenConfiguration {
        return TouchscreenConfiguration(
            directory: settings.touchDirectory, devicePath: settings.touchDevice, matchList: settings.touchMatch,
            calibration: settings.calibration.flatMap(CalibrationMatrix.init) ?? .identity,
            rotation: ScreenRotation(degrees: settings.touchRotation ?? (360 - settings.rotation) % 360) ?? .none,
            width: Double(canvas.width), height: Double(canvas.height), grab: settings.grabTouchscreen)
    }

    private func mrzReaders() -> [MRZReaderConfiguration] {
        if let device = settings.mrzReaderDevice {
            return [MRZReaderConfiguration(name: "\(settings.name)-mrz", kind: .keyboardWedge(WedgeReaderSource(devicePath: device)))]
        }
        if let serial = settings.mrzReaderSerial {
            return [MRZReaderConfiguration(name: "\(settings.name)-mrz", kind: .serial(SerialReaderSource(path: serial, baud: UInt32(settings.mrzReaderBaud))))]
        }
        return []
    }

    private func openDisplay() {
        guard settings.display != .none, display == nil else { return }
        let key = "kiosk:\(settings.name)/display"
        let backend: DisplayConfiguration.Backend = switch settings.display {
        case .drm: .drm
        case .fbdev: .fbdev
        case .auto, .none: .auto
        }
        let configuration = DisplayConfiguration(
            backend: backend, device: settings.displayDevice, connector: settings.connector,
            rotation: DisplayRotation(degrees: settings.rotation) ?? .none)
        do {
            let output = try KioskScreenOutput.open(configuration)
            if output.size.width != canvas.width || output.size.height != canvas.height {
                // Draw at the display's size: a new canvas and flow (back to the attract screen).
                let geometry = KioskGeometry(width: output.size.width, height: output.size.height)
                if let newCanvas = try? KioskCanvas(width: geometry.width, height: geometry.height) {
                    canvas = newCanvas
                    flow = KioskFlow(configuration: Self.flowConfiguration(settings, centre: centre, geometry: geometry, identity: identity),
                                     catalog: KioskCatalog(configuration: centre), strings: strings, now: QueueService.systemClock())
                }
            }
            display = output
            shownScreen = nil
            logger.info("kiosk display open", metadata: ["display": "\(output.summary)"])
            Task { await health.set(key, "ok") }
        } catch {
            Task { await health.set(key, "\(error)") }
        }
    }

    private func displayRetryLoop() async {
        guard settings.display != .none else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(5))
            if display == nil {
                openDisplay()
                render()
            }
        }
    }

    /// Draws what changed since the last frame and presents it.
    private func render() {
        let model = flow.screen
        var region: PixelRect?
        if let shownScreen {
            guard let changed = KioskDamage.region(from: shownScreen, to: model) else { return }
            region = changed
        }
        canvas.draw(model, clip: region)
        shownScreen = model
        guard let screen = display else { return }
        let damage: DisplayDamage = region.map { .rects([BlitRect(x: $0.x, y: $0.y, width: $0.width, height: $0.height)]) } ?? .full
        let size = DisplaySize(width: canvas.width, height: canvas.height)
        let result: Result<Void, DisplayError> = canvas.withPixels { bytes, stride in
            guard let frame = FrameView(bytes: bytes, stride: stride, size: size) else { return .success(()) }
            return screen.present(frame, damage: damage)
        }
        switch result {
        case .success:
            framesPresented += 1
        case .failure(let error):
            logger.warning("kiosk display failed; reopening", metadata: ["error": "\(error)"])
            screen.close()
            display = nil
            Task { await health.set("kiosk:\(settings.name)/display", "\(error)") }
        }
    }
}

/// The display the kiosk draws on; owned by the kiosk actor, which alone presents and closes it.
final class KioskScreenOutput: @unchecked Sendable {
    private let output: any DisplayOutput

    private init(_ output: any DisplayOutput) { self.output = output }

    /// Opens the display a configuration names.
    static func open(_ configuration: DisplayConfiguration) throws(DisplayError) -> KioskScreenOutput {
        KioskScreenOutput(try DisplayOpener.open(configuration))
    }

    /// The drawing size.
    var size: DisplaySize { output.size }
    /// What is driven.
    var summary: String { output.summary }

    /// Shows a frame.
    func present(_ frame: FrameView, damage: DisplayDamage) -> Result<Void, DisplayError> {
        do throws(DisplayError) {
            try output.present(frame, damage: damage)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// Gives the screen back.
    func close() { output.close() }
}
