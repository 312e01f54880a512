import Foundation
import Glibc
import LobbyEvdev
import LobbyTouch
import LobbyTestSupport
import Testing

@Suite(.tags(.unit))
struct TouchListTests {
    static let entries = [
        InputDeviceEntry(path: "/dev/input/event0", description: TestDevices.keyboard, grab: .free),
        InputDeviceEntry(path: "/dev/input/event1", description: TestDevices.tablet, grab: .grabbedElsewhere),
        InputDeviceEntry(path: "/dev/input/event2", description: TestDevices.multitouch, grab: .unknown,
                         udev: UdevDeviceRecord(properties: [UdevDeviceRecord.calibrationMatrixKey: "-1 0 1 0 -1 1"])),
        InputDeviceEntry(path: "/dev/input/event3", failure: .openFailed(path: "/dev/input/event3", errno: EACCES),
                         udev: UdevDeviceRecord(properties: ["ID_INPUT_TOUCHSCREEN": "1"])),
    ]

    @Test func text() {
        let expected = """
            /dev/input/event0  0001:0001  "AT Translated Set 2 keyboard"
                not a touchscreen: no absolute axes
                grab: free
            /dev/input/event1  0627:0001  "QEMU QEMU USB Tablet"
                touchscreen: single-touch (BTN_LEFT)
                grab: grabbed-elsewhere  calibration: configured 1 0 0 0 1 0
                ABS_X 0..32767  ABS_Y 0..32767
            /dev/input/event2  1209:0001  "Synthetic Multitouch Panel"  [selected]
                touchscreen: multitouch-b (10 slots)
                grab: unknown  calibration: udev -1 0 1 0 -1 1
                ABS_MT_SLOT 0..9  ABS_MT_POSITION_X 0..4095 (12/mm)  ABS_MT_POSITION_Y 0..4095 (12/mm)  ABS_MT_TRACKING_ID 0..65535
            /dev/input/event3  unreadable: cannot open /dev/input/event3: Permission denied (errno 13)
                udev calls it a touchscreen

            """
        #expect(TouchList.text(Self.entries) == expected)
    }

    /// The eGalax controller's nodes: the panel is selected and says why it is a touchscreen.
    @Test func penReportingPanelSaysWhy() throws {
        let entries = [InputDeviceEntry(path: "/dev/input/event3", description: TestDevices.eGalaxSibling, grab: .free),
                       InputDeviceEntry(path: "/dev/input/event4", description: TestDevices.eGalaxPen, grab: .free)]
        let text = TouchList.text(entries)
        #expect(text.contains("""
            /dev/input/event4  0eef:0001  "eGalax Inc. USB TouchController Touchscreen"  [selected]
                touchscreen: single-touch (BTN_TOUCH), known panel (built-in quirks line 12: 0eef:0001 touchscreen single-touch)
            """))
        func objects(_ matchList: DeviceMatchList) throws -> [[String: Any]] {
            try TouchList.jsonLines(entries, matchList: matchList).split(separator: "\n")
                .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        let byQuirk = try objects(DeviceMatchList())
        #expect(byQuirk[1]["basis"] as? String == "quirk")
        #expect(byQuirk[1]["forced"] as? Bool == false)
        #expect(byQuirk[1]["selected"] as? Bool == true)
        let forced = try objects(try DeviceMatchList(parsing: "name:\"eGalax Inc. USB TouchController Touchscreen\" touchscreen"))
        #expect(forced[1]["basis"] as? String == "configuration")
        #expect(forced[1]["forced"] as? Bool == true)
        #expect(forced[1]["basis_detail"] as? String
                == "forced by the configuration (match line 1: name:\"eGalax Inc. USB TouchController Touchscreen\" touchscreen)")
    }

    @Test func emptyDirectory() {
        #expect(TouchList.text([], directory: "/dev/input") == "No input devices in /dev/input.\n")
        #expect(TouchList.jsonLines([]) == "")
    }

    @Test func jsonLinesDecode() throws {
        let lines = TouchList.jsonLines(Self.entries).split(separator: "\n")
        #expect(lines.count == 4)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects[0]["touchscreen"] as? Bool == false)
        #expect(objects[0]["reason"] as? String == "no absolute axes")
        #expect(objects[1]["protocol"] as? String == "single-touch")
        #expect(objects[1]["grab"] as? String == "grabbed-elsewhere")
        #expect(objects[1]["selected"] as? Bool == false)
        let axes = try #require(objects[1]["axes"] as? [String: [String: Int]])
        #expect(axes["ABS_X"] == ["min": 0, "max": 32767, "resolution": 0])
        #expect(objects[2]["selected"] as? Bool == true)
        #expect(objects[2]["id"] as? String == "1209:0001")
        #expect(objects[2]["detail"] as? String == "multitouch-b (10 slots)")
        #expect(objects[2]["calibration_source"] as? String == "udev")
        #expect(objects[3]["error"] as? String == "cannot open /dev/input/event3: Permission denied (errno 13)")
    }
}
