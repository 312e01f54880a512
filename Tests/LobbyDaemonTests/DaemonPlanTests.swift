import Foundation
import LobbyConfiguration
import LobbyTestSupport
import Testing

@testable import LobbyDaemon

/// What lobbyd runs follows from configuration, options and environment alone.
@Suite("Daemon plan", .tags(.unit))
struct DaemonPlanTests {
    static let centre = """
    centre:
      name: {en: "Plan"}
    agencies:
      - {id: ag, name: Agency}
    services:
      - {id: passport, agency: ag, name: Passport, prefix: P}
    windows:
      - {number: 1, agency: ag, services: {passport: 1}}
    api:
      listen: 127.0.0.1:8420
      socket: /run/lobby/lobbyd.sock
    """

    static func plan(_ extra: String = "", options: DaemonOptions = DaemonOptions(), environment: [String: String] = [:]) throws -> DaemonPlan {
        let config = try ConfigurationLoader.parse(centre + "\n" + extra, file: "lobby.yaml")
        return DaemonPlan.make(configuration: Daemon.apply(options, to: config), options: options, environment: environment)
    }

    @Test("a centre without devices runs the queue and both listeners, socket before TCP, and loads no device library")
    func withoutDevices() throws {
        let plan = try Self.plan()
        #expect(plan.devices == .configured)
        #expect(plan.parts == [.queue, .socketListener(path: "/run/lobby/lobbyd.sock"), .tcpListener(host: "127.0.0.1", port: 8420),
                               .streamCloser, .watchdog(microseconds: nil)])
        #expect(plan.libraries.isEmpty)
    }

    @Test("command-line overrides: no socket, another port")
    func overrides() throws {
        var options = DaemonOptions()
        options.socketPath = "none"
        options.port = 0
        let plan = try Self.plan(options: options)
        #expect(!plan.parts.contains { if case .socketListener = $0 { true } else { false } })
        #expect(plan.parts.contains(.tcpListener(host: "127.0.0.1", port: 0)))
    }

    @Test("printers add the printer monitor and the printing libraries; the watchdog runs at half systemd's interval")
    func printersAndWatchdog() throws {
        let plan = try Self.plan("""
        devices:
          printers:
            queues: [kiosk-a]
            statusURL: "https://queue.example.az/t/{token}"
            faultProbeSeconds: 10
        """, environment: ["WATCHDOG_USEC": "20000000"])
        #expect(plan.parts.contains(.printerMonitor(seconds: 2)))
        #expect(plan.parts.contains(.watchdog(microseconds: 10_000_000)))
        #expect(plan.libraries.contains(.cups))
        #expect(!plan.parts.contains(.buses) && !plan.parts.contains(.kiosk))
    }

    @Test("the demo simulates its devices (no CUPS) and adds simulated traffic last")
    func demo() throws {
        var options = DaemonOptions()
        options.demo = true
        options.demoSpeed = 4
        var config = try ConfigurationLoader.parse(Self.centre, file: "lobby.yaml")
        config.printing = PrintingConfiguration(queues: ["demo-kiosk-a"], statusURL: "https://queue.example.az/t/{token}")
        let plan = DaemonPlan.make(configuration: config, options: options, environment: [:])
        #expect(plan.devices == .simulated)
        #expect(plan.parts.last == .demoTraffic(speed: 4))
        #expect(!plan.libraries.contains(.cups))
        #expect(plan.libraries.contains(.cairo))
    }
}
