@preconcurrency import Glibc
import LobbyCard
import LobbyUSB

/// `watch`: prints every event; in lab mode also marker lines the host test parses.
struct WatchScenario {
    let options: ProbeOptions
    let style: CardOutputStyle
    let monitor: CardReaderMonitor

    /// Runs until the stop condition; returns the exit status (0 done, 3 time limit).
    func run() async -> Int32 {
        let limit = options.seconds
        return await withTaskGroup(of: Int32.self) { group in
            group.addTask { await self.consume() }
            if limit > 0 {
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(Int(limit * 1000)))
                    return 3
                }
            }
            let first = await group.next() ?? 1
            group.cancelAll()
            if first == 3 { marker("TIMEOUT after \(limit) s") }
            return first
        }
    }

    private func consume() async -> Int32 {
        var identified = 0
        for await event in monitor.events() {
            print((options.lab ? "LOBBY-PROBE EVENT " : "") + CardWatch.line(event, style: style))
            switch event {
            case .readerAdded(let reader):
                marker("DESCRIPTOR \(reader.device.vendorProduct) \(HexText.bytes(reader.layout.descriptorBytes, separator: ""))")
                marker("READY \(reader.id)")
            case .readerRemoved:
                if options.untilReaderRemoved { return 0 }
            case .cardIdentified:
                identified += 1
                if options.identifications > 0 && identified >= options.identifications { return 0 }
            default:
                break
            }
            if Task.isCancelled { break }
        }
        return 0
    }

    private func marker(_ text: String) {
        if options.lab { print("LOBBY-PROBE " + text) }
    }
}
