@preconcurrency import Glibc
import LobbyCard
import LobbyUSB

// `lobby-card-probe`: the lab's program inside the QEMU guest, and a preview of `lobbyctl card list/watch`.
setvbuf(stdout, nil, _IOLBF, 0)
let (parsed, problem) = ProbeOptions.parse(Array(CommandLine.arguments.dropFirst()))
guard let options = parsed else {
    FileHandleText.error((problem ?? "") + "\n" + ProbeOptions.usage)
    exit(64)
}
let style = CardOutputStyle(json: options.json, reveal: options.reveal)
let monitor = CardReaderMonitor(configuration: CardMonitorConfiguration(
    timeouts: CCIDReaderTimeouts(card: options.cardTimeout)))

if options.command == "list" {
    print(CardList.render(await monitor.snapshot(), style: style), terminator: "")
    exit(0)
}

let status = await WatchScenario(options: options, style: style, monitor: monitor).run()
exit(status)
