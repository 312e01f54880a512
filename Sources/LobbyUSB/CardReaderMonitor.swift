import LobbyCCID
import LobbyCard
import Synchronization
import Foundation

/// The USB implementation of `CardIdentityPort`: finds CCID readers (hot-plug callbacks, periodic
/// re-enumeration as a safety net), watches their slots (NotifySlotChange, or GetSlotStatus polling),
/// and at each insertion powers the card and runs the configured applications.
///
/// All libusb calls happen on one dedicated thread per `events()` stream; the stream ends and the
/// thread closes every reader when the consumer stops listening.
public final class CardReaderMonitor: CardIdentityPort {
    private let configuration: CardMonitorConfiguration

    /// Creates a monitor; nothing runs until `events()` is called.
    public init(configuration: CardMonitorConfiguration = CardMonitorConfiguration()) {
        self.configuration = configuration
    }

    /// Reader and card events, starting with the readers and cards present now.
    public func events() -> AsyncStream<CardEvent> {
        let (stream, continuation) = AsyncStream<CardEvent>.makeStream(bufferingPolicy: .unbounded)
        let stop = StopFlag()
        continuation.onTermination = { _ in stop.raise() }
        let configuration = self.configuration
        let thread = Thread {
            let loop = MonitorLoop(configuration: configuration, stop: stop) { continuation.yield($0) }
            loop.run()
            continuation.finish()
        }
        thread.name = "lobby-card-readers"
        thread.start()
        return stream
    }

    /// The readers present now and their slots, from a separate short-lived libusb context on its own thread.
    public func snapshot() async -> [CardReaderSnapshot] {
        let timeouts = configuration.timeouts
        return await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: Self.enumerate(timeouts: timeouts)) }
            thread.name = "lobby-card-snapshot"
            thread.start()
        }
    }

    private static func enumerate(timeouts: CCIDReaderTimeouts) -> [CardReaderSnapshot] {
        let context: USBContext
        do { context = try USBContext() } catch { return [] }
        var out: [CardReaderSnapshot] = []
        for record in context.smartCardDevices() {
            switch record.layout() {
            case .failure(let problem):
                out.append(CardReaderSnapshot(device: record.identity, layout: nil, slots: [], problem: problem.description))
            case .success(let layout):
                do {
                    let handle = try USBDeviceHandle(record: record, interfaceNumber: layout.interfaceNumber, alternateSetting: layout.alternateSetting)
                    defer { handle.close() }
                    var identity = record.identity
                    identity.manufacturer = handle.string(index: record.stringIndexes.manufacturer)
                    identity.product = handle.string(index: record.stringIndexes.product)
                    let reader = CCIDReader(info: CardReaderInfo(device: identity, layout: layout), handle: handle, timeouts: timeouts)
                    var slots: [ICCPresence] = []
                    var problem: String?
                    for slot in 0..<layout.descriptor.slotCount {
                        do { slots.append(try reader.presence(slot: UInt8(slot))) } catch {
                            problem = error.description
                            break
                        }
                    }
                    out.append(CardReaderSnapshot(device: identity, layout: layout, slots: slots, problem: problem))
                } catch {
                    out.append(CardReaderSnapshot(device: record.identity, layout: layout, slots: [], problem: error.description))
                }
            }
        }
        return out
    }
}

/// Raised by the stream's termination handler, read by the monitor thread.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Asks the loop to end.
    func raise() { flag.store(true, ordering: .releasing) }
    /// True once raised.
    var isRaised: Bool { flag.load(ordering: .acquiring) }
}
