import LobbyBusSimulator
import LobbyConfiguration
import LobbyPrinting
import LobbyQueue
import LobbyWire

/// The simulated devices of `lobbyd --demo`: an LED board above every window and a hall board on
/// a bus simulated over a pseudo-terminal (driven by lobbyd's real bus master), a headless kiosk
/// that technicians can look at and tap through the API, and the kiosk's two ticket printers
/// (simulated queues: the real rendering, pool and failover print into memory).
final class DemoDevices {
    /// The kiosk's ticket printers, first and fallback.
    static let printers = ["demo-kiosk-a", "demo-kiosk-b"]
    /// The simulated printer queues the printing pool prints to.
    let printerPort = SimulatedPrinterPort(printers: DemoDevices.printers.map { PrinterID($0) }, serverName: "demo")
    /// The simulated bus (stopped with `stop()`).
    let bus: BusSimulator
    /// The bus's configuration for lobbyd.
    let busConfiguration: BusPortConfiguration
    /// The headless kiosk's configuration.
    let kiosk: KioskDeviceConfiguration

    /// Boards for `windows` (addresses 0x11 upwards) and a hall board at 0x10.
    init(windows: [WindowID]) throws {
        bus = try BusSimulator()
        var devices: [BusDeviceEntry] = [BusDeviceEntry(address: 0x10, use: .hallBoard)]
        _ = bus.addBoard(address: DeviceAddress(0x10), kind: .hallBoard, lines: 4, columns: 16, serial: 0xDE40_0010)
        for (index, window) in windows.prefix(0xDF - 0x11).enumerated() {
            let address = UInt8(0x11 + index)
            devices.append(BusDeviceEntry(address: address, use: .windowBoard(window)))
            _ = bus.addBoard(address: DeviceAddress(address), serial: 0xDE40_0000 + UInt64(address))
        }
        bus.start()
        busConfiguration = BusPortConfiguration(
            name: "demo", port: bus.portPath, baud: 115_200, protocolName: .lobby, rs485: false,
            minimumCallDisplayMilliseconds: 3_000, voteTimeoutSeconds: 60, devices: devices)
        var k = KioskDeviceConfiguration()
        k.name = "demo"
        k.display = .none
        k.touchscreen = false
        kiosk = k
    }

    /// The printers' configuration; the tickets' QR codes open lobbyd's ticket page at `statusBase`.
    func printing(statusBase: String) -> PrintingConfiguration {
        PrintingConfiguration(queues: Self.printers, statusURL: statusBase + "/t/{token}")
    }

    /// Stops the simulated devices.
    func stop() { bus.stop() }
}
