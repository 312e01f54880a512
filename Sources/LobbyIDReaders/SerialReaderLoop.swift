import Glibc
import LobbyEvdev
import LobbyMRZ
import LobbySerial
import LobbySystem

/// The reader thread of a serial (CDC-ACM) reader: opens the tty exclusively in raw 8N1 mode,
/// assembles documents with `SerialLineAssembler`, reopens after an unplug. Sleeps in `poll(2)`
/// (inside `SerialPort.read`) until data, the next idle deadline or the stop signal.
final class SerialReaderLoop {
    private let configuration: MRZReaderConfiguration
    private let source: SerialReaderSource
    private let stop: WakeSignal
    private let reporter: ReaderReporter
    private var port: SerialPort?
    private var attached: AttachedReader?
    private var assembler: SerialLineAssembler
    private var watch: DirectoryWatch?
    /// How long one read waits when nothing is pending (the stop signal ends it sooner).
    private static let idleRead: Duration = .seconds(5)

    init(configuration: MRZReaderConfiguration, source: SerialReaderSource, stop: WakeSignal, reporter: ReaderReporter) {
        self.configuration = configuration
        self.source = source
        self.stop = stop
        self.reporter = reporter
        assembler = SerialLineAssembler(configuration: configuration.assembly)
    }

    func run() {
        var buffer = [UInt8](repeating: 0, count: 512)
        while !stopped(waiting: 0) {
            guard let port else {
                open()
                if self.port == nil { waitForDevice() }
                continue
            }
            let now = ReaderClock.now()
            let deadline = assembler.deadline ?? now.advanced(by: Self.idleRead)
            do {
                let count = try port.read(into: &buffer, deadline: UInt64(max(0, deadline.microseconds)) + 1_000,
                                          interrupt: stop.descriptor)
                let readAt = ReaderClock.now()
                for candidate in assembler.receive(buffer[0..<count], at: readAt) { completed(candidate, now: readAt) }
                if let candidate = assembler.poll(now: readAt) { completed(candidate, now: readAt) }
            } catch {
                close(reason: error.description)
            }
        }
        port?.close()
        port = nil
    }

    private func stopped(waiting milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    private func completed(_ candidate: MRZCandidate, now: InputInstant) {
        reporter.completed(candidate, path: source.path, inputWasDropped: false, now: now)
    }

    private func open() {
        if watch == nil { watch = DirectoryWatch(directory: DirectoryWatch.parent(of: source.path)) }
        do {
            let opened = try SerialPort.open(.device(path: source.path),
                                             settings: SerialSettings(baud: source.baud, rs485: nil, exclusive: true))
            port = opened
            assembler = SerialLineAssembler(configuration: configuration.assembly)
            let node = AttachedReader(path: source.path, exclusive: true, baud: source.baud)
            attached = node
            reporter.attached(node)
        } catch {
            switch error {
            case .deviceGone: reporter.missing("\(source.path) does not exist")
            case .inUse: reporter.failed("\(error.description) (lobbyd, or a `lobbyctl mrz watch`, is reading it)")
            default: reporter.failed(error.description)
            }
        }
    }

    /// Sleeps until the device directory changes, the rescan interval passes, or stop.
    private func waitForDevice() {
        var descriptors = [pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)]
        if let watch { descriptors.append(pollfd(fd: watch.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
        let now = ReaderClock.now()
        let timeout = ReaderClock.pollTimeout(until: now.advanced(by: configuration.rescanInterval), now: now)
        _ = poll(&descriptors, nfds_t(descriptors.count), timeout)
        if descriptors.count > 1, descriptors[1].revents != 0, let watch, !watch.drain() { self.watch = nil }
    }

    private func close(reason: String) {
        let now = ReaderClock.now()
        if let candidate = assembler.poll(now: InputInstant(microseconds: .max)) { completed(candidate, now: now) }
        port?.close()
        port = nil
        if let attached { reporter.detached(attached, reason: reason, stillOpen: false) }
        attached = nil
    }
}
