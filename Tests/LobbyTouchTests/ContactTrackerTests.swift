import LobbyTestSupport
import Testing
@testable import LobbyTouch

@Suite(.tags(.unit)) struct ContactTrackerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let touchProtocol: TouchProtocol
        let events: [InputEvent]
        let expected: [String]
        var testDescription: String { name }
    }

    static let slots = TouchProtocol.multitouchSlots(slotCount: 4)

    static let cases: [Case] = [
        // Protocol B
        Case(name: "B tap", touchProtocol: slots, events:
            frame(0, [.id(1), .mtX(100), .mtY(200)]) + frame(10, [.mtX(102)]) + frame(20, [.mtY(200)]) + frame(50, [.id(-1)]),
             expected: ["down 100,200 @0", "move 102,200 @10", "up 102,200 @50"]),
        Case(name: "B second finger ignored for its whole life", touchProtocol: slots, events:
            frame(0, [.id(1), .mtX(100), .mtY(100)])
            + frame(10, [.slot(1), .id(2), .mtX(500), .mtY(500)])
            + frame(20, [.mtX(510)])
            + frame(30, [.slot(0), .mtX(105)])
            + frame(40, [.id(-1)])
            + frame(50, [.slot(1), .mtX(520)])
            + frame(60, [.id(-1)])
            + frame(70, [.slot(2), .id(3), .mtX(300), .mtY(300)]),
             expected: ["down 100,100 @0", "move 105,100 @30", "up 105,100 @40", "down 300,300 @70"]),
        Case(name: "B two contacts in one frame: lowest slot", touchProtocol: slots, events:
            frame(0, [.slot(1), .id(5), .mtX(10), .mtY(10), .slot(0), .id(6), .mtX(20), .mtY(20)])
            + frame(10, [.slot(1), .id(-1)]) + frame(20, [.slot(0), .id(-1)]),
             expected: ["down 20,20 @0", "up 20,20 @20"]),
        Case(name: "B slot omitted across frames", touchProtocol: slots, events:
            frame(0, [.slot(1), .id(9), .mtX(5), .mtY(5)]) + frame(10, [.mtX(6)]) + frame(20, [.id(-1)]),
             expected: ["down 5,5 @0", "move 6,5 @10", "up 6,5 @20"]),
        Case(name: "B lift and new contact in the same slot and frame", touchProtocol: slots, events:
            frame(0, [.id(1), .mtX(100), .mtY(100)]) + frame(10, [.id(2), .mtX(900), .mtY(900)]) + frame(20, [.id(-1)]),
             expected: ["down 100,100 @0", "up 100,100 @10", "down 900,900 @10", "up 900,900 @20"]),
        Case(name: "B out-of-range values are clamped", touchProtocol: slots, events:
            frame(0, [.id(1), .mtX(-50), .mtY(2500)]) + frame(10, [.mtX(1500)]) + frame(20, [.mtX(1600)]) + frame(30, [.id(-1)]),
             expected: ["down 0,2000 @0", "move 1000,2000 @10", "up 1000,2000 @30"]),
        Case(name: "B slot beyond the advertised count is ignored", touchProtocol: slots, events:
            frame(0, [.slot(7), .id(1), .mtX(10), .mtY(10)]) + frame(10, [.id(-1)]),
             expected: []),
        Case(name: "B SYN_DROPPED: partial frame and events up to SYN_REPORT thrown away", touchProtocol: slots, events:
            frame(0, [.id(1), .mtX(100), .mtY(200)])
            + frame(10, [.mtX(300), .dropped], report: false)
            + frame(15, [.mtX(400), .mtY(500)])
            + frame(30, [.mtX(410)])
            + frame(40, [.id(-1)]),
             expected: ["down 100,200 @0", "move 410,200 @30", "cancel 410,200 @40"]),
        Case(name: "B SYN_DROPPED swallows a start: no contact from the broken frame", touchProtocol: slots, events:
            frame(0, [.id(1), .dropped], report: false) + frame(5, []) + frame(10, [.mtX(50)]) + frame(20, [.id(-1)]),
             expected: []),

        // Protocol A
        Case(name: "A tap", touchProtocol: .multitouchAnonymous, events:
            frame(0, [.mtX(100), .mtY(100), .mtReport]) + frame(10, [.mtX(103), .mtY(100), .mtReport]) + frame(20, [.mtReport]),
             expected: ["down 100,100 @0", "move 103,100 @10", "up 103,100 @20"]),
        Case(name: "A lift is an empty frame without SYN_MT_REPORT too", touchProtocol: .multitouchAnonymous, events:
            frame(0, [.mtX(100), .mtY(100), .mtReport]) + frame(10, [.touch(0)]),
             expected: ["down 100,100 @0", "up 100,100 @10"]),
        Case(name: "A second contact ignored, order swaps, primary lifts first", touchProtocol: .multitouchAnonymous, events:
            frame(0, [.mtX(100), .mtY(100), .mtReport])
            + frame(10, [.mtX(800), .mtY(800), .mtReport, .mtX(105), .mtY(100), .mtReport])
            + frame(20, [.mtX(110), .mtY(100), .mtReport, .mtX(800), .mtY(810), .mtReport])
            + frame(30, [.mtX(800), .mtY(820), .mtReport])
            + frame(40, [.mtX(800), .mtY(830), .mtReport])
            + frame(50, [.mtReport])
            + frame(60, [.mtX(500), .mtY(500), .mtReport]),
             expected: ["down 100,100 @0", "move 105,100 @10", "move 110,100 @20", "up 110,100 @30", "down 500,500 @60"]),
        Case(name: "A contacts with tracking ids are matched by id", touchProtocol: .multitouchAnonymous, events:
            frame(0, [.id(7), .mtX(100), .mtY(100), .mtReport])
            + frame(10, [.id(8), .mtX(102), .mtY(100), .mtReport, .id(7), .mtX(400), .mtY(100), .mtReport])
            + frame(20, [.id(8), .mtX(102), .mtY(100), .mtReport]),
             expected: ["down 100,100 @0", "move 400,100 @10", "up 400,100 @20"]),
        Case(name: "A SYN_DROPPED discards the partial frame", touchProtocol: .multitouchAnonymous, events:
            frame(0, [.mtX(100), .mtY(100), .mtReport])
            + frame(10, [.mtX(900), .mtY(900), .mtReport, .dropped], report: false)
            + frame(12, [.mtX(901), .mtY(900), .mtReport])
            + frame(20, [.mtX(101), .mtY(100), .mtReport])
            + frame(30, [.mtReport]),
             expected: ["down 100,100 @0", "move 101,100 @20", "cancel 101,100 @30"]),

        // Single touch
        Case(name: "single BTN_TOUCH tap", touchProtocol: .singleTouch(contactButton: .touch), events:
            frame(0, [.x(100), .y(200), .touch(1)]) + frame(10, [.x(105)]) + frame(20, [.x(107), .touch(0)]),
             expected: ["down 100,200 @0", "move 105,200 @10", "up 107,200 @20"]),
        Case(name: "single BTN_LEFT panel; BTN_TOUCH ignored there", touchProtocol: .singleTouch(contactButton: .buttonLeft), events:
            frame(0, [.x(10), .y(20), .touch(1)]) + frame(5, [.touch(0)])
            + frame(10, [.x(100), .y(200), .left(1)]) + frame(20, [.left(0)]),
             expected: ["down 100,200 @10", "up 100,200 @20"]),
        Case(name: "single hover without contact", touchProtocol: .singleTouch(contactButton: .touch), events:
            frame(0, [.x(100), .y(200)]) + frame(10, [.x(300)]),
             expected: []),
        Case(name: "single SYN_DROPPED loses the release: contact continues, then is cancelled", touchProtocol: .singleTouch(contactButton: .touch), events:
            frame(0, [.x(100), .y(200), .touch(1)]) + frame(10, [.touch(0), .dropped], report: false) + frame(12, [])
            + frame(20, [.x(110)]) + frame(30, [.touch(0)]) + frame(40, [.touch(1)]) + frame(50, [.touch(0)]),
             expected: ["down 100,200 @0", "move 110,200 @20", "cancel 110,200 @30", "down 110,200 @40", "up 110,200 @50"]),
        Case(name: "B lift lost in a drop, seen as a new tracking id: cancel, then the new contact", touchProtocol: slots, events:
            frame(0, [.id(1), .mtX(100), .mtY(200)]) + frame(10, [.id(-1), .dropped], report: false) + frame(12, [])
            + frame(20, [.id(2), .mtX(500), .mtY(600)]) + frame(30, [.id(-1)]),
             expected: ["down 100,200 @0", "cancel 100,200 @20", "down 500,600 @20", "up 500,600 @30"]),
    ]

    @Test(arguments: cases)
    func frames(testCase: Case) {
        var tracker = ContactTracker(touchProtocol: testCase.touchProtocol, axes: TestDevices.axes)
        let output = testCase.events.flatMap { tracker.process($0) }
        #expect(output.map(compact) == testCase.expected)
        #expect(!tracker.isDiscarding)
    }

    @Test func diagnosticsCountClampsDropsAndIgnoredContacts() {
        var tracker = ContactTracker(touchProtocol: Self.slots, axes: TestDevices.axes)
        let events = frame(0, [.id(1), .mtX(-50), .mtY(2500)])
            + frame(10, [.slot(1), .id(2), .mtX(5), .mtY(5)])
            + frame(20, [.slot(0), .mtX(300), .dropped], report: false)
            + frame(25, [.mtX(400), .mtY(500)])
            + frame(30, [.slot(5), .id(3)])
        var output: [ContactEvent] = []
        for event in events { output += tracker.process(event) }
        #expect(output.first?.clamped == true)
        let d = tracker.diagnostics
        #expect(d.outOfRangeValues == 2)
        #expect(d.ignoredContacts == 1)
        #expect(d.droppedReports == 1)
        #expect(d.discardedEvents == 2 + 3) // slot, x before the drop; x, y, SYN_REPORT after it
        #expect(d.invalidSlotEvents == 1)
        #expect(d.frames == 3)
    }

    struct ResyncCase: CustomTestStringConvertible, Sendable {
        let name: String
        let touchProtocol: TouchProtocol
        let before: [InputEvent]
        let sync: [InputEvent]
        let after: [InputEvent]
        let expected: [String]
        var testDescription: String { name }
    }

    static let resyncCases: [ResyncCase] = [
        ResyncCase(name: "B primary still down: moves to the synced position", touchProtocol: slots,
                   before: frame(0, [.id(1), .mtX(100), .mtY(200)]) + frame(10, [.mtX(150), .dropped], report: false),
                   sync: frame(12, [.slot(0), .mtX(350), .mtY(250)]),
                   after: frame(20, [.mtX(360)]) + frame(30, [.id(-1)]),
                   expected: ["down 100,200 @0", "move 350,250 @12", "move 360,250 @20", "up 360,250 @30"]),
        ResyncCase(name: "B primary vanished: cancelled, not lifted", touchProtocol: slots,
                   before: frame(0, [.id(1), .mtX(100), .mtY(200)]) + frame(10, [.dropped], report: false),
                   sync: frame(12, [.slot(0), .id(-1)]),
                   after: frame(20, [.id(4), .mtX(10), .mtY(10)]),
                   expected: ["down 100,200 @0", "cancel 100,200 @12", "down 10,10 @20"]),
        ResyncCase(name: "B contact found by the sync never starts", touchProtocol: slots,
                   before: frame(10, [.dropped], report: false),
                   sync: frame(12, [.slot(0), .id(7), .mtX(100), .mtY(100)]),
                   after: frame(20, [.mtX(110)]) + frame(30, [.id(-1)]) + frame(40, [.id(8), .mtX(5), .mtY(6)]),
                   expected: ["down 5,6 @40"]),
        ResyncCase(name: "B primary replaced in its slot during the drop", touchProtocol: slots,
                   before: frame(0, [.id(1), .mtX(100), .mtY(200)]) + frame(10, [.dropped], report: false),
                   sync: frame(12, [.slot(0), .id(9), .mtX(800), .mtY(800)]),
                   after: frame(20, [.mtX(810)]) + frame(30, [.id(-1)]),
                   expected: ["down 100,200 @0", "cancel 100,200 @12"]),
        ResyncCase(name: "single button held at the sync is blocked until released", touchProtocol: .singleTouch(contactButton: .touch),
                   before: frame(10, [.x(1), .dropped], report: false),
                   sync: frame(12, [.x(100), .y(100), .touch(1)]),
                   after: frame(20, [.x(120)]) + frame(30, [.touch(0)]) + frame(40, [.touch(1)]) + frame(50, [.touch(0)]),
                   expected: ["down 120,100 @40", "up 120,100 @50"]),
        ResyncCase(name: "single primary released during the drop: cancelled", touchProtocol: .singleTouch(contactButton: .touch),
                   before: frame(0, [.x(100), .y(200), .touch(1)]) + frame(10, [.dropped], report: false),
                   sync: frame(12, [.touch(0)]),
                   after: frame(20, [.x(50)]),
                   expected: ["down 100,200 @0", "cancel 100,200 @12"]),
        ResyncCase(name: "A primary cancelled, others wait for an empty frame", touchProtocol: .multitouchAnonymous,
                   before: frame(0, [.mtX(100), .mtY(100), .mtReport]) + frame(10, [.dropped], report: false),
                   sync: [],
                   after: frame(20, [.mtX(100), .mtY(100), .mtReport]) + frame(30, [.mtReport]) + frame(40, [.mtX(7), .mtY(8), .mtReport]),
                   expected: ["down 100,100 @0", "cancel 100,100 @10", "down 7,8 @40"]),
    ]

    @Test(arguments: resyncCases)
    func resynchronisation(testCase: ResyncCase) {
        var tracker = ContactTracker(touchProtocol: testCase.touchProtocol, axes: TestDevices.axes)
        var output = testCase.before.flatMap { tracker.process($0) }
        #expect(tracker.isDiscarding)
        output += tracker.resynchronise(testCase.sync)
        #expect(!tracker.isDiscarding)
        output += testCase.after.flatMap { tracker.process($0) }
        #expect(output.map(compact) == testCase.expected)
    }

    /// The real eGalax stream read as protocol B and as single-touch gives the same contacts.
    @Test func wetabSameContactsAsSlotsAndAsSingleTouch() throws {
        let recording = try Recordings.wetab()
        let device = try #require(recording.device)
        var slots = try ContactTracker(device: device, touchProtocol: .multitouchSlots(slotCount: 2))
        var single = try ContactTracker(device: device, touchProtocol: .singleTouch(contactButton: .touch))
        let fromSlots = recording.events.flatMap { slots.process($0) }
        let fromSingle = recording.events.flatMap { single.process($0) }
        #expect(fromSlots == fromSingle)
        #expect(fromSlots.filter { $0.phase == .down }.count == 11)
        #expect(fromSlots.filter { $0.phase == .up }.count == 11)
        #expect(slots.diagnostics.outOfRangeValues == 0)
    }

    /// Dropping events in the middle of a real contact: the tracker recovers at the next report.
    @Test func n4WithInjectedDrop() throws {
        let recording = try Recordings.n4()
        let device = try #require(recording.device)
        // Cut the stream in the middle of the first contact (after event 100) with a SYN_DROPPED.
        var events = recording.events
        events.insert(InputEvent.sync(.dropped, at: events[100].time), at: 101)
        var clean = try ContactTracker(device: device, touchProtocol: .multitouchSlots(slotCount: 10))
        var dropped = try ContactTracker(device: device, touchProtocol: .multitouchSlots(slotCount: 10))
        let expected = recording.events.flatMap { clean.process($0) }
        let actual = events.flatMap { dropped.process($0) }
        #expect(dropped.diagnostics.droppedReports == 1)
        #expect(dropped.diagnostics.discardedEvents > 0)
        // Same downs and ups, except that the contact spanning the drop ends with cancel;
        // only moves inside the broken frame may be missing.
        var expectedEnds = expected.filter { $0.phase != .move }
        let firstUp = try #require(expectedEnds.firstIndex { $0.phase == .up })
        expectedEnds[firstUp].phase = .cancel
        #expect(actual.filter { $0.phase != .move } == expectedEnds)
        #expect(dropped.diagnostics.cancelledContacts == 1)
        #expect(actual.filter { $0.phase == .move }.count < expected.filter { $0.phase == .move }.count)
    }
}
