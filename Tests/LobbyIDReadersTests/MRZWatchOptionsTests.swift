import LobbyIDReaders
import LobbyTouch
import LobbyTestSupport
import Testing

@Suite("mrz watch options", .tags(.unit))
struct MRZWatchOptionsTests {
    @Test func defaultsToTheUdevNode() throws {
        let reader = try MRZWatchOptions().configuration()
        #expect(reader.kind == .keyboardWedge(WedgeReaderSource(devicePath: "/dev/lobby/mrz-reader")))
        #expect(reader.lineTimeout == .milliseconds(300))
    }

    @Test func serialWithBaudAndTimeout() throws {
        let reader = try MRZWatchOptions(serial: "/dev/ttyACM0", baud: 115_200, timeoutMilliseconds: 150).configuration()
        #expect(reader.kind == .serial(SerialReaderSource(path: "/dev/ttyACM0", baud: 115_200)))
        #expect(reader.lineTimeout == .milliseconds(150))
        #expect(try MRZWatchOptions(serial: "/dev/ttyACM0").configuration().kind == .serial(SerialReaderSource(path: "/dev/ttyACM0", baud: 9_600)))
    }

    @Test func matchesAmongAllInputDevices() throws {
        let reader = try MRZWatchOptions(matches: ["1209:4d52", "name:OCR"]).configuration()
        let expected = WedgeReaderMatchList([.vendorProduct(VendorProductID(vendor: 0x1209, product: 0x4d52)), .name("OCR")])
        #expect(reader.kind == .keyboardWedge(WedgeReaderSource(matches: expected)))
    }

    @Test(arguments: [
        (MRZWatchOptions(device: "/dev/input/event3", serial: "/dev/ttyACM0"), "--serial cannot be combined with --device or --match"),
        (MRZWatchOptions(device: "/dev/input/event3", matches: ["1209:4d52"]), "give --device or --match, not both"),
        (MRZWatchOptions(baud: 9_600), "--baud goes with --serial"),
        (MRZWatchOptions(serial: "/dev/ttyACM0", baud: 9_601), "--baud 9601 is not a standard rate (1200 … 921600)"),
        (MRZWatchOptions(timeoutMilliseconds: 5), "--timeout is in milliseconds, 20 to 10000; got 5"),
        (MRZWatchOptions(matches: ["4d52"]), "--match '4d52' is neither VID:PID (like 0db5:013a) nor name:TEXT"),
    ])
    func refusesWrongUsage(options: MRZWatchOptions, message: String) {
        #expect(throws: MRZWatchOptions.UsageError(description: message)) { try options.configuration() }
    }

    @Test func revealIsRefusedOverSSH() {
        #expect(MRZWatchOptions.revealRefusal(environment: ["TERM": "linux"]) == nil)
        #expect(MRZWatchOptions.revealRefusal(environment: ["SSH_CONNECTION": ""]) == nil)
        let refusal = MRZWatchOptions.revealRefusal(environment: ["SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"])
        #expect(refusal?.contains("only allowed on the machine itself") == true)
        #expect(refusal?.contains("SSH_CONNECTION") == true)
    }
}
