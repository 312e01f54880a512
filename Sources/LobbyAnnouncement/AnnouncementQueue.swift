/// The order in which announcements are said: first come, first said, one at a time, with a
/// pause between them; an announcement waiting its turn is dropped only when it has become
/// stale. Pure: the caller passes the time (milliseconds on a monotonic clock).
///
/// Stale means: the same window called another ticket, or the same ticket was called again,
/// before this one could be said (the newer one takes its place in line), or the ticket left
/// the called state (served, no-show, cancelled) first, or it waited longer than `maxAge`.
/// Nothing else is dropped: with one pending announcement per window at most, the line is
/// bounded by the number of windows.
public struct AnnouncementQueue: Sendable {
    /// One announcement in line.
    public struct Entry: Hashable, Sendable {
        /// What is to be said.
        public let announcement: Announcement
        /// When it was queued (monotonic milliseconds).
        public let queuedAt: Int64
        /// A number that orders entries by arrival.
        public let sequence: Int
    }

    /// Why an announcement was dropped.
    public enum DropReason: String, Sendable, Hashable, CaseIterable {
        /// The window called another ticket first.
        case windowCalledAgain = "window-called-again"
        /// The same ticket was queued again (a recall); the newer takes its place.
        case ticketQueuedAgain = "ticket-queued-again"
        /// The ticket was served, a no-show or cancelled before it was said.
        case ticketLeft = "ticket-left"
        /// It waited longer than the queue's maximum age.
        case tooOld = "too-old"
    }

    /// The longest an announcement may wait (milliseconds).
    public let maxAge: Int64
    /// The pause between the end of one announcement and the start of the next (milliseconds).
    public let pause: Int64
    /// Waiting announcements in the order they will be said.
    public private(set) var pending: [Entry] = []
    /// The announcement being said, if any.
    public private(set) var playing: Entry?
    /// When the last announcement ended (monotonic milliseconds).
    public private(set) var lastEnded: Int64?
    private var nextSequence = 0

    /// Creates an empty queue.
    public init(maxAge: Int64 = 90_000, pause: Int64 = 700) {
        self.maxAge = maxAge
        self.pause = pause
    }

    /// Queues `announcement` at `now`; returns what it made stale.
    @discardableResult
    public mutating func enqueue(_ announcement: Announcement, at now: Int64) -> [(Entry, DropReason)] {
        var dropped: [(Entry, DropReason)] = []
        pending.removeAll { e in
            let a = e.announcement
            if a.prefix == announcement.prefix && a.number == announcement.number {
                dropped.append((e, .ticketQueuedAgain)); return true
            }
            if a.window == announcement.window {
                dropped.append((e, .windowCalledAgain)); return true
            }
            return false
        }
        pending.append(Entry(announcement: announcement, queuedAt: now, sequence: nextSequence))
        nextSequence += 1
        return dropped
    }

    /// The ticket left the called state: a waiting announcement of it is stale.
    @discardableResult
    public mutating func ticketLeft(prefix: String, number: Int) -> [(Entry, DropReason)] {
        var dropped: [(Entry, DropReason)] = []
        pending.removeAll { e in
            guard e.announcement.prefix == prefix && e.announcement.number == number else { return false }
            dropped.append((e, .ticketLeft)); return true
        }
        return dropped
    }

    /// When the next announcement may start, or nil when there is nothing to say or one is playing.
    public func nextStart() -> Int64? {
        guard playing == nil, let first = pending.first else { return nil }
        return max(first.queuedAt, (lastEnded ?? Int64.min / 2) + pause)
    }

    /// Takes the next announcement to say at `now`, dropping those too old; nil if none may start yet.
    public mutating func start(at now: Int64) -> (entry: Entry?, dropped: [(Entry, DropReason)]) {
        var dropped: [(Entry, DropReason)] = []
        guard playing == nil else { return (nil, dropped) }
        while let first = pending.first, now - first.queuedAt > maxAge {
            dropped.append((pending.removeFirst(), .tooOld))
        }
        guard let next = nextStart(), now >= next else { return (nil, dropped) }
        let entry = pending.removeFirst()
        playing = entry
        return (entry, dropped)
    }

    /// The announcement being said ended at `now`.
    public mutating func finished(at now: Int64) {
        playing = nil
        lastEnded = now
    }
}
