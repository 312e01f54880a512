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
    /// Give the device with a serial number a new address (unicast from `from` when given).
    case setAddress(serial: DeviceSerial, address: DeviceAddress, from: DeviceAddress? = nil)

    /// Whether the operation changes what devices show (the master repaints them afterwards).
    public var changesDevices: Bool {
        switch self {
        case .scan, .show: false
        case .test, .identify, .setAddress: true
        }
    }

    /// Runs the operation; the output is text for people and JSON for scripts, and `succeeded`
    /// is false when the device answered but the check failed (a test pattern read back wrong).
    /// `throughDaemon`: run by lobbyd on its own bus (it repaints the devices afterwards).
    public func run(on t: BusTechnician, throughDaemon: Bool = false) throws(TechnicianError) -> TechnicianOutput {
        switch self {
        case .scan:
            let entries = t.scan()
            return TechnicianOutput(text: TechnicianFormat.text(entries), json: TechnicianFormat.json(entries))
        case .show(let address):
            let image = try t.readFrameBuffer(address)
            return TechnicianOutput(
                text: TechnicianFormat.art(image, address: address), json: TechnicianFormat.json(image, address: address))
        case .test(let address, let pattern):
            let check = try t.testPattern(address, pattern)
            let repaint: RepaintAfterTest = throughDaemon ? .byDaemon : .atNextPoll
            return TechnicianOutput(
                text: TechnicianFormat.text(check, address: address, repaint: repaint),
                json: TechnicianFormat.json(check, address: address, repaint: repaint), succeeded: check.matches)
        case .identify(let address, let seconds):
            try t.blink(address, seconds: seconds)
            return TechnicianOutput(
                text: "device \(address) blinks for \(seconds) s", json: "{\"address\":\"\(address)\",\"seconds\":\(seconds)}")
        case .setAddress(let serial, let address, let from):
            let identity = try t.setAddress(serial: serial, to: address, from: from)
            return TechnicianOutput(
                text: "device \(identity.serial) (\(identity.kind)) now answers at \(address)",
                json: "{\"serial\":\"\(identity.serial)\",\"address\":\"\(address)\",\"kind\":\"\(identity.kind)\"}")
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
