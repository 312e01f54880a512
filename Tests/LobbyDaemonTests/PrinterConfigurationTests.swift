import Foundation
import LobbyDaemon
import LobbyTestSupport
import Testing

/// `devices.printers`: a profile and a link per printer, and the errors a technician gets.
@Suite("Printer configuration", .tags(.unit))
struct PrinterConfigurationTests {
    static func file(_ printers: String) -> String {
        """
        centre:
          name: {az: "Mərkəz"}
        agencies: [{id: ag, name: Agency}]
        services: [{id: s, agency: ag, name: S, prefix: A}]
        windows: [{number: 1, agency: ag, services: {s: 1}}]
        devices:
          printers:
        \(printers)
        """
    }

    func message(_ printers: String) -> String {
        do {
            _ = try ConfigurationLoader.parse(Self.file(printers), file: "p.yaml")
            return "no error"
        } catch { return error.description }
    }

    @Test("queues may be names or entries with their own profile and serial speed")
    func entries() throws {
        let config = try ConfigurationLoader.parse(Self.file("""
                profile: generic-80mm
                idleProbeSeconds: 20
                statusURL: "https://queue.example.az/t/{token}"
                queues:
                  - kiosk1-a
                  - {queue: kiosk1-b, profile: /etc/lobby/printer-profiles/generic-58mm.json, baud: 19200}
                  - {queue: kiosk1-c, profile: epson-tm-t88-80mm}
            """), file: "p.yaml")
        let printing = try #require(config.printing)
        #expect(printing.queues == ["kiosk1-a", "kiosk1-b", "kiosk1-c"])
        #expect(printing.printers[1] == PrinterEntry(queue: "kiosk1-b", profile: "/etc/lobby/printer-profiles/generic-58mm.json", baud: 19200))
        #expect(printing.profile(of: "kiosk1-a") == "generic-80mm")
        #expect(printing.profile(of: "kiosk1-c") == "epson-tm-t88-80mm")
        #expect(printing.idleProbeSeconds == 20)
        #expect(printing.faultProbeSeconds == 10)
    }

    @Test("a bad entry names its line and field")
    func errors() {
        #expect(message("      queues: [{queue: a, baud: 9601}]") == "p.yaml:8:33: devices.printers.queues[0].baud: baud 9601 is not one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200")
        #expect(message("      queues: [a, {queue: a}]") == "p.yaml:8:19: devices.printers.queues[1]: queue 'a' is listed twice")
        #expect(message("      queues: [{profile: x}]") == "p.yaml:8:16: devices.printers.queues[0]: missing field 'queue' (the CUPS queue name)")
        #expect(message("      queues: [{queue: a, speed: 9}]").hasSuffix("unknown field 'speed'; expected one of: queue, profile, baud"))
    }
}
