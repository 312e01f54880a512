import Foundation
import LobbyEvdev
import LobbyTouch
import LobbyTestSupport
import Testing

@Suite(.tags(.unit))
struct TouchWatchTests {
    static let opened = OpenedTouchscreen(
        path: "/dev/input/event2", device: TestDevices.multitouch, touchProtocol: .multitouchSlots(slotCount: 10),
        basis: .capabilities, calibration: CalibrationChoice(matrix: .identity, source: .configured), grabbed: true)

    static func contact(_ phase: ContactEvent.Phase, _ x: Double, _ y: Double, ms: Int64) -> TouchscreenUpdate {
        .gesture(.contact(ScreenContact(phase: phase, position: ScreenPoint(x: x, y: y),
                                        raw: RawPoint(x: Int32(x * 4), y: Int32(y * 2)), time: .milliseconds(5_000 + ms))))
    }

    static let session: [TouchscreenUpdate] = [
        .health(.present(name: "Synthetic \"Multitouch\" Panel", id: VendorProductID(vendor: 0x1209, product: 1))),
        .opened(opened),
        contact(.down, 270, 480, ms: 0),
        contact(.up, 270.5, 480.25, ms: 120),
        .gesture(.tap(Tap(x: 270, y: 480, time: .milliseconds(5_120), raw: RawPoint(x: 1080, y: 960)))),
        .gesture(.longPress(Tap(x: 10, y: 20.004, time: .milliseconds(6_800), raw: RawPoint(x: 40, y: 40)))),
        .gesture(.rejected(RejectedContact(reason: .moved, position: ScreenPoint(x: 131.84, y: 937.5),
                                           duration: Milliseconds(175.62), time: .milliseconds(7_000)))),
        .health(.absent),
        .health(.error(reason: "cannot open /dev/input/event2: Permission denied")),
    ]

    @Test func textLines() {
        var watch = TouchWatch(format: .text)
        let lines = Self.session.map { watch.line(for: $0) }
        #expect(lines == [
            "health present \"Synthetic \"Multitouch\" Panel\" 1209:0001",
            "device /dev/input/event2 \"Synthetic Multitouch Panel\" 1209:0001 multitouch-b (10 slots) x 0..4095 y 0..4095 calibration configured 1 0 0 0 1 0 grabbed",
            "  0.000000 down         x=270.00 y=480.00 raw=1080,960",
            "  0.120000 up           x=270.50 y=480.25 raw=1082,960",
            "  0.120000 tap          x=270.00 y=480.00 raw=1080,960",
            "  1.800000 long-press   x=10.00 y=20.00 raw=40,40",
            "  2.000000 rejected     x=131.84 y=937.50 reason=moved duration=175.6ms",
            "health absent",
            "health error: cannot open /dev/input/event2: Permission denied",
        ])
        #expect(watch.origin == .milliseconds(5_000))
    }

    @Test func jsonLinesDecode() throws {
        var watch = TouchWatch(format: .json)
        let objects = try Self.session.map { update in
            try JSONSerialization.jsonObject(with: Data(watch.line(for: update).utf8)) as! [String: Any]
        }
        #expect(objects.map { $0["event"] as? String } == ["health", "device", "down", "up", "tap", "long-press", "rejected", "health", "health"])
        #expect(objects[0]["name"] as? String == "Synthetic \"Multitouch\" Panel")
        #expect(objects[0]["state"] as? String == "present")
        #expect(objects[1]["grabbed"] as? Bool == true)
        #expect(objects[1]["calibration_source"] as? String == "configured")
        #expect(objects[3]["t"] as? Double == 0.12)
        #expect(objects[3]["x"] as? Double == 270.5)
        #expect(objects[3]["raw_x"] as? Int == 1082)
        #expect(objects[6]["reason"] as? String == "moved")
        #expect(objects[6]["duration_ms"] as? Double == 175.6)
        #expect(objects[8]["reason"] as? String == "cannot open /dev/input/event2: Permission denied")
    }

    @Test func aGivenOriginIsKept() {
        var watch = TouchWatch(format: .json, origin: .milliseconds(4_000))
        #expect(watch.line(for: Self.contact(.down, 1, 2, ms: 500))
                == "{\"event\":\"down\",\"t\":1.500000,\"x\":1.00,\"y\":2.00,\"raw_x\":4,\"raw_y\":4}")
    }

    @Test func controlCharactersAreEscaped() {
        var watch = TouchWatch(format: .json)
        let line = watch.line(for: .health(.present(name: "a\tb\u{1}\\", id: VendorProductID(vendor: 1, product: 2))))
        #expect(line == "{\"event\":\"health\",\"state\":\"present\",\"name\":\"a\\tb\\u0001\\\\\",\"id\":\"0001:0002\"}")
    }
}
