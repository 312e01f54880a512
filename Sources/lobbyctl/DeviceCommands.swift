import ArgumentParser
import Foundation
import LobbyBus
import LobbyClient
import LobbyCard
import LobbyConfiguration
import LobbyKiosk
import LobbyKioskRender
import LobbyQueue
import LobbySerial
import LobbyUSB
import LobbyWire

/// `lobbyctl kiosk …`: the kiosk's screens.
struct KioskCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kiosk", abstract: "The kiosk's screens.",
                                                    subcommands: [Screenshot.self, Status.self, Tap.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What the kiosk lobbyd drives shows now: screen, language, display, buttons.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let status = try connection.call("GET", "/api/v1/kiosk")
            connection.output(status) { KioskStatusFormat.text(status) }
        }
    }

    struct Tap: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tap the kiosk's screen at X Y (kiosk pixels), as a finger would (remote support).")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Kiosk pixels from the left edge.") var x: Int
        @Argument(help: "Kiosk pixels from the top edge.") var y: Int

        func run() throws {
            let status = try connection.call("POST", "/api/v1/kiosk/tap", body: ["x": x, "y": y])
            connection.output(status) { KioskStatusFormat.text(status) }
        }
    }

    struct Screenshot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a kiosk screen to PNG (the centre's services from --config, else the sample centre).")
        @Option(help: "attract, language, categories, services, idDocument, appointment, confirm, printing, done, doneUnprinted, failure, checkIn, checkInFailure, priority.")
        var screen = "attract"
        @Option(help: "az, ru or en.") var language = "az"
        @Flag(help: "Large text and high contrast.") var accessible = false
        @Option(help: "Screen size WIDTHxHEIGHT.") var size = "1080x1920"
        @Option(name: .shortAndLong, help: "The configuration file (default /etc/lobby/lobby.yaml when it exists).") var config: String?
        @Option(help: "Directory of the kiosk's translation files.") var strings: String?
        @Option(help: "Write the PNG here.") var out: String
        @Flag(help: "Print what was written as JSON.") var json = false

        /// `kiosk screenshot --json`.
        struct Written: Encodable {
            let screen: String
            let language: String
            let accessible: Bool
            let width: Int
            let height: Int
            let path: String
        }

        func run() throws {
            guard let name = ScreenName(rawValue: screen) else {
                throw CLIError.usage("unknown screen '\(screen)'; one of \(ScreenName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let lang = Language(rawValue: language) else { throw CLIError.usage("--language must be az, ru or en") }
            let parts = size.split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, parts.allSatisfy({ $0 >= 200 && $0 <= 8000 }) else { throw CLIError.usage("--size must be WIDTHxHEIGHT, e.g. 1080x1920") }
            let path = config ?? (FileManager.default.fileExists(atPath: "/etc/lobby/lobby.yaml") ? "/etc/lobby/lobby.yaml" : nil)
            let centre: CentreConfiguration
            do {
                centre = try path.map { try ConfigurationLoader.load(path: $0).centre }
                    ?? ConfigurationLoader.parse(SampleCentre.yaml, file: "sample centre").centre
            } catch {
                throw CLIError.failed("configuration-error", "\(error)", exitCode: 78)
            }
            let texts: KioskStrings
            do {
                texts = try strings.map { try KioskStringFiles.load(directory: $0) } ?? KioskStringFiles.load()
            } catch {
                throw CLIError.failed("bad-data", "\(error)", exitCode: 65)
            }
            do {
                try KioskScreenshot.write(name, language: lang, accessible: accessible, geometry: KioskGeometry(width: parts[0], height: parts[1]),
                                          centre: centre, strings: texts, to: out)
            } catch {
                throw CLIError.failed("cannot-write", "cannot write \(out): \(error)", exitCode: 73)
            }
            if json {
                try printJSON(Written(screen: screen, language: language, accessible: accessible, width: parts[0], height: parts[1], path: out))
            } else {
                print("\(screen) (\(language)\(accessible ? ", accessible" : "")) written to \(out)")
            }
        }
    }
}

/// `lobbyctl card …`: smart-card readers, read directly over USB.
struct CardCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "card", abstract: "Smart-card readers (directly over USB; stop lobbyd's use of them first).",
                                                    subcommands: [List.self, Watch.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List CCID readers, their exchange level and slots, and whether a card is in.")
        @Flag(help: "Print a JSON array, one object per reader ([] when there is none).") var json = false

        func run() async throws {
            let readers = await CardReaderMonitor().snapshot()
            guard json else { return FileHandle.standardOutput.write(Data(CardList.render(readers, style: CardOutputStyle(json: false)).utf8)) }
            let objects = readers.sorted { $0.device < $1.device }.map { JSONLine.render(CardList.json($0)) }
            print("[" + objects.joined(separator: ",\n") + "]")
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show readers and cards coming and going, the ATR and what was read; personal data masked unless --reveal.")
        @Flag(help: "Print JSON lines.") var json = false
        @Flag(help: "Show personal data unmasked (only on the machine itself, for a technician).") var reveal = false

        func run() async throws {
            let style = CardOutputStyle(json: json, reveal: reveal)
            for await event in CardReaderMonitor().events() {
                FileHandle.standardOutput.write(Data((CardWatch.line(event, style: style) + "\n").utf8))
            }
        }
    }
}

/// Options shared by the bus commands: directly on a port, or through lobbyd on a bus it drives.
struct BusPortOptions: ParsableArguments {
    @Option(help: "Work directly on this serial port (e.g. /dev/lobby/rs485-hall, tcp:HOST:PORT or unix:PATH); lobbyd must not be using it. Without it, lobbyctl asks lobbyd.")
    var port: String?
    @Option(help: "Baud rate (with --port).") var baud: UInt32 = 115_200
    @Option(help: "Which of lobbyd's buses (by its configured name; not needed when there is one).") var bus: String?
    @OptionGroup var connection: ConnectionOptions

    var json: Bool { connection.json }

    func technician() throws -> BusTechnician {
        guard let port else { throw CLIError.usage("give --port to work directly on a serial port") }
        do {
            return try BusTechnician(endpoint: SerialEndpoint(parsing: port), baud: baud)
        } catch {
            throw CLIError.portUnavailable("cannot open \(port): \(error) (is lobbyd using this port? leave out --port to go through lobbyd)")
        }
    }

    /// Runs `operation` directly on `--port`, or through lobbyd; prints its text or JSON.
    func run(_ operation: TechnicianOperation, extra: [String: Any] = [:]) throws {
        let output: TechnicianOutput
        if port != nil {
            let t = try technician()
            defer { t.close() }
            do {
                output = try operation.run(on: t)
            } catch {
                throw CLIError.deviceError(error.description)
            }
        } else {
            var body = extra
            if let bus { body["bus"] = bus }
            // A scan visits 225 addresses: allow it the time a slow bus needs.
            let answer = try connection.call("POST", "/api/v1/buses/technician", body: body, timeout: 120)
            let result = answer["result"].flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed, .sortedKeys]) }
            output = TechnicianOutput(text: answer["text"] as? String ?? "", json: result.map { String(decoding: $0, as: UTF8.self) } ?? "null",
                                      succeeded: answer["succeeded"] as? Bool ?? true)
        }
        guard output.succeeded else {
            // The device answered but the check failed: text as usual, with --json the error
            // object carrying what was read back.
            if !json { print(output.text) }
            throw CLIError.failed("check-failed", output.text.split(separator: "\n").first.map(String.init) ?? output.text,
                                  result: AnyJSON(text: output.json))
        }
        print(json ? output.json : output.text)
    }
}

/// Parses a device address written in hex, with or without `0x` (`0x11`, `11`: a board's
/// power-on screen shows `@11`): 0x10…0xEF, or 0xFE for an unassigned device.
func parseAddress(_ text: String) throws -> DeviceAddress {
    guard let address = DeviceAddress(text: text) else { throw CLIError.usage("an address is hex like 0x11, got '\(text)'") }
    guard address.isAssignableDeviceAddress || address == .unassigned else {
        throw CLIError.usage("device addresses are 0x10 to 0xEF, and 0xFE for an unassigned device; got \(address)")
    }
    return address
}

/// `lobbyctl bus …`: scan a bus.
struct BusCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bus", abstract: "Serial buses of boards and keypads (through lobbyd, or directly with --port).",
                                                    subcommands: [Scan.self, BusMonitorCommand.self])

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find every device on the bus: address, kind, geometry, firmware, serial.")
        @OptionGroup var bus: BusPortOptions

        func run() throws { try bus.run(.scan, extra: ["op": "scan"]) }
    }
}

/// `lobbyctl board …`: one board.
struct BoardCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "board", abstract: "LED boards (through lobbyd, or directly with --port).",
                                                    subcommands: [Show.self, Test.self, Identify.self, SetAddress.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print what the board shows now, read back from it, as text art.")
        @OptionGroup var bus: BusPortOptions
        @Argument(help: "The board's address, e.g. 0x11.") var address: String

        func run() throws {
            let board = try parseAddress(address)
            try bus.run(.show(board), extra: ["op": "show", "address": board.description])
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a test pattern (allOn, allOff, checkerboard, rows, columns), read it back and say whether every pixel matched; exit 1 if not.")
        @OptionGroup var bus: BusPortOptions
        @Argument(help: "The board's address, e.g. 0x11.") var address: String
        @Option(help: "allOn, allOff, checkerboard, rows or columns.") var pattern = "checkerboard"

        func run() throws {
            guard let p = TestPattern(name: pattern) else {
                throw CLIError.usage("unknown pattern '\(pattern)'; one of \(TestPattern.allCases.map(\.description).joined(separator: ", "))")
            }
            let board = try parseAddress(address)
            try bus.run(.test(board, p), extra: ["op": "test", "address": board.description, "pattern": p.description])
        }
    }

    struct Identify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make the board blink (a keypad beep) so it can be found.")
        @OptionGroup var bus: BusPortOptions
        @Argument(help: "The device's address, e.g. 0x11.") var address: String
        @Option(help: "How long, 1 to 255 s.") var seconds: UInt8 = 10

        func run() throws {
            let device = try parseAddress(address)
            try bus.run(.identify(device, seconds: seconds), extra: ["op": "identify", "address": device.description, "seconds": Int(seconds)])
        }
    }

    struct SetAddress: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-address",
                                                        abstract: "Give the device with this serial number a new address (never by broadcast).")
        @OptionGroup var bus: BusPortOptions
        @Option(help: "The device's serial number (hex, as bus scan prints it).") var serial: String
        @Option(help: "The new address, e.g. 0x12.") var address: String
        @Option(help: "The device's current address: ask it there (it answers from the new one); default: by broadcast, whatever its address.")
        var from: String?

        func run() throws {
            guard let device = DeviceSerial(text: serial) else { throw CLIError.usage("--serial is 1 to 16 hex digits, got '\(serial)'") }
            let target = try parseAddress(address)
            let current = try from.map(parseAddress)
            var extra: [String: Any] = ["op": "set-address", "serial": device.description, "address": target.description]
            if let current { extra["from"] = current.description }
            try bus.run(.setAddress(serial: device, address: target, from: current), extra: extra)
        }
    }
}

/// `lobbyctl keypad watch`: live key events of one keypad.
struct KeypadCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keypad", abstract: "Window keypads (through lobbyd, or directly with --port).",
                                                    subcommands: [Watch.self])

    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a keypad's key and vote events as they happen (through lobbyd: every keypad unless ADDR is given).")
        @OptionGroup var bus: BusPortOptions
        @Argument(help: "The keypad's address, e.g. 0x31 (required with --port).") var address: String?
        @Option(help: "Stop after this many polls (with --port; default: until Ctrl-C).") var polls = Int.max
        @Option(help: "Stop after this many events.") var count: Int?

        func run() throws {
            if let count, count <= 0 { throw CLIError.usage("--count must be positive") }
            var printed = 0
            guard bus.port != nil else { return try throughDaemon() }
            guard let address else { throw CLIError.usage("give the keypad's address with --port") }
            let keypad = try parseAddress(address)
            let t = try bus.technician()
            defer { t.close() }
            do {
                try t.watchKeypad(keypad, polls: polls) { event in
                    guard count.map({ printed < $0 }) ?? true else { return }
                    print(bus.json ? TechnicianFormat.json(event, address: keypad) : TechnicianFormat.text(event))
                    printed += 1
                }
            } catch {
                throw CLIError.deviceError(error.description)
            }
        }

        private func throughDaemon() throws {
            var query: [String] = []
            if let name = bus.bus { query.append("bus=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)) }
            if let address { query.append("address=" + (try parseAddress(address)).description) }
            let path = "/api/v1/buses/keypad-events" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
            var printed = 0
            try bus.connection.stream(path) { line in
                guard line.hasPrefix("data: "),
                      let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any] else { return true }
                let text: String
                if bus.json, let event = object["event"], let data = try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]) {
                    text = String(decoding: data, as: UTF8.self)
                } else {
                    let from = (object["event"] as? [String: Any])?["address"] as? String ?? "?"
                    text = "\(object["bus"] as? String ?? "")/\(from) \(object["text"] as? String ?? "")"
                }
                FileHandle.standardOutput.write(Data((text + "\n").utf8))
                printed += 1
                return count.map { printed < $0 } ?? true
            }
        }
    }
}
