import LobbyAnnouncement

/// The announcements' state inside lobbyd: the line (pure `AnnouncementQueue`), quiet mode and
/// the counters behind /metrics. Time is passed in (monotonic milliseconds).
actor AnnouncementDesk {
    private(set) var line: AnnouncementQueue
    /// Announcements shown but not spoken while true.
    private(set) var quiet: Bool
    /// Outcomes since start: played, failed, quiet, and each drop reason.
    private(set) var outcomes: [String: Int] = [:]
    /// The last call → first sample latency, in milliseconds.
    private(set) var lastLatency: Int64?
    /// The largest call → first sample latency seen, in milliseconds.
    private(set) var worstLatency: Int64 = 0
    private let wake: AsyncStream<Void>.Continuation

    init(line: AnnouncementQueue, quiet: Bool, wake: AsyncStream<Void>.Continuation) {
        self.line = line
        self.quiet = quiet
        self.wake = wake
    }

    /// Queues an announcement and wakes the player.
    func enqueue(_ a: Announcement, at now: Int64) {
        count(line.enqueue(a, at: now))
        wake.yield()
    }

    /// A ticket left the called state.
    func ticketLeft(prefix: String, number: Int) { count(line.ticketLeft(prefix: prefix, number: number)) }

    /// The next entry to say at `now`, if one may start.
    func start(at now: Int64) -> AnnouncementQueue.Entry? {
        let (entry, dropped) = line.start(at: now)
        count(dropped)
        return entry
    }

    /// When the next may start.
    func nextStart() -> Int64? { line.nextStart() }

    /// The one playing ended with `outcome` (played, failed, quiet).
    func finished(at now: Int64, outcome: String, latency: Int64?) {
        line.finished(at: now)
        outcomes[outcome, default: 0] += 1
        if let latency {
            lastLatency = latency
            worstLatency = max(worstLatency, latency)
        }
    }

    /// Turns quiet mode on or off.
    func setQuiet(_ on: Bool) { quiet = on }

    private func count(_ dropped: [(AnnouncementQueue.Entry, AnnouncementQueue.DropReason)]) {
        for (_, reason) in dropped { outcomes["dropped-\(reason.rawValue)", default: 0] += 1 }
    }
}
