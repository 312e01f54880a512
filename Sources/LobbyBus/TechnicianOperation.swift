import LobbyWire

/// One technician operation of `lobbyctl bus/board …`, run the same way directly on a port or
/// inside the daemon on the bus it owns.
public enum TechnicianOperation: Sendable, Equatable {
    /// Identify every address.
    case scan
    /// Read a board's frame buffer back.
    case show(DeviceAddress)
    /// Show a test pattern and read it back.
    case test(DeviceAddress, TestPattern)
    /// Blink or beep so the device can be found.
    case identify(DeviceAddress, seconds: UInt8)
    /// Give the device with a serial number a new address.
    case setAddress(serial: DeviceSerial, address: DeviceAddress)

    /// Test patterns by their command-line names.
    public static let patterns: [String: TestPattern] = [
        "allOn": .allOn, "allOff": .allOff, "checkerboard": .checkerboard, "rows": .rows, "columns": .columns,
    ]

    /// Whether the operation changes what devices show (the master repaints them afterwards).
    public var changesDevices: Bool {
        switch self {
        case .scan, .show: false
        case .test, .identify, .setAddress: true
        }
    }

    /// Runs the operation; the output is text for people and JSON for scripts, and `succeeded`
    /// is false when the device answered but the check failed (a test pattern read back wrong).
    public func run(on t: BusTechnician) throws(TechnicianError) -> TechnicianOutput {
        switch self {
        case .scan:
            let entries = t.scan()
            return TechnicianOutput(text: TechnicianFormat.text(entries), json: TechnicianFormat.json(entries))
        case .show(let address):
            let image = try t.readFrameBuffer(address)
            return TechnicianOutput(text: TechnicianFormat.art(image), json: TechnicianFormat.json(image))
        case .test(let address, let pattern):
            let ok = try t.testPattern(address, pattern)
            let name = Self.patterns.first { $0.value == pattern }?.key ?? "\(pattern)"
            return TechnicianOutput(
                text: ok ? "test pattern \(name) shown" : "the board did not show the test pattern \(name)",
                json: "{\"address\":\(address.rawValue),\"pattern\":\"\(name)\",\"matches\":\(ok)}", succeeded: ok)
        case .identify(let address, let seconds):
            try t.blink(address, seconds: seconds)
            return TechnicianOutput(text: "device \(AddressText.hex(address)) blinks for \(seconds) s",
                                    json: "{\"address\":\(address.rawValue),\"seconds\":\(seconds)}")
        case .setAddress(let serial, let address):
            let identity = try t.setAddress(serial: serial, to: address)
            return TechnicianOutput(
                text: "device \(TechnicianFormat.serialText(identity.serial)) now answers at \(AddressText.hex(address))",
                json: "{\"serial\":\"\(TechnicianFormat.serialText(identity.serial))\",\"address\":\(address.rawValue)}")
        }
    }
}

/// What a technician operation printed.
public struct TechnicianOutput: Sendable, Equatable {
    /// For people.
    public var text: String
    /// For scripts (a JSON document).
    public var json: String
    /// False when the check the operation made failed.
    public var succeeded: Bool

    /// Creates an output.
    public init(text: String, json: String, succeeded: Bool = true) {
        self.text = text
        self.json = json
        self.succeeded = succeeded
    }
}
