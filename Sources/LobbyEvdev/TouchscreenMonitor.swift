import Foundation
import Glibc
import LobbySystem
import LobbyTouch

/// Finds, opens and reads the kiosk touchscreen on a dedicated thread and reports health
/// changes and gestures as an `AsyncStream` — the port a daemon service consumes.
///
/// The thread sleeps in `poll(2)` on the device, an inotify watch of the input directory
/// (hotplug) and a stop `eventfd`; its timeout is the next gesture deadline (long press, end of
/// the bounce window) while a device is open, the rescan interval while none is. No busy polling.
/// An unplug (`-ENODEV`) closes the device and reports `absent`; the next matching node that
/// appears is opened without a restart. A node that appears while a device is open and is a
/// better kind of touchscreen (a controller's panel node after its silent sibling, a configured
/// panel) takes over once no contact is in progress.
public struct TouchscreenMonitor: Sendable {
    /// What to look for and how to read it.
    public let configuration: TouchscreenConfiguration

    /// A monitor for a configuration (nothing starts until `updates()`).
    public init(configuration: TouchscreenConfiguration) {
        self.configuration = configuration
    }

    /// Starts the reader thread and returns its reports. The first update is a health; the
    /// thread stops when the stream's consumer stops iterating (or its task is cancelled).
    public func updates() -> AsyncStream<TouchscreenUpdate> {
        let (stream, continuation) = AsyncStream.makeStream(of: TouchscreenUpdate.self, bufferingPolicy: .unbounded)
        let stop: WakeSignal
        do {
            stop = try WakeSignal()
        } catch {
            continuation.yield(.health(.error(reason: EvdevError.systemCallFailed(call: error.call, errno: error.code).description)))
            continuation.finish()
            return stream
        }
        continuation.onTermination = { _ in stop.signal() }
        let configuration = self.configuration
        let thread = Thread {
            let loop = MonitorLoop(configuration: configuration, stop: stop) { continuation.yield($0) }
            loop.run()
            stop.close()
            continuation.finish()
        }
        thread.name = "lobby-touch"
        thread.start()
        return stream
    }
}

/// The reader thread's state machine (one instance per `updates()` call, owned by its thread).
final class MonitorLoop {
    private let configuration: TouchscreenConfiguration
    private let stop: WakeSignal
    private let emit: (TouchscreenUpdate) -> Void
    private let watchedDirectory: String
    private var session: TouchscreenSession?
    private var watch: DirectoryWatch?
    private var health: TouchscreenHealth?
    private var scanDue = true
    /// A node came or went while a device is open: look again for a better one when idle.
    private var reconsiderDue = false
    private var nextScan = EventTime(microseconds: 0)

    init(configuration: TouchscreenConfiguration, stop: WakeSignal, emit: @escaping (TouchscreenUpdate) -> Void) {
        self.configuration = configuration
        self.stop = stop
        self.emit = emit
        if let devicePath = configuration.devicePath {
            let parent = devicePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            watchedDirectory = parent.isEmpty ? "/" : parent
        } else {
            watchedDirectory = configuration.directory
        }
    }

    func run() {
        while true {
            let now = MonotonicClock.now()
            if let current = session, reconsiderDue, !current.pipeline.tracker.isContactActive, current.nextDeadline == nil {
                reconsider(current, now: now)
            }
            if session == nil, scanDue || now >= nextScan {
                scan(now: now)
            }
            var descriptors = [pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)]
            if let watch { descriptors.append(pollfd(fd: watch.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
            if let session { descriptors.append(pollfd(fd: session.device.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
            let timeout: Int32
            if let session {
                timeout = session.nextDeadline.map { MonotonicClock.pollTimeout(until: $0, now: session.now) } ?? -1
            } else {
                timeout = MonotonicClock.pollTimeout(until: nextScan, now: now)
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                setHealth(.error(reason: EvdevError.systemCallFailed(call: "poll", errno: errno).description))
                break
            }
            if descriptors[0].revents != 0 { break }
            var index = 1
            if let watch {
                if descriptors[index].revents != 0 {
                    if !watch.drain() { self.watch = nil }
                    if session == nil { scanDue = true } else if configuration.devicePath == nil { reconsiderDue = true }
                }
                index += 1
            }
            if let session, descriptors[index].revents != 0 {
                let (gestures, end) = session.read()
                gestures.forEach { emit(.gesture($0)) }
                switch end {
                case .drained:
                    break
                case .unplugged:
                    session.finish().forEach { emit(.gesture($0)) }
                    self.session = nil
                    scanDue = true
                case .failed(let error):
                    session.finish().forEach { emit(.gesture($0)) }
                    self.session = nil
                    setHealth(.error(reason: error.description))
                    nextScan = MonotonicClock.now().advanced(by: configuration.rescanInterval)
                }
            }
            if let session, let deadline = session.nextDeadline {
                let sessionNow = session.now
                if sessionNow >= deadline {
                    session.advance(to: sessionNow).forEach { emit(.gesture($0)) }
                }
            }
        }
        session = nil
        watch = nil
    }

    private func scan(now: EventTime) {
        scanDue = false
        nextScan = now.advanced(by: configuration.rescanInterval)
        if watch == nil { watch = DirectoryWatch(directory: watchedDirectory) }
        let paths = configuration.devicePath.map { [$0] } ?? InputDeviceDiscovery.nodes(in: configuration.directory)
        let entries = paths.map { InputDeviceDiscovery.entry(for: $0, udevDataDirectory: configuration.udevDataDirectory) }
        switch TouchscreenSelector.select(entries, matchList: configuration.matchList, devicePath: configuration.devicePath) {
        case .none(let found):
            setHealth(found)
        case .touchscreen(let entry, _, _):
            do {
                let opened = try TouchscreenSession(path: entry.path, configuration: configuration)
                session = opened
                emit(.opened(opened.opened))
                setHealth(.present(name: opened.device.description.name, id: opened.device.description.identity.vendorProduct))
            } catch {
                setHealth(error.meansAbsent ? .absent : .error(reason: error.description))
            }
        }
    }

    /// Changes over to a better touchscreen that appeared while `current` was open (idle).
    private func reconsider(_ current: TouchscreenSession, now: EventTime) {
        reconsiderDue = false
        let entries = InputDeviceDiscovery.nodes(in: configuration.directory)
            .map { InputDeviceDiscovery.entry(for: $0, udevDataDirectory: configuration.udevDataDirectory) }
        guard TouchscreenSelector.betterThanCurrent(entries, currentPath: current.opened.path, matchList: configuration.matchList) else { return }
        current.finish().forEach { emit(.gesture($0)) }
        session = nil
        scan(now: now)
    }

    private func setHealth(_ value: TouchscreenHealth) {
        guard value != health else { return }
        health = value
        emit(.health(value))
    }
}
