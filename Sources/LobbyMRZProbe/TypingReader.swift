import LobbyProbeSupport
import Foundation
import LobbyIDReaders

/// `lobby-mrz-probe type`: a uinput keyboard-wedge MRZ reader that types the documents given on
/// standard input, one per line with `|` between the zone's lines, and holds the reader until
/// standard input ends (lab scripts point a configured reader, e.g. lobbyd's kiosk, at it).
enum TypingReader {
    static func run() async -> Int32 {
        let reader: UinputKeyboard
        do {
            reader = try UinputScenario.makeReader()
        } catch {
            FileHandle.standardError.write(Data("lobby-mrz-probe: type: \(error)\n".utf8))
            return 1
        }
        ProbeOutput.say("READER \(reader.devicePath)")
        while let line = readLine() {
            let lines = line.split(separator: "|").map(String.init)
            guard !lines.isEmpty, let strokes = KeyStroke.typing(lines: lines) else {
                ProbeOutput.say("UNTYPEABLE \(lines.count) lines")
                continue
            }
            do {
                for stroke in strokes { try reader.type(stroke, gap: UinputScenario.keyGap) }
                ProbeOutput.say("TYPED \(lines.count) lines")
            } catch {
                ProbeOutput.say("TYPE-FAILED \(error)")
            }
        }
        withExtendedLifetime(reader) {}
        return 0
    }
}
