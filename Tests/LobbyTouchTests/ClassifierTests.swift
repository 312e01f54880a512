import Testing
@testable import LobbyTouch

@Suite struct ClassifierTests {
    @Test func realRecordings() throws {
        let wetab = try #require(try Recordings.wetab().device)
        // The eGalax advertises ABS_MT_SLOT (2 slots) besides ABS_X/ABS_Y + BTN_TOUCH: protocol B wins.
        #expect(TouchDeviceClassifier.classify(wetab) == .touchscreen(.multitouchSlots(slotCount: 2), forcedByMatch: false))
        let n4 = try #require(try Recordings.n4().device)
        #expect(TouchDeviceClassifier.classify(n4) == .touchscreen(.multitouchSlots(slotCount: 10), forcedByMatch: false))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let device: DeviceDescription
        let expected: TouchProtocol?
        var testDescription: String { device.name }
    }

    static let cases: [Case] = [
        Case(device: TestDevices.protocolA, expected: .multitouchAnonymous),
        Case(device: TestDevices.protocolB, expected: .multitouchSlots(slotCount: 4)),
        Case(device: TestDevices.eloStyle, expected: .singleTouch(contactButton: .buttonLeft)),
        Case(device: TestDevices.singleTouch, expected: .singleTouch(contactButton: .touch)),
        Case(device: TestDevices.touchpad, expected: nil),
        Case(device: TestDevices.penTablet, expected: nil),
        Case(device: TestDevices.mouse, expected: nil),
        Case(device: TestDevices.joystick, expected: nil),
    ]

    @Test(arguments: cases)
    func byCapabilities(testCase: Case) {
        let result = TouchDeviceClassifier.classify(testCase.device)
        #expect(result.touchProtocol == testCase.expected)
        if testCase.expected == nil, case .notTouchscreen(let reason) = result {
            #expect(!reason.isEmpty)
        }
    }

    @Test func reasonsSayWhy() {
        #expect(TouchDeviceClassifier.classify(TestDevices.mouse) == .notTouchscreen(reason: "no absolute axes"))
        #expect(TouchDeviceClassifier.classify(TestDevices.touchpad)
            == .notTouchscreen(reason: "marked as a touchpad (INPUT_PROP_POINTER/BUTTONPAD/SEMI_MT)"))
        #expect(TouchDeviceClassifier.classify(TestDevices.penTablet)
            == .notTouchscreen(reason: "pen tools without INPUT_PROP_DIRECT (graphics tablet)"))
    }

    @Test func matchListForcesDevicesIn() throws {
        let list = try DeviceMatchList(parsing: """
            # vid:pid   protocol       remark
            06cb:0001   auto           touchpad-like kiosk overlay
            0eef:72a1   single-touch   eGalax: read ABS_X/ABS_Y + BTN_TOUCH
            0001:0002   auto
            1234:5678   multitouch-b
            """)
        #expect(list.entries.count == 4)
        #expect(list.entries[1].remark == "eGalax: read ABS_X/ABS_Y + BTN_TOUCH")
        // auto: a device marked as a pointer is taken in by its axes.
        #expect(TouchDeviceClassifier.classify(TestDevices.touchpad, matchList: list)
            == .touchscreen(.multitouchSlots(slotCount: 5), forcedByMatch: true))
        // forced protocol on a real device.
        let wetab = try #require(try Recordings.wetab().device)
        #expect(TouchDeviceClassifier.classify(wetab, matchList: list)
            == .touchscreen(.singleTouch(contactButton: .touch), forcedByMatch: true))
        // auto cannot invent a contact button.
        #expect(TouchDeviceClassifier.classify(TestDevices.joystick, matchList: list).touchProtocol == nil)
        // forcing a protocol the device lacks is refused with a reason.
        guard case .notTouchscreen(let reason) = TouchDeviceClassifier.classify(TestDevices.singleTouch, matchList: list) else {
            Issue.record("expected refusal")
            return
        }
        #expect(reason.contains("multitouch-b"))
        // devices not listed are classified by capabilities.
        #expect(TouchDeviceClassifier.classify(TestDevices.eloStyle, matchList: list).touchProtocol == .singleTouch(contactButton: .buttonLeft))
    }

    @Test(arguments: [
        ("0eef:72a1 sideways", 1, "unknown protocol 'sideways' (expected one of auto, single-touch, multitouch-a, multitouch-b)"),
        ("\n0eef-72a1", 2, "'0eef-72a1' is not a vendor:product pair like 0eef:72a1"),
        ("0eef:72a1\n0EEF:72A1 auto", 2, "0eef:72a1 is already listed on line 1"),
        ("12345:0001", 1, "'12345:0001' is not a vendor:product pair like 0eef:72a1"),
    ])
    func matchListErrors(text: String, line: Int, message: String) {
        #expect(throws: DeviceMatchList.ParseError(line: line, message: message)) {
            try DeviceMatchList(parsing: text)
        }
    }
}
