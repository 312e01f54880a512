@preconcurrency import Glibc
import LobbyProbeSupport
import Foundation
import LobbyCard
import LobbyEvdev
import LobbyIDReaders

// lobby-mrz-probe: drives the MRZ reader edge against a real kernel (inside the QEMU lab guest)
// and runs the library code of `lobbyctl mrz watch` for tests.
//
//   lobby-mrz-probe uinput VECTOR-DIR     virtual wedge reader: hotplug, grab, synthetic MRZs typed
//                                         by keycode, noise, cut-off zone, unplug/replug; PASS/FAIL lines
//   lobby-mrz-probe hold [SECONDS]        creates the virtual reader and a kiosk keyboard, keeps them (udevadm test)
//   lobby-mrz-probe type                  a virtual reader typing the documents read from standard input
//                                         (one per line, `|` between zone lines) until it ends
//   lobby-mrz-probe bench VECTOR-DIR [N]  assembly and parsing cost per document (not a test)
//   lobby-mrz-probe watch [--json] [--reveal] [--device PATH | --match M | --serial PATH [--baud B]]
//                         [--timeout MS] [--exit-after N]      what `lobbyctl mrz watch` prints

let usage = """
    usage: lobby-mrz-probe uinput VECTOR-DIRECTORY
           lobby-mrz-probe hold [SECONDS]
           lobby-mrz-probe type              (documents on standard input, one per line, `|` between zone lines)
           lobby-mrz-probe bench VECTOR-DIRECTORY [ITERATIONS]
           lobby-mrz-probe watch [--json] [--reveal] [--device PATH | --match VID:PID|name:TEXT | --serial PATH [--baud B]]
                                 [--timeout MS] [--exit-after EVENTS]
    """

func fail(_ message: String, status: Int32 = 64) -> Never {
    FileHandle.standardError.write(Data("lobby-mrz-probe: \(message)\n".utf8))
    exit(status)
}

var arguments = ProbeArguments(words: Array(CommandLine.arguments.dropFirst()))
guard let command = arguments.words.first else { fail(usage) }
arguments.words.removeFirst()

switch command {
case "uinput":
    guard let directory = arguments.words.first else { fail(usage) }
    exit(await UinputScenario.run(vectorDirectory: directory))
case "hold":
    let seconds = arguments.words.first.flatMap(Double.init) ?? 30
    do {
        // The reader, and a keyboard that is not one (for the udev rule check).
        let reader = try UinputScenario.makeReader()
        let keyboard = try UinputKeyboard(name: "Lobby Lab Kiosk Keyboard", identity: UinputScenario.kioskKeyboardIdentity)
        ProbeOutput.say("HOLD \(reader.devicePath)")
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1_000)))
        withExtendedLifetime((reader, keyboard)) {}
    } catch {
        fail("hold: \(error)", status: 1)
    }
case "type":
    exit(await TypingReader.run())
case "bench":
    guard let directory = arguments.words.first else { fail(usage) }
    let iterations = arguments.words.dropFirst().first.flatMap(Int.init) ?? 2_000
    exit(AssemblyBenchmark.run(vectorDirectory: directory, iterations: max(1, iterations)))
case "watch":
    let json = arguments.flag("--json")
    let reveal = arguments.flag("--reveal")
    let exitAfter = arguments.value("--exit-after").flatMap(Int.init)
    let options = MRZWatchOptions(device: arguments.value("--device"), serial: arguments.value("--serial"),
                                  baud: arguments.value("--baud").map { UInt32($0) ?? 0 }, matches: arguments.values("--match"),
                                  timeoutMilliseconds: arguments.value("--timeout").map { Int($0) ?? 0 }, reveal: reveal)
    guard arguments.words.isEmpty else { fail("unexpected \(arguments.words.joined(separator: " "))\n\(usage)") }
    let reader: MRZReaderConfiguration
    do {
        reader = try options.configuration()
    } catch {
        fail(error.description)
    }
    if reveal, let refusal = MRZWatchOptions.revealRefusal(environment: ProcessInfo.processInfo.environment) { fail(refusal) }
    let style = CardOutputStyle(json: json, reveal: reveal)
    var count = 0
    for await event in MRZReaderMonitor(readers: [reader]).events() {
        FileHandle.standardOutput.write(Data((MRZWatchFormat.line(event, style: style) + "\n").utf8))
        count += 1
        if let exitAfter, count >= exitAfter { break }
    }
default:
    fail(usage)
}
