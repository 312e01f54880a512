import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// USB device URIs, IEEE 1284 device IDs, the known-printer data file and discovery lines.
@Suite(.tags(.unit)) struct USBBackendRulesTests {
    @Test(arguments: [
        ("lobby-escpos:usb/0416:5011", USBPrinterAddress(vendorID: 0x0416, productID: 0x5011)),
        ("lobby-escpos:usb/04B8:0E15?serial=J7AF012345", USBPrinterAddress(vendorID: 0x04B8, productID: 0x0E15, serialNumber: "J7AF012345")),
        ("lobby-escpos:usb/1209:0001?serial=A%20B%2F1&interface=1", USBPrinterAddress(vendorID: 0x1209, productID: 0x0001, serialNumber: "A B/1", interfaceNumber: 1)),
        ("lobby-escpos:usb/0416:5011?port=1-1.4&status-timeout=2", USBPrinterAddress(vendorID: 0x0416, productID: 0x5011, portPath: "1-1.4")),
        ("lobby-escpos:usb?vid=0416&pid=5011", USBPrinterAddress(vendorID: 0x0416, productID: 0x5011)),
    ])
    func validUSBURIs(text: String, address: USBPrinterAddress) throws {
        let uri = try BackendDeviceURI(parsing: text)
        #expect(uri.transport == .usb(address))
    }

    @Test func usbURIsKeepTheCommonOptions() throws {
        let uri = try BackendDeviceURI(parsing: "lobby-escpos:usb/0416:5011?serial=X&status-timeout=0.5&retry-delay=0&write-timeout=4")
        #expect(uri.statusTimeout == .milliseconds(500))
        #expect(uri.retryDelay == .zero)
        #expect(uri.writeTimeout == .seconds(4))
    }

    @Test(arguments: [
        ("lobby-escpos:usb/416:5011", "USB vendor ID '416' must be four hex digits"),
        ("lobby-escpos:usb/0416:50g1", "USB product ID '50g1' must be four hex digits"),
        ("lobby-escpos:usb/0416", "expected usb/VID:PID (four hex digits each), not 'usb/0416'"),
        ("lobby-escpos:usb", "a USB URI needs usb/VID:PID (or vid= and pid= options)"),
        ("lobby-escpos:usb/0416:5011?interface=40", "interface '40' must be a number 0...31"),
        ("lobby-escpos:usb/0416:5011?port=1-0", "port '1-0' must be BUS-PORT[.PORT...] as in sysfs, e.g. 1-1.2"),
        ("lobby-escpos:usb/0416:5011?serial=%G1", "serial '%G1' has a bad %-escape"),
        ("lobby-escpos:usb/0416:5011?baud=9600", "unknown option 'baud'"),
    ])
    func invalidUSBURIsSayWhatIsWrong(text: String, message: String) {
        #expect(throws: BackendURIError(uri: text, message: message)) { try BackendDeviceURI(parsing: text) }
    }

    @Test(arguments: ["J7AF012345", "A B/1", "x&y=z?%", "ÄÖ"])
    func addressURIRoundTrips(serial: String) throws {
        let address = USBPrinterAddress(vendorID: 0x04B8, productID: 0x0202, serialNumber: serial, portPath: "2-1.3", interfaceNumber: 2)
        #expect(try BackendDeviceURI(parsing: address.uri).transport == .usb(address))
        #expect(!address.uri.contains(" "))
    }

    @Test func deviceIDFieldsAndReply() throws {
        let id = IEEE1284DeviceID("MFG:EPSON;CMD:ESC/POS,PJL ;MDL:TM-T20II;CLS:PRINTER;junk;")
        #expect(id.manufacturer == "EPSON")
        #expect(id.model == "TM-T20II")
        #expect(id.commandSets == ["ESC/POS", "PJL"])
        let text = Array("MANUFACTURER:Star;MODEL:TSP100;".utf8)
        let reply = [UInt8(0), UInt8(text.count + 2)] + text + [0, 0, 0]
        #expect(IEEE1284DeviceID(getDeviceIDReply: reply)?.model == "TSP100")
        #expect(IEEE1284DeviceID(getDeviceIDReply: [0, 2]) == nil)
        #expect(IEEE1284DeviceID(getDeviceIDReply: [0]) == nil)
    }

    static let shippedFile: [UInt8] = {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let file = "/" + path + "/Sources/LobbyEscPos/Profiles/usb/known-usb-printers.json"
        return (try? readBytes(file)) ?? []
    }()

    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let handle = fopen(path, "rb") else { throw DataFileError(file: path, field: "", message: "cannot open") }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, handle)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    @Test func theShippedKnownPrinterFileIsValid() throws {
        let catalog = try KnownUSBPrinterCatalog(files: [("known-usb-printers.json", Self.shippedFile)])
        #expect(catalog.printers.count >= 5)
        #expect(catalog.printer(vendorID: 0x0416, productID: 0x5011)?.profile == "generic-58mm")
        #expect(catalog.printer(vendorID: 0x1209, productID: 0x0001) == nil)
    }

    @Test(arguments: [
        (#"{"printers":[{"vendorId":"416","productId":"5011","make":"A","model":"B"}]}"#, "f.json: field 'printers[0].vendorId': '416' must be four hex digits, e.g. 04b8"),
        (#"{"printers":[{"vendorId":"0416","productId":"5011","make":"A","model":"B","colour":1}]}"#, "f.json: field 'printers[0].colour': unknown field (allowed: make, model, productId, profile, vendorId)"),
        (#"{"printers":[{"vendorId":"0416","productId":"5011","make":"A","model":"B"},{"vendorId":"0416","productId":"5011","make":"C","model":"D"}]}"#, "f.json: field 'printers[1].productId': 0416:5011 is listed twice"),
        (#"{"printers":[{"vendorId":"0416","productId":"5011","make":"A\"","model":"B"}]}"#, "f.json: field 'printers[0].make': must be non-empty text without double quotes"),
    ])
    func badKnownPrinterFilesNameTheField(json: String, message: String) {
        #expect(throws: DataFileError(file: "f.json", field: message.split(separator: "'")[1].description, message: String(message.split(separator: "': ", maxSplits: 1)[1]))) {
            try KnownUSBPrinterCatalog(files: [("f.json", Array(json.utf8))])
        }
    }

    @Test func localEntriesOverrideShippedOnes() throws {
        let shipped = try KnownUSBPrinterCatalog(files: [("a.json", Array(#"{"printers":[{"vendorId":"0416","productId":"5011","make":"A","model":"B"}]}"#.utf8))])
        let local = try KnownUSBPrinterCatalog(files: [("b.json", Array(#"{"printers":[{"vendorId":"0416","productId":"5011","make":"Local","model":"C"}]}"#.utf8))])
        #expect(shipped.merging(local).printer(vendorID: 0x0416, productID: 0x5011)?.make == "Local")
    }

    static let printerInterface = USBDeviceSummary.Interface(number: 0, interfaceClass: 7, interfaceSubClass: 1, interfaceProtocol: 2, bulkOut: 0x01, bulkIn: 0x82)
    static let vendorInterface = USBDeviceSummary.Interface(number: 0, interfaceClass: 0xFF, bulkOut: 0x01, bulkIn: 0x81)
    static let known = try! KnownUSBPrinterCatalog(files: [("k.json", Array(#"{"printers":[{"vendorId":"0416","productId":"5011","make":"Generic","model":"POS-58"}]}"#.utf8))])

    @Test func discoveryListsPrinterClassAndKnownVendorClassDevices() {
        let devices = [
            USBDeviceSummary(vendorID: 0x1209, productID: 0x0001, portPath: "1-1", manufacturer: "Lobby", product: "Sim", serialNumber: "S1",
                             interfaces: [Self.printerInterface], deviceID: IEEE1284DeviceID("MFG:Lobby;CMD:ESC/POS;MDL:Sim TM;")),
            USBDeviceSummary(vendorID: 0x0416, productID: 0x5011, portPath: "1-2", interfaces: [Self.vendorInterface]),
            USBDeviceSummary(vendorID: 0x0416, productID: 0x5011, portPath: "1-3", interfaces: [Self.vendorInterface]),
            USBDeviceSummary(vendorID: 0x1234, productID: 0x5678, portPath: "1-4", interfaces: [Self.vendorInterface]),
            USBDeviceSummary(vendorID: 0x0627, productID: 0x0001, portPath: "1-5",
                             interfaces: [.init(number: 0, interfaceClass: 3, bulkOut: nil, bulkIn: nil)]),
        ]
        let lines = USBPrinterDiscovery.printers(in: devices, known: Self.known).map(\.cupsLine)
        #expect(lines == [
            #"direct lobby-escpos:usb/1209:0001?serial=S1 "Lobby Sim TM" "Lobby Sim TM ESC/POS (USB 1209:0001, printer class) serial S1" "MFG:Lobby;CMD:ESC/POS;MDL:Sim TM;""#,
            #"direct lobby-escpos:usb/0416:5011?port=1-2 "Generic POS-58" "Generic POS-58 ESC/POS (USB 0416:5011, vendor class)" "MFG:Generic;MDL:POS-58;CMD:ESC/POS;CLS:PRINTER;""#,
            #"direct lobby-escpos:usb/0416:5011?port=1-3 "Generic POS-58" "Generic POS-58 ESC/POS (USB 0416:5011, vendor class)" "MFG:Generic;MDL:POS-58;CMD:ESC/POS;CLS:PRINTER;""#,
        ])
    }

    @Test func aPrinterClassDeviceWithoutIDOrStringsAndWithoutBulkIn() {
        var interface = Self.printerInterface
        interface.bulkIn = nil
        interface.number = 1
        let device = USBDeviceSummary(vendorID: 0x0ABC, productID: 0x0DEF, portPath: "3-2", manufacturer: "Acme \"Q\"", interfaces: [interface])
        let printer = USBPrinterDiscovery.printers(in: [device], known: KnownUSBPrinterCatalog())
        #expect(printer.map(\.cupsLine) == [
            #"direct lobby-escpos:usb/0abc:0def?interface=1 "Acme ?Q? ESC/POS printer" "Acme ?Q? ESC/POS printer ESC/POS (USB 0abc:0def, printer class, no status read-back)" "MFG:Acme ?Q?;MDL:ESC/POS printer;CLS:PRINTER;""#,
        ])
    }

    @Test func interfaceChoice() {
        let storage = USBDeviceSummary.Interface(number: 0, interfaceClass: 8, bulkOut: 0x02, bulkIn: 0x81)
        var oneWay = Self.printerInterface
        oneWay.number = 1
        oneWay.alternateSetting = 0
        oneWay.bulkIn = nil
        var twoWay = Self.printerInterface
        twoWay.number = 1
        twoWay.alternateSetting = 1
        let device = USBDeviceSummary(vendorID: 1, productID: 2, interfaces: [storage, oneWay, twoWay])
        #expect(device.printerInterface(requested: nil, allowVendorClass: false) == twoWay, "bidirectional alternate preferred")
        #expect(device.printerInterface(requested: 0, allowVendorClass: false) == storage, "the URI's interface wins")
        #expect(USBDeviceSummary(vendorID: 1, productID: 2, interfaces: [Self.vendorInterface]).printerInterface(requested: nil, allowVendorClass: false) == nil)
        #expect(device.matches(USBPrinterAddress(vendorID: 1, productID: 2)))
        #expect(!device.matches(USBPrinterAddress(vendorID: 1, productID: 2, serialNumber: "X")))
    }

    @Test func unusableDeviceStopsTheQueue() {
        let verdict = BackendStatusPolicy.verdict(forUnusableDevice: "USB printer 0416:5011: access denied: open: permission denied")
        #expect(verdict.exitCode == .stop)
        #expect(verdict.lines == ["STATE: +other-error", "ERROR: USB printer 0416:5011: access denied: open: permission denied"])
    }
}
