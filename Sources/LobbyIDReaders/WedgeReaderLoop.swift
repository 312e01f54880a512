import Glibc
import LobbyEvdev
import LobbyMRZ
import LobbySystem

/// The reader thread of a keyboard-wedge reader: finds its nodes, grabs them, assembles
/// documents, follows unplug and replug. Sleeps in `poll(2)` on the stop signal, an inotify watch
/// of the device directory and the open nodes; the timeout is the next idle deadline, or the
/// rescan interval while the reader is missing. No busy polling.
final class WedgeReaderLoop {
    private let configuration: MRZReaderConfiguration
    private let source: WedgeReaderSource
    private let stop: WakeSignal
    private let reporter: ReaderReporter
    private let udevDataDirectory: String
    private var sessions: [WedgeReaderSession] = []
    private var watch: DirectoryWatch?
    private var scanDue = true
    private var nextScan = InputInstant(microseconds: 0)

    init(configuration: MRZReaderConfiguration, source: WedgeReaderSource, stop: WakeSignal, reporter: ReaderReporter,
         udevDataDirectory: String = "/run/udev/data") {
        self.configuration = configuration
        self.source = source
        self.stop = stop
        self.reporter = reporter
        self.udevDataDirectory = udevDataDirectory
    }

    private var watchedDirectory: String {
        source.devicePath.map(DirectoryWatch.parent(of:)) ?? source.directory
    }

    func run() {
        while true {
            let now = ReaderClock.now()
            if scanDue || (now >= nextScan && (sessions.isEmpty || watch == nil)) { scan(now: now) }
            var descriptors = [pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)]
            if let watch { descriptors.append(pollfd(fd: watch.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
            let firstSession = descriptors.count
            for session in sessions { descriptors.append(pollfd(fd: session.device.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
            var timeout: Int32 = (sessions.isEmpty || watch == nil) ? ReaderClock.pollTimeout(until: nextScan, now: now) : -1
            for session in sessions {
                guard let deadline = session.deadline else { continue }
                let wait = ReaderClock.pollTimeout(until: deadline, now: session.now) + 1
                timeout = timeout < 0 ? wait : min(timeout, wait)
            }
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                reporter.failed(EvdevError.systemCallFailed(call: "poll", errno: errno).description)
                break
            }
            if descriptors[0].revents != 0 { break }
            if let watch, descriptors[1].revents != 0 {
                if !watch.drain() { self.watch = nil }
                scanDue = true
            }
            var gone: [(WedgeReaderSession, String)] = []
            for (offset, session) in sessions.enumerated() where descriptors[firstSession + offset].revents != 0 {
                let (candidates, end) = session.read()
                let readAt = session.now
                for (candidate, dropped) in candidates { report(candidate, from: session, dropped: dropped, now: readAt) }
                switch end {
                case .drained: break
                case .unplugged: gone.append((session, "unplugged"))
                case .failed(let error): gone.append((session, error.description))
                }
            }
            for (session, reason) in gone {
                if let (candidate, dropped) = session.finish() { report(candidate, from: session, dropped: dropped, now: session.now) }
                sessions.removeAll { $0 === session }
                reporter.detached(session.attached, reason: reason, stillOpen: !sessions.isEmpty)
                scanDue = scanDue || sessions.isEmpty
                nextScan = ReaderClock.now().advanced(by: configuration.rescanInterval)
            }
            for session in sessions {
                let sessionNow = session.now
                if let deadline = session.deadline, sessionNow > deadline, let (candidate, dropped) = session.expire(at: sessionNow) {
                    report(candidate, from: session, dropped: dropped, now: sessionNow)
                }
            }
        }
        sessions.removeAll()
        watch = nil
    }

    private func report(_ candidate: MRZCandidate, from session: WedgeReaderSession, dropped: Bool, now: InputInstant) {
        reporter.completed(candidate, path: session.attached.path, inputWasDropped: dropped,
                           now: session.device.usesMonotonicClock ? now : nil)
    }

    private func scan(now: InputInstant) {
        scanDue = false
        nextScan = now.advanced(by: configuration.rescanInterval)
        if watch == nil { watch = DirectoryWatch(directory: watchedDirectory) }
        let paths = source.devicePath.map { [$0] } ?? InputDeviceDiscovery.nodes(in: source.directory)
        let entries = paths.map { InputDeviceDiscovery.entry(for: $0, udevDataDirectory: udevDataDirectory) }
        let selection = WedgeReaderSelector.select(entries, source: source, alreadyOpen: Set(sessions.map(\.attached.path)))
        var problems: [String] = []
        for node in selection.nodes {
            do {
                let session = try WedgeReaderSession(path: node.path, configuration: configuration)
                sessions.append(session)
                reporter.attached(session.attached)
            } catch {
                guard !error.meansAbsent else { continue }
                if case .grabFailed(_, let code) = error, code == EBUSY {
                    problems.append("\(error.description) (lobbyd, or a `lobbyctl mrz watch`, is reading it)")
                } else {
                    problems.append(error.description)
                }
            }
        }
        guard sessions.isEmpty else { return }
        let unusable = problems + selection.unreadable
        if unusable.isEmpty {
            reporter.missing(selection.missingReason)
        } else {
            reporter.failed(unusable.joined(separator: "; "))
        }
    }
}
