import LobbyQueue
import LobbySerial

/// The daemon's service for one bus: feeds notifications to the runner, keypad commands to the sink.
public final class BusService: Sendable {
    /// The runner (its thread starts in `run()`).
    public let runner: BusRunner
    private let sink: any QueueCommandSink
    private let notifications: AsyncStream<BusNotification>
    private let events: AsyncStream<BusEvent>
    private let eventsContinuation: AsyncStream<BusEvent>.Continuation
    private let observer: (@Sendable (BusEvent) -> Void)?

    /// Creates the service for a bus on `endpoint`.
    public init(
        endpoint: SerialEndpoint, settings: SerialSettings, configuration: BusConfiguration, sink: any QueueCommandSink,
        notifications: AsyncStream<BusNotification>, observer: (@Sendable (BusEvent) -> Void)? = nil
    ) {
        let (events, continuation) = AsyncStream.makeStream(of: BusEvent.self, bufferingPolicy: .unbounded)
        self.events = events
        eventsContinuation = continuation
        self.sink = sink
        self.notifications = notifications
        self.observer = observer
        runner = BusRunner(endpoint: endpoint, settings: settings, configuration: configuration) { event in
            continuation.yield(event)
        }
    }

    /// Every frame on the bus from now on, decoded (forward it to `lobbyctl bus monitor` clients).
    public func monitor(buffer: Int = 1000) -> AsyncStream<MonitoredFrame> { runner.monitor(buffer: buffer) }

    /// Every device's state.
    public var reports: [DeviceReport] { runner.reports }

    /// Runs `body` on the bus's thread with its open port between transactions (technician tools
    /// through the daemon); `body` returns its result and whether devices must be repainted.
    public func exclusive<T: Sendable>(_ body: @escaping @Sendable (BusLink?) -> (T, repaint: Bool)) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            runner.post(.exclusive { link in
                let (result, repaint) = body(link)
                continuation.resume(returning: result)
                return repaint
            })
        }
    }

    /// Runs until the task is cancelled; then stops the thread and closes the port.
    public func run() async {
        runner.start()
        let runner = self.runner
        let sink = self.sink
        let notifications = self.notifications
        let events = self.events
        let observer = self.observer
        let continuation = eventsContinuation
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    for await notification in notifications { runner.post(.notification(notification)) }
                }
                group.addTask {
                    for await event in events {
                        observer?(event)
                        if case .effect(.submit(let request, let key)) = event {
                            let decision = await sink.submit(request)
                            runner.post(.decided(key, decision))
                        }
                    }
                }
            }
        } onCancel: {
            runner.stop()
            continuation.finish()
        }
    }
}
