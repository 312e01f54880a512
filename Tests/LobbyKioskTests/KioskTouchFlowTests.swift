import LobbyKiosk
import LobbyQueue
import LobbyTouch
import Testing

/// From synthetic multitouch (protocol B) evdev events through LobbyTouch's pipeline to an
/// `issueTicket` effect: the same path the daemon runs.
@Suite struct KioskTouchFlowTests {
    @Test func tapsFromEvdevEventsTakeATicket() throws {
        let axis = AbsoluteAxisInfo(minimum: 0, maximum: 4095)
        let tracker = ContactTracker(touchProtocol: .multitouchSlots(slotCount: 10), axes: TouchAxes(x: axis, y: axis))
        var pipeline = TouchPipeline(tracker: tracker, width: 1080, height: 1920)
        var kiosk = try Kiosk()
        var clock: Int64 = 10_000
        var trackingID: Int32 = 1

        /// Touches the centre of the button with `action` for 80 ms and feeds resulting taps to the flow.
        func touch(_ action: KioskAction) throws {
            let button = try #require(kiosk.flow.screen.button(for: action), "no \(action) on \(kiosk.screen)")
            let (x, y) = button.frame.center
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
            #expect(taps.count == 1, "one tap for \(action)")
            for tap in taps {
                kiosk.effects += kiosk.flow.handle(.tap(x: tap.x, y: tap.y), at: Instant(milliseconds: tap.time.microseconds / 1000))
            }
        }

        try touch(.start)
        #expect(kiosk.screen == .language)
        try touch(.chooseLanguage(.az))
        try touch(.allServices)
        try touch(.letter("P"))
        try touch(.chooseService("passport"))
        #expect(kiosk.screen == .confirm)
        try touch(.takeTicket)
        #expect(kiosk.issues == [KioskTicketRequest(service: "passport", language: .az, requestID: "k1-boot7-1")])
        #expect(kiosk.screen == .printing)
    }
}
