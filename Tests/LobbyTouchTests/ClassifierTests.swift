import LobbyTestSupport
import Testing
@testable import LobbyTouch

@Suite(.tags(.unit)) struct ClassifierTests {
    @Test func realRecordings() throws {
        let wetab = try #require(try Recordings.wetab().device)
        // The eGalax advertises ABS_MT_SLOT (2 slots) besides ABS_X/ABS_Y + BTN_TOUCH: protocol B wins.
        #expect(TouchDeviceClassifier.classify(wetab) == .touchscreen(.multitouchSlots(slotCount: 2), basis: .capabilities))
        let n4 = try #require(try Recordings.n4().device)
        #expect(TouchDeviceClassifier.classify(n4) == .touchscreen(.multitouchSlots(slotCount: 10), basis: .capabilities))
    }

    /// The eGalax 0eef:0001 recording: a quirk names it; without quirks the heuristic takes it; it was
    /// refused as a graphics tablet before either existed.
    @Test func penReportingEGalaxRecording() throws {
        let device = try #require(try Recordings.egalax().device)
        #expect(device.supports(.toolPen) && device.supports(.touch) && device.properties.isEmpty)
        guard case .touchscreen(.singleTouch(contactButton: .touch), .quirk(let entry)) = TouchDeviceClassifier.classify(device) else {
            Issue.record("expected the built-in quirk, got \(TouchDeviceClassifier.classify(device))")
            return
        }
        #expect(entry.matchers == [.vendorProduct(VendorProductID(vendor: 0x0eef, product: 0x0001))])
        #expect(TouchDeviceClassifier.classify(device, quirks: DeviceMatchList())
            == .touchscreen(.singleTouch(contactButton: .touch), basis: .penController))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let device: DeviceDescription
        let expected: TouchProtocol?
        let basis: String?
        let reason: String?
        var testDescription: String { device.name }
    }

    /// Every synthetic shape, real recording shapes included, by capabilities and built-in quirks.
    static let cases: [Case] = [
        Case(device: TestDevices.protocolA, expected: .multitouchAnonymous, basis: "capabilities", reason: nil),
        Case(device: TestDevices.protocolB, expected: .multitouchSlots(slotCount: 4), basis: "capabilities", reason: nil),
        Case(device: TestDevices.eloStyle, expected: .singleTouch(contactButton: .buttonLeft), basis: "capabilities", reason: nil),
        Case(device: TestDevices.singleTouch, expected: .singleTouch(contactButton: .touch), basis: "capabilities", reason: nil),
        Case(device: TestDevices.eGalaxPen, expected: .singleTouch(contactButton: .touch), basis: "quirk", reason: nil),
        Case(device: TestDevices.eGalaxSibling, expected: .singleTouch(contactButton: .buttonLeft), basis: "quirk", reason: nil),
        Case(device: TestDevices.unlistedPenController, expected: .singleTouch(contactButton: .touch), basis: "pen-controller", reason: nil),
        Case(device: TestDevices.directPen, expected: .singleTouch(contactButton: .touch), basis: "capabilities", reason: nil),
        Case(device: TestDevices.touchpad, expected: nil, basis: nil, reason: "marked as a touchpad (INPUT_PROP_POINTER/BUTTONPAD/SEMI_MT)"),
        Case(device: TestDevices.penTablet, expected: nil, basis: nil,
             reason: "pen tools without INPUT_PROP_DIRECT (graphics tablet: BTN_STYLUS)"),
        Case(device: TestDevices.wacomStyle, expected: nil, basis: nil,
             reason: "pen tools without INPUT_PROP_DIRECT (graphics tablet: BTN_TOOL_RUBBER, BTN_TOOL_MOUSE, BTN_STYLUS, BTN_STYLUS2, "
                + "ABS_PRESSURE, ABS_DISTANCE, ABS_TILT_X, ABS_TILT_Y, MSC_SERIAL)"),
        Case(device: TestDevices.pressureOnlyTablet, expected: nil, basis: nil,
             reason: "pen tools without INPUT_PROP_DIRECT (graphics tablet: ABS_PRESSURE)"),
        Case(device: TestDevices.penWithoutTouch, expected: nil, basis: nil,
             reason: "pen tools without INPUT_PROP_DIRECT and without BTN_TOUCH on ABS_X/ABS_Y (graphics tablet)"),
        Case(device: TestDevices.mouse, expected: nil, basis: nil, reason: "no absolute axes"),
        Case(device: TestDevices.joystick, expected: nil, basis: nil, reason: "ABS_X/ABS_Y without BTN_TOUCH or BTN_LEFT (tablet pad or joystick?)"),
    ]

    @Test(arguments: cases)
    func matrix(testCase: Case) {
        let result = TouchDeviceClassifier.classify(testCase.device)
        #expect(result.touchProtocol == testCase.expected)
        switch result {
        case .touchscreen(_, let basis): #expect(basis.name == testCase.basis)
        case .notTouchscreen(let reason): #expect(reason == testCase.reason)
        }
    }

    @Test func descriptionsNameTheBasis() {
        #expect("\(TouchDeviceClassifier.classify(TestDevices.singleTouch))" == "touchscreen: single-touch (BTN_TOUCH)")
        #expect("\(TouchDeviceClassifier.classify(TestDevices.unlistedPenController))"
            == "touchscreen: single-touch (BTN_TOUCH), pen-reporting touch controller (BTN_TOOL_PEN + BTN_TOUCH, no pressure, tilt or stylus buttons)")
        #expect("\(TouchDeviceClassifier.classify(TestDevices.eGalaxPen))"
            == "touchscreen: single-touch (BTN_TOUCH), known panel (built-in quirks line 12: 0eef:0001 touchscreen single-touch)")
    }

    @Test func configurationForcesTheClassBeforeTheQuirks() throws {
        let list = try DeviceMatchList(parsing: """
            # match…                                  class         protocol
            0eef:0001                                 tablet                      this kiosk's eGalax is not used
            name:"Synthetic Pen-Reporting*"           ignore
            name:"Synthetic Cheap Tablet" 256c:*      touchscreen   single-touch  a signing pad used as the panel
            06cb:0001                                 auto                        touchpad-like kiosk overlay
            1234:5678 name:"Synthetic Resistive*"     multitouch-b
            """)
        #expect(list.entries.count == 5)
        #expect(TouchDeviceClassifier.classify(TestDevices.eGalaxPen, matchList: list)
            == .notTouchscreen(reason: "a graphics tablet (match line 2: 0eef:0001 tablet)"))
        #expect(TouchDeviceClassifier.classify(TestDevices.unlistedPenController, matchList: list)
            == .notTouchscreen(reason: "ignored (match line 3: name:\"Synthetic Pen-Reporting*\" ignore)"))
        #expect(TouchDeviceClassifier.classify(TestDevices.pressureOnlyTablet, matchList: list)
            == .touchscreen(.singleTouch(contactButton: .touch), basis: .configuration(list.entries[2])))
        // auto: a device marked as a pointer is taken in by its axes.
        #expect(TouchDeviceClassifier.classify(TestDevices.touchpad, matchList: list)
            == .touchscreen(.multitouchSlots(slotCount: 5), basis: .configuration(list.entries[3])))
        // Forcing a protocol the device lacks is refused with a reason naming the line.
        #expect(TouchDeviceClassifier.classify(TestDevices.singleTouch, matchList: list) == .notTouchscreen(
            reason: "match line 6: 1234:5678 name:\"Synthetic Resistive*\" touchscreen multitouch-b forces multitouch-b but the device has no ABS_MT_POSITION_X/Y and ABS_MT_TRACKING_ID"))
        // Not listed: quirks, then capabilities.
        #expect(TouchDeviceClassifier.classify(TestDevices.eloStyle, matchList: list).touchProtocol == .singleTouch(contactButton: .buttonLeft))
        // A forced protocol on a real recording.
        let wetab = try #require(try Recordings.wetab().device)
        let single = try DeviceMatchList(parsing: "0eef:72a1 single-touch   eGalax: read ABS_X/ABS_Y + BTN_TOUCH")
        #expect(TouchDeviceClassifier.classify(wetab, matchList: single)
            == .touchscreen(.singleTouch(contactButton: .touch), basis: .configuration(single.entries[0])))
        // `touchscreen` cannot invent a contact button.
        #expect(TouchDeviceClassifier.classify(TestDevices.joystick, matchList: try DeviceMatchList(parsing: "0001:0002")).touchProtocol == nil)
    }

    @Test func brokenSlotRangesAreBounded() {
        var device = TestDevices.protocolB
        device.absoluteAxes[.multitouchSlot] = AbsoluteAxisInfo(minimum: Int32.min, maximum: Int32.max)
        #expect(TouchDeviceClassifier.classify(device).touchProtocol == .multitouchSlots(slotCount: TouchDeviceClassifier.maximumSlots))
    }
}
