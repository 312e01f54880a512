import LobbyKioskFixtures
import LobbyKiosk
import LobbyQueue
import LobbyTouch
import LobbyTestSupport
import Testing

/// From synthetic multitouch (protocol B) evdev events through LobbyTouch's pipeline to an
/// `issueTicket` or `checkIn` effect: the same path the daemon runs.
@Suite(.tags(.unit)) struct KioskTouchFlowTests {
    /// A finger on a 1080×1920 panel with a 0…4095 digitiser, feeding recognised taps to a kiosk.
    struct Finger {
        var pipeline: TouchPipeline
        var kiosk: Kiosk
        var clock: Int64 = 10_000
        var trackingID: Int32 = 1

        init() throws {
            let axis = AbsoluteAxisInfo(minimum: 0, maximum: 4095)
            let tracker = ContactTracker(touchProtocol: .multitouchSlots(slotCount: 10), axes: TouchAxes(x: axis, y: axis))
            pipeline = TouchPipeline(tracker: tracker, width: 1080, height: 1920)
            kiosk = try Kiosk()
        }

        /// Touches the centre of the button with `action` for 80 ms and feeds resulting taps to the flow;
        /// returns the number of taps recognised.
        mutating func touch(_ action: KioskAction) throws -> Int {
            let button = try #require(kiosk.flow.screen.button(for: action), "no \(action) on \(kiosk.screen)")
            let (x, y) = button.frame.center
            return touch(x: x, y: y)
        }

        /// Touches screen pixel (`x`, `y`) for 80 ms; returns the number of taps recognised.
        mutating func touch(x: Double, y: Double) -> Int {
            let rawX = Int32(x / 1080 * 4096), rawY = Int32(y / 1920 * 4096)
            let down = EventTime.milliseconds(clock), up = EventTime.milliseconds(clock + 80)
            var events: [InputEvent] = [
                .absolute(.multitouchSlot, 0, at: down), .absolute(.multitouchTrackingID, trackingID, at: down),
                .absolute(.multitouchPositionX, rawX, at: down), .absolute(.multitouchPositionY, rawY, at: down),
                .key(.touch, 1, at: down), .sync(.report, at: down),
                .absolute(.multitouchTrackingID, -1, at: up), .key(.touch, 0, at: up), .sync(.report, at: up),
            ]
            trackingID += 1
            clock += 700
            events.append(.sync(.report, at: .milliseconds(clock)))
            var gestures: [GestureEvent] = []
            for event in events { gestures += pipeline.process(event) }
            gestures += pipeline.advance(to: .milliseconds(clock))
            let taps = gestures.compactMap { if case .tap(let t) = $0 { t } else { nil } }
            for tap in taps {
                kiosk.effects += kiosk.flow.handle(.tap(x: tap.x, y: tap.y), at: Instant(milliseconds: tap.time.microseconds / 1000))
            }
            return taps.count
        }
    }

    @Test func tapsFromEvdevEventsTakeATicket() throws {
        var finger = try Finger()
        for action: KioskAction in [.start, .chooseLanguage(.az), .allServices, .letter("P"), .chooseService("passport")] {
            #expect(try finger.touch(action) == 1, "one tap for \(action)")
        }
        #expect(finger.kiosk.screen == .confirm)
        #expect(try finger.touch(.takeTicket) == 1)
        #expect(finger.kiosk.issues == [KioskTicketRequest(service: "passport", language: .az, requestID: "k1-boot7-1")])
        #expect(finger.kiosk.screen == .printing)
    }

    @Test func tapsFromEvdevEventsCheckInByBookingCode() throws {
        var finger = try Finger()
        for action: KioskAction in [.start, .chooseLanguage(.ru), .openCheckIn] {
            #expect(try finger.touch(action) == 1, "one tap for \(action)")
        }
        #expect(finger.kiosk.screen == .checkIn)
        // A typo in the last character, corrected with the delete key.
        let code = CheckInSamples.code
        for character in CheckInSamples.mistyped { #expect(try finger.touch(.letter(String(character))) == 1) }
        #expect(finger.kiosk.flow.screen.button(for: .checkIn)?.isEnabled == false)
        #expect(try finger.touch(.deleteLetter) == 1)
        #expect(try finger.touch(.letter(String(code.rawValue.last!))) == 1)
        #expect(finger.kiosk.flow.screen.texts.contains { $0.text == code.display })
        let button = try #require(finger.kiosk.flow.screen.button(for: .checkIn)).frame.center
        #expect(finger.touch(x: button.x, y: button.y) == 1)
        #expect(finger.kiosk.checkIns == [KioskCheckInRequest(code: code, language: .ru, requestID: "k1-boot7-1")])
        #expect(finger.kiosk.screen == .printing)
        // A second touch where the button was hits nothing that checks in again.
        #expect(finger.touch(x: button.x, y: button.y) == 1)
        #expect(finger.kiosk.checkIns.count == 1)
    }
}
