import ArgumentParser
import Foundation
import LobbyCard
import LobbyIDReaders

/// `lobbyctl mrz watch`: reads an MRZ reader directly and prints one line per event (register under `mrz`).
struct MRZWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Show an MRZ reader coming and going and the documents it reads; personal data masked unless --reveal.",
        discussion: """
        Reads the reader directly (stop lobbyd's use of it first: the reader is grabbed exclusively).
        Without options: the keyboard-wedge reader at \(MRZWatchOptions.defaultDevicePath) (udev/74-lobby-mrz-readers.rules).
        --reveal is refused over SSH: personal data is shown only at the machine itself.
        """)

    @Flag(help: "Print JSON lines.") var json = false
    @Flag(help: "Show personal data and the raw lines unmasked (only on the machine itself, for a technician).") var reveal = false
    @Option(help: "A keyboard-wedge reader's event node (default \(MRZWatchOptions.defaultDevicePath)).") var device: String?
    @Option(name: .customLong("match"), help: "Find a keyboard-wedge reader by VID:PID or name:TEXT among all input devices (repeatable).")
    var matches: [String] = []
    @Option(help: "A serial (CDC-ACM) reader's tty, e.g. /dev/ttyACM0.") var serial: String?
    @Option(help: "Baud rate of the serial reader (default 9600).") var baud: UInt32?
    @Option(help: "Line timeout in milliseconds (default 300).") var timeout: Int?

    func run() async throws {
        let options = MRZWatchOptions(device: device, serial: serial, baud: baud, matches: matches,
                                      timeoutMilliseconds: timeout, reveal: reveal)
        let reader: MRZReaderConfiguration
        do {
            reader = try options.configuration()
        } catch {
            throw ValidationError(error.description)
        }
        if reveal, let refusal = MRZWatchOptions.revealRefusal(environment: ProcessInfo.processInfo.environment) {
            throw ValidationError(refusal)
        }
        let style = CardOutputStyle(json: json, reveal: reveal)
        for await event in MRZReaderMonitor(readers: [reader]).events() {
            FileHandle.standardOutput.write(Data((MRZWatchFormat.line(event, style: style) + "\n").utf8))
        }
    }
}
