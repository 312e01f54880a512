import Foundation
import LobbyEvdev
import LobbyTouch
import LobbyTestSupport
import Testing

@Suite(.tags(.unit))
struct UdevDeviceRecordTests {
    static let vectors = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    @Test func parsesADatabaseFile() throws {
        let text = try String(contentsOf: Self.vectors.appendingPathComponent("udev-c13-67.txt"), encoding: .utf8)
        let record = try UdevDeviceRecord(parsing: text)
        #expect(record.properties["ID_INPUT_TOUCHSCREEN"] == "1")
        #expect(record.properties["LIBINPUT_DEVICE_GROUP"] == "3/eef/1:usb-0000:00:14.0-3")
        #expect(record.calibrationMatrixText == "0 -1 1 1 0 0")
        #expect(record.symlinks == ["input/by-path/pci-0000:00:14.0-usb-0:3:1.0-event",
                                    "input/by-id/usb-eGalax_Inc._USB_TouchController-event-if00", "lobby/touchscreen"])
        #expect(record.tags == ["seat", "systemd"])
        #expect(record.properties.count == 13)
        #expect(record.vendorProduct == VendorProductID(vendor: 0x0eef, product: 0x0001))
    }

    @Test func valuesKeepSpacesAndEqualsSignsAndCRLF() throws {
        let record = try UdevDeviceRecord(parsing: "E:A=x=y z\r\nE:EMPTY=\r\n\r\nV:1\r\n")
        #expect(record.properties == ["A": "x=y z", "EMPTY": ""])
    }

    @Test(arguments: [
        ("E:ID_INPUT=1\nE:NOEQUALS\n", "line 2: property 'NOEQUALS' has no '='"),
        ("E:=1\n", "line 1: property with an empty name"),
        ("E:A=1\n\ngarbage line\n", "line 3: 'garbage line' is not a 'X:value' line"),
        ("1:x\n", "line 1: '1:x' is not a 'X:value' line"),
    ])
    func refusesMalformedLines(text: String, message: String) {
        #expect(throws: UdevDeviceRecord.ParseError.self) { try UdevDeviceRecord(parsing: text) }
        do {
            _ = try UdevDeviceRecord(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func fileNameOfACharacterDevice() {
        #expect(UdevDeviceRecord.fileName(major: 13, minor: 65) == "c13:65")
    }

    @Test func touchscreenByUdevOrByMatchList() throws {
        let elo = UdevDeviceRecord(properties: ["ID_INPUT_MOUSE": "1", "ID_VENDOR_ID": "04e7", "ID_MODEL_ID": "0020"])
        let list = try DeviceMatchList(parsing: "04e7:0020 single-touch Elo 2700\n")
        #expect(!elo.describesTouchscreen(matchList: DeviceMatchList()))
        #expect(elo.describesTouchscreen(matchList: list))
        #expect(UdevDeviceRecord(properties: ["ID_INPUT_TOUCHSCREEN": "1"]).describesTouchscreen(matchList: DeviceMatchList()))
        #expect(!UdevDeviceRecord(properties: ["ID_INPUT_KEYBOARD": "1"]).describesTouchscreen(matchList: list))
        // udev calls the eGalax pen panel a tablet; the built-in quirk makes it a touchscreen,
        // a configured `tablet` or `ignore` line wins over both.
        let eGalax = UdevDeviceRecord(properties: ["ID_INPUT_TABLET": "1", "ID_VENDOR_ID": "0eef", "ID_MODEL_ID": "0001"])
        #expect(eGalax.describesTouchscreen(matchList: DeviceMatchList()))
        #expect(!eGalax.describesTouchscreen(matchList: DeviceMatchList(), quirks: DeviceMatchList()))
        #expect(!eGalax.describesTouchscreen(matchList: try DeviceMatchList(parsing: "0eef:0001 tablet")))
        let ignored = UdevDeviceRecord(properties: ["ID_INPUT_TOUCHSCREEN": "1", "ID_VENDOR_ID": "1209", "ID_MODEL_ID": "0009"])
        #expect(!ignored.describesTouchscreen(matchList: try DeviceMatchList(parsing: "1209:* ignore")))
    }
}

@Suite(.tags(.unit))
struct CalibrationChoiceTests {
    static let configured = CalibrationMatrix(a: 1.1, b: 0, c: -0.05, d: 0, e: 1.2, f: -0.1)

    @Test func withoutUdevTheConfiguredMatrixIsUsed() {
        #expect(CalibrationChoice.choose(udev: nil, configured: Self.configured)
                == CalibrationChoice(matrix: Self.configured, source: .configured))
        #expect(CalibrationChoice.choose(udev: UdevDeviceRecord(properties: ["ID_INPUT": "1"]), configured: Self.configured)
                == CalibrationChoice(matrix: Self.configured, source: .configured))
    }

    @Test func aValidUdevPropertyWins() {
        let record = UdevDeviceRecord(properties: [UdevDeviceRecord.calibrationMatrixKey: "0 -1 1 1 0 0"])
        let choice = CalibrationChoice.choose(udev: record, configured: Self.configured)
        #expect(choice.source == .udev)
        #expect(choice.matrix == ScreenRotation.clockwise90.matrix)
        #expect(choice.problem == nil)
    }

    @Test(arguments: [
        ("1 0 0", "found 3"),
        ("1 0 x 0 1 0", "value c is not a number: 'x'"),
        ("0 0 0 0 0 0", "singular"),
    ])
    func anInvalidUdevPropertyFallsBackWithTheReason(value: String, reason: String) {
        let record = UdevDeviceRecord(properties: [UdevDeviceRecord.calibrationMatrixKey: value])
        let choice = CalibrationChoice.choose(udev: record, configured: Self.configured)
        #expect(choice.source == .configured)
        #expect(choice.matrix == Self.configured)
        #expect(choice.problem?.contains(reason) == true, "\(choice.problem ?? "nil")")
        #expect(choice.problem?.contains("'\(value)'") == true)
    }
}
