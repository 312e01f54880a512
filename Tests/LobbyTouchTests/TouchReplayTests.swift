import Foundation
import LobbyTestSupport
import Testing
@testable import LobbyTouch

/// Replays of the real recordings, checked against contacts found by scanning the raw events
/// independently of the tracker.
@Suite(.tags(.unit)) struct TouchReplayTests {
    /// A contact found by scanning: raw touch-down point, times, and all raw points it visited.
    struct ScannedContact {
        var down: (x: Int32, y: Int32)
        var downTime: EventTime
        var upTime: EventTime
        var points: [(x: Int32, y: Int32)]
    }

    /// BTN_TOUCH contacts of a single-touch stream, committed at SYN_REPORT.
    static func scanButtonContacts(_ events: [InputEvent]) -> [ScannedContact] {
        var x: Int32 = 0, y: Int32 = 0, button = false
        var open: ScannedContact?
        var result: [ScannedContact] = []
        for event in events {
            if event.type == .absolute, event.code == 0 { x = event.value }
            if event.type == .absolute, event.code == 1 { y = event.value }
            if event.type == .key, event.code == 0x14a { button = event.value != 0 }
            guard event.type == .synchronization, event.code == 0 else { continue }
            if button {
                if open == nil { open = ScannedContact(down: (x, y), downTime: event.time, upTime: event.time, points: []) }
                open!.points.append((x, y))
            } else if var contact = open {
                contact.upTime = event.time
                result.append(contact)
                open = nil
            }
        }
        return result
    }

    /// First-contact-only contacts of a protocol B stream: a contact is primary when it starts
    /// while no primary is down (lowest slot first); contacts starting meanwhile never count.
    static func scanPrimarySlotContacts(_ events: [InputEvent], slots: Int) -> [ScannedContact] {
        var ids = [Int32](repeating: -1, count: slots)
        var xs = [Int32](repeating: 0, count: slots)
        var ys = [Int32](repeating: 0, count: slots)
        var committedIDs = ids
        var slot = 0
        var primarySlot: Int?
        var open: ScannedContact?
        var result: [ScannedContact] = []
        for event in events {
            if event.type == .absolute {
                switch event.code {
                case 0x2f: slot = Int(event.value)
                case 0x39: ids[slot] = event.value
                case 0x35: xs[slot] = event.value
                case 0x36: ys[slot] = event.value
                default: break
                }
                continue
            }
            guard event.type == .synchronization, event.code == 0 else { continue }
            if let p = primarySlot {
                if ids[p] != committedIDs[p] {
                    open!.upTime = event.time
                    result.append(open!)
                    open = nil
                    primarySlot = nil
                } else {
                    open!.points.append((xs[p], ys[p]))
                }
            }
            if primarySlot == nil, let first = (0..<slots).first(where: { ids[$0] >= 0 && ids[$0] != committedIDs[$0] }) {
                primarySlot = first
                open = ScannedContact(down: (xs[first], ys[first]), downTime: event.time, upTime: event.time, points: [(xs[first], ys[first])])
            }
            committedIDs = ids
        }
        return result
    }

    /// Maps a raw point to pixels: normalise with span max−min+1, calibrate, rotate, scale.
    static func pixels(_ raw: (x: Int32, y: Int32), spanX: Double, spanY: Double, width: Double, height: Double,
                       rotation: Int = 0, calibration: [Double] = [1, 0, 0, 0, 1, 0]) -> (x: Double, y: Double) {
        let nx = Double(raw.x) / spanX, ny = Double(raw.y) / spanY
        let cx = calibration[0] * nx + calibration[1] * ny + calibration[2]
        let cy = calibration[3] * nx + calibration[4] * ny + calibration[5]
        let r: (Double, Double)
        switch rotation {
        case 90: r = (1 - cy, cx)
        case 180: r = (1 - cx, 1 - cy)
        case 270: r = (cy, 1 - cx)
        default: r = (cx, cy)
        }
        return (min(max(r.0 * width, 0), width), min(max(r.1 * height, 0), height))
    }

    /// The taps the scanned contacts should give under the default thresholds.
    static func expectedTaps(_ contacts: [ScannedContact], origin: EventTime, spanX: Double, spanY: Double, width: Double, height: Double,
                             rotation: Int = 0, calibration: [Double] = [1, 0, 0, 0, 1, 0],
                             configuration: GestureConfiguration = GestureConfiguration()) -> [ReplayTap] {
        contacts.compactMap { contact in
            let duration = Double(contact.upTime.microseconds - contact.downTime.microseconds) / 1000
            guard duration >= configuration.minimumContactDuration.value, duration <= configuration.tapMaximumDuration.value else { return nil }
            let map = { (p: (x: Int32, y: Int32)) in
                pixels(p, spanX: spanX, spanY: spanY, width: width, height: height, rotation: rotation, calibration: calibration)
            }
            let down = map(contact.down)
            let travel = contact.points.map { p -> Double in
                let q = map(p)
                return ((q.x - down.x) * (q.x - down.x) + (q.y - down.y) * (q.y - down.y)).squareRoot()
            }.max() ?? 0
            guard travel <= configuration.tapMovementLimitPixels else { return nil }
            return ReplayTap(x: down.x, y: down.y, t: Double(contact.upTime.microseconds - origin.microseconds) / 1_000_000)
        }
    }

    static func expectSame(_ actual: [ReplayTap], _ expected: [ReplayTap], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) {
            #expect(abs(a.x - e.x) < 1e-6 && abs(a.y - e.y) < 1e-6 && abs(a.t - e.t) < 1e-9, "\(a) vs \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        (1080.0, 1920.0, 0, [1.0, 0, 0, 0, 1, 0]),
        (1080.0, 1920.0, 90, [1.0, 0, 0, 0, 1, 0]),
        (1920.0, 1080.0, 180, [1.0, 0, 0, 0, 1, 0]),
        (1366.0, 768.0, 270, [1.0, 0, 0, 0, 1, 0]),
        (1080.0, 1920.0, 0, [1.1, 0, -0.05, 0, 1.1, -0.05]),
        (1080.0, 1920.0, 90, [1.05, 0.02, -0.03, -0.01, 0.98, 0.02]),
    ])
    func wetabTapsWhereTheContactsWere(width: Double, height: Double, rotation: Int, calibration: [Double]) throws {
        let recording = try Recordings.wetab()
        let contacts = Self.scanButtonContacts(recording.events)
        #expect(contacts.count == 11)
        let expected = Self.expectedTaps(contacts, origin: recording.events[0].time, spanX: 32761, spanY: 32761,
                                         width: width, height: height, rotation: rotation, calibration: calibration)
        #expect(expected.count == 11) // every contact of this recording is a short, still tap
        let taps = try TouchReplay.taps(recording: recording, width: width, height: height,
                                        rotation: ScreenRotation(degrees: rotation)!, calibration: CalibrationMatrix(calibration)!)
        Self.expectSame(taps, expected)
    }

    /// The eGalax 0eef:0001 recording (BTN_TOOL_PEN + BTN_TOUCH): its contacts, scanned from the
    /// raw events, are where the taps land, under every rotation.
    @Test(arguments: [0, 90, 180, 270])
    func eGalaxPenPanelTapsWhereTheContactsWere(rotation: Int) throws {
        let recording = try Recordings.egalax()
        // Raw units from the axes' minimum (ABS_X 30..4040, ABS_Y 60..4035).
        let contacts = Self.scanButtonContacts(recording.events).map { contact in
            ScannedContact(down: (contact.down.x - 30, contact.down.y - 60), downTime: contact.downTime, upTime: contact.upTime,
                           points: contact.points.map { ($0.x - 30, $0.y - 60) })
        }
        #expect(contacts.count == 8)
        let expected = Self.expectedTaps(contacts, origin: recording.events[0].time, spanX: 4011, spanY: 3976,
                                         width: 1080, height: 1920, rotation: rotation)
        #expect(expected.count == 6) // six taps; the long press and the drag are no taps
        let outcome = try TouchReplay.replay(recording: recording, rotation: ScreenRotation(degrees: rotation)!)
        Self.expectSame(outcome.taps, expected)
        #expect(outcome.longPresses.count == 1)
        let rejected = outcome.events.compactMap { event -> RejectedContact.Reason? in
            if case .rejected(let contact) = event { contact.reason } else { nil }
        }
        #expect(rejected == [.moved])
        #expect(outcome.touchProtocol == .singleTouch(contactButton: .touch))
    }

    @Test func wetabFirstTapValues() throws {
        let taps = try TouchReplay.taps(recording: try Recordings.wetab())
        // First contact: ABS_X 13552, ABS_Y 27360 on 0…32760; lifted 0.204983 s after the first event.
        #expect(abs(taps[0].x - 13552.0 / 32761 * 1080) < 1e-9)
        #expect(abs(taps[0].y - 27360.0 / 32761 * 1920) < 1e-9)
        #expect(taps[0].t == 0.204983)
    }

    @Test func nexus4SwipesAreNotTaps() throws {
        let recording = try Recordings.n4()
        let contacts = Self.scanPrimarySlotContacts(recording.events, slots: 10)
        #expect(contacts.count == 4) // tracking ids 5, 6, 8 and 11; the others started while a primary was down
        let origin = recording.events[0].time
        let expected = Self.expectedTaps(contacts, origin: origin, spanX: 1536, spanY: 2560, width: 1080, height: 1920)
        #expect(expected.isEmpty)
        let outcome = try TouchReplay.replay(recording: recording)
        #expect(outcome.taps.isEmpty)
        let moved = outcome.events.compactMap { event -> RejectedContact? in
            if case .rejected(let contact) = event { contact } else { nil }
        }
        #expect(moved.map(\.reason) == [.moved, .moved, .moved, .moved])
        #expect(outcome.diagnostics.ignoredContacts == 8)
    }

    /// With limits wide enough to accept the swipes, each primary contact becomes one tap.
    @Test(arguments: [0, 90, 180, 270])
    func nexus4PrimaryContactsWithWideLimits(rotation: Int) throws {
        let recording = try Recordings.n4()
        let wide = GestureConfiguration(tapMaximumDuration: Milliseconds(3000), tapMovementLimit: .pixels(5000), longPressDuration: Milliseconds(60_000))
        let contacts = Self.scanPrimarySlotContacts(recording.events, slots: 10)
        let expected = Self.expectedTaps(contacts, origin: recording.events[0].time, spanX: 1536, spanY: 2560,
                                         width: 1080, height: 1920, rotation: rotation, configuration: wide)
        #expect(expected.count == 4)
        let taps = try TouchReplay.taps(recording: recording, rotation: ScreenRotation(degrees: rotation)!, gestures: wide)
        Self.expectSame(taps, expected)
    }

    @Test func nexus4LongPressesWithWideMovement() throws {
        let recording = try Recordings.n4()
        let configuration = GestureConfiguration(tapMovementLimit: .pixels(5000))
        let outcome = try TouchReplay.replay(recording: recording, gestures: configuration)
        let contacts = Self.scanPrimarySlotContacts(recording.events, slots: 10)
        // Every primary contact is held longer than 800 ms: a long press 800 ms after its touch-down.
        let origin = recording.events[0].time
        let expected = contacts.map { Double($0.downTime.microseconds - origin.microseconds + 800_000) / 1_000_000 }
        #expect(outcome.longPresses.map(\.t) == expected)
        #expect(outcome.taps.isEmpty)
    }

    /// A SYN_DROPPED that swallows a release never yields a tap from the broken contact.
    @Test func wetabReleaseLostInADrop() throws {
        var recording = try Recordings.wetab()
        let contacts = Self.scanButtonContacts(recording.events)
        // Put a SYN_DROPPED just before the BTN_TOUCH 0 of the third contact.
        let releaseIndex = recording.events.firstIndex { $0.type == .key && $0.value == 0 && $0.time > contacts[2].downTime }!
        recording.events.insert(InputEvent.sync(.dropped, at: recording.events[releaseIndex].time), at: releaseIndex)
        let outcome = try TouchReplay.replay(recording: recording)
        // The third contact's end is unknown: cancelled when the next tracking id shows up.
        let expected = Self.expectedTaps(contacts, origin: recording.events[0].time, spanX: 32761, spanY: 32761, width: 1080, height: 1920)
        var withoutBroken = expected
        withoutBroken.remove(at: 2)
        Self.expectSame(outcome.taps, withoutBroken)
        #expect(outcome.diagnostics.droppedReports == 1)
        #expect(outcome.diagnostics.cancelledContacts == 1)
        // Read as single-touch the release is simply lost: contacts 3 and 4 merge and jump, so no tap either.
        let forced = try DeviceMatchList(parsing: "0eef:72a1 single-touch")
        let single = try TouchReplay.replay(recording: recording, matchList: forced)
        var withoutMerged = expected
        withoutMerged.removeSubrange(2...3)
        Self.expectSame(single.taps, withoutMerged)
    }

    /// An Elo-style panel (BTN_LEFT, no BTN_TOUCH) written as an evemu 1.3 file, through the whole pipeline.
    @Test func syntheticEloRecording() throws {
        let text = """
            # EVEMU 1.3
            N: Synthetic Elo-Style Panel
            I: 0003 04e7 0020 0100
            P: 00 00 00 00 00 00 00 00
            B: 00 0b 00 00 00 00 00 00 00
            B: 01 00 00 00 00 00 00 00 00
            B: 01 00 00 00 00 00 00 00 00
            B: 01 00 00 00 00 00 00 00 00
            B: 01 00 00 00 00 00 00 00 00
            B: 01 00 00 01 00 00 00 00 00
            B: 03 03 00 00 00 00 00 00 00
            A: 00 0 4095 0 0 0
            A: 01 0 4095 0 0 0
            E: 10.000000 0003 0000 2048
            E: 10.000000 0003 0001 1024
            E: 10.000000 0001 0110 0001
            E: 10.000000 0000 0000 0000
            E: 10.100000 0001 0110 0000
            E: 10.100000 0000 0000 0000
            E: 11.000000 0003 0000 -0005
            E: 11.000000 0001 0110 0001
            E: 11.000000 0000 0000 0000
            E: 11.050000 0001 0110 0000
            E: 11.050000 0000 0000 0000
            """
        let recording = try EvemuParser.parse(text)
        let device = try #require(recording.device)
        #expect(device.supports(.buttonLeft) && !device.supports(.touch))
        let outcome = try TouchReplay.replay(recording: recording)
        #expect(outcome.touchProtocol == .singleTouch(contactButton: .buttonLeft))
        Self.expectSame(outcome.taps, [
            ReplayTap(x: 2048.0 / 4096 * 1080, y: 1024.0 / 4096 * 1920, t: 0.1),
            ReplayTap(x: 0, y: 1024.0 / 4096 * 1920, t: 1.05),
        ])
        #expect(outcome.diagnostics.outOfRangeValues == 1)
    }

    /// A protocol A panel: a palm lands during a tap and stays after it; only the tap counts.
    @Test func syntheticProtocolARecording() throws {
        var lines = [
            "N: Synthetic Protocol A Panel", "I: 0003 1234 5678 0001", "P: 02 00 00 00 00 00 00 00",
            "B: 00 09 00 00 00 00 00 00 00", "B: 03 00 00 00 00 00 00 60 00",
            "A: 35 0 999 0 0", "A: 36 0 999 0 0",
        ]
        func frame(_ time: String, _ contacts: [(Int, Int)]) {
            for (x, y) in contacts {
                lines += ["E: \(time) 0003 0035 \(x)", "E: \(time) 0003 0036 \(y)", "E: \(time) 0000 0002 0000"]
            }
            if contacts.isEmpty { lines.append("E: \(time) 0000 0002 0000") }
            lines.append("E: \(time) 0000 0000 0000")
        }
        frame("1.000000", [(250, 500)])
        frame("1.050000", [(900, 900), (251, 500)])
        frame("1.150000", [(900, 905)])
        frame("1.400000", [(900, 910)])
        frame("1.900000", [])
        frame("2.000000", [(500, 500)])
        frame("2.100000", [])
        let outcome = try TouchReplay.replay(recording: try EvemuParser.parse(lines.joined(separator: "\n")))
        #expect(outcome.touchProtocol == .multitouchAnonymous)
        Self.expectSame(outcome.taps, [
            ReplayTap(x: 250.0 / 1000 * 1080, y: 500.0 / 1000 * 1920, t: 0.15),
            ReplayTap(x: 500.0 / 1000 * 1080, y: 500.0 / 1000 * 1920, t: 1.1),
        ])
    }

    @Test func missingDescriptionIsAnError() throws {
        let events = try EvemuParser.parse(Recordings.n4Events)
        #expect(throws: TouchSetupError.noDeviceDescription) { try TouchReplay.taps(recording: events) }
    }
}
