import LobbyAnnouncement
import LobbyTestSupport
import Testing

@Suite("Announcement queue", .tags(.unit))
struct AnnouncementQueueTests {
    func call(_ n: Int, _ w: Int, _ kind: Announcement.Kind = .call) -> Announcement {
        Announcement(kind: kind, prefix: "A", number: n, window: w)
    }

    @Test("A burst of 10 calls from 10 windows: all said, in order, one at a time, paced")
    func burst() {
        var q = AnnouncementQueue(maxAge: 90_000, pause: 700)
        for i in 0..<10 { #expect(q.enqueue(call(i + 1, i + 1), at: Int64(i * 50)).isEmpty) }
        var now: Int64 = 500
        var said: [Int] = []
        var starts: [Int64] = []
        while !q.pending.isEmpty {
            let (entry, dropped) = q.start(at: now)
            #expect(dropped.isEmpty)
            guard let entry else { now = q.nextStart()!; continue }
            #expect(q.start(at: now).entry == nil, "a second one started while one plays")
            said.append(entry.announcement.number)
            starts.append(now)
            now += 5_000
            q.finished(at: now)
        }
        #expect(said == Array(1...10))
        for (a, b) in zip(starts, starts.dropFirst()) { #expect(b - a >= 5_700) }
    }

    @Test("A window that calls again before its call was said replaces it; the one playing is not touched")
    func windowSupersedes() {
        var q = AnnouncementQueue()
        q.enqueue(call(1, 1), at: 0)
        #expect(q.start(at: 0).entry?.announcement == call(1, 1))
        q.enqueue(call(2, 2), at: 10)
        let dropped = q.enqueue(call(3, 2), at: 20)
        #expect(dropped.map(\.1) == [.windowCalledAgain])
        #expect(dropped.first?.0.announcement == call(2, 2))
        // A new call for window 1 while its announcement plays is queued, not dropped.
        #expect(q.enqueue(call(4, 1), at: 30).isEmpty)
        #expect(q.playing?.announcement == call(1, 1))
        #expect(q.pending.map(\.announcement) == [call(3, 2), call(4, 1)])
    }

    @Test("A recall of a ticket waiting to be said takes its place at the end of the line")
    func recallReplaces() {
        var q = AnnouncementQueue()
        q.enqueue(call(1, 1), at: 0)
        q.enqueue(call(2, 2), at: 0)
        let dropped = q.enqueue(call(1, 1, .recall), at: 5)
        #expect(dropped.map(\.1) == [.ticketQueuedAgain])
        #expect(q.pending.map(\.announcement) == [call(2, 2), call(1, 1, .recall)])
    }

    @Test("A ticket served or a no-show before its call was said is dropped; others stay")
    func ticketLeft() {
        var q = AnnouncementQueue()
        q.enqueue(call(1, 1), at: 0)
        q.enqueue(call(2, 2), at: 0)
        #expect(q.ticketLeft(prefix: "A", number: 1).map(\.1) == [.ticketLeft])
        #expect(q.ticketLeft(prefix: "A", number: 9).isEmpty)
        #expect(q.pending.map(\.announcement) == [call(2, 2)])
    }

    @Test("Too old to be useful: dropped when its turn comes")
    func tooOld() {
        var q = AnnouncementQueue(maxAge: 60_000, pause: 0)
        q.enqueue(call(1, 1), at: 0)
        q.enqueue(call(2, 2), at: 30_000)
        let (entry, dropped) = q.start(at: 70_000)
        #expect(dropped.map(\.1) == [.tooOld])
        #expect(entry?.announcement == call(2, 2))
    }

    @Test("Pacing: the next may start only after the pause")
    func pacing() {
        var q = AnnouncementQueue(maxAge: 60_000, pause: 700)
        q.enqueue(call(1, 1), at: 0)
        _ = q.start(at: 0)
        q.enqueue(call(2, 2), at: 100)
        #expect(q.nextStart() == nil)
        q.finished(at: 3_000)
        #expect(q.nextStart() == 3_700)
        #expect(q.start(at: 3_699).entry == nil)
        #expect(q.start(at: 3_700).entry?.announcement == call(2, 2))
    }
}

@Suite("Volume schedule", .tags(.unit))
struct VolumeScheduleTests {
    @Test("Volume by time of day, across midnight")
    func lookup() throws {
        let s = try VolumeSchedule(steps: [.init(fromMinute: 8 * 60, percent: 70), .init(fromMinute: 12 * 60, percent: 100),
                                           .init(fromMinute: 19 * 60, percent: 40)])
        #expect(s.percent(atMinute: 7 * 60) == 40)
        #expect(s.percent(atMinute: 8 * 60) == 70)
        #expect(s.percent(atMinute: 12 * 60 + 30) == 100)
        #expect(s.percent(atMinute: 23 * 60) == 40)
        #expect(VolumeSchedule.gain(percent: 50) == 0.25)
        #expect(VolumeSchedule.gain(percent: 0) == 0)
        #expect(VolumeSchedule.minute(of: "08:30") == 510)
        #expect(VolumeSchedule.minute(of: "8:30") == nil)
        #expect(VolumeSchedule.minute(of: "24:00") == nil)
    }

    @Test("Bad schedules are refused with the step named")
    func errors() {
        #expect(throws: VolumeScheduleError.empty) { try VolumeSchedule(steps: []) }
        #expect(throws: VolumeScheduleError.badStep(1, "times must increase through the day")) {
            try VolumeSchedule(steps: [.init(fromMinute: 600, percent: 50), .init(fromMinute: 500, percent: 50)])
        }
        #expect(throws: VolumeScheduleError.self) { try VolumeSchedule(steps: [.init(fromMinute: 0, percent: 101)]) }
    }
}
