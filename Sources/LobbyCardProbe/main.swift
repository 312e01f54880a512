@preconcurrency import Glibc
import LobbyCard
import LobbyEMRTD
import LobbyMRZ
import LobbyUSB

// `lobby-card-probe`: the lab's program inside the QEMU guest, and a preview of `lobbyctl card list/watch`.
setvbuf(stdout, nil, _IOLBF, 0)
let (parsed, problem) = ProbeOptions.parse(Array(CommandLine.arguments.dropFirst()))
guard let options = parsed else {
    FileHandleText.error((problem ?? "") + "\n" + ProbeOptions.usage)
    exit(64)
}
let style = CardOutputStyle(json: options.json, reveal: options.reveal)
var applications: [any CardApplication] = [EMRTDApplication()]
if let text = options.bacMRZ {
    // The kiosk's MRZ read: its BAC keys stay in memory, in the holder, for the readings of this run.
    guard let fields = MRZParser.parse(text).fields, let key = try? BACAccessKey(fields: fields) else {
        FileHandleText.error("--bac-mrz: not a readable MRZ (document number, birth and expiry dates needed)")
        exit(64)
    }
    let holder = EMRTDAccessKeyHolder()
    holder.offer(key)
    applications = [EMRTDApplication(accessKeys: holder, randomBytes: SystemRandomBytes.generate)]
}
let monitor = CardReaderMonitor(configuration: CardMonitorConfiguration(
    applications: applications, timeouts: CCIDReaderTimeouts(card: options.cardTimeout)))

if options.command == "list" {
    print(CardList.render(await monitor.snapshot(), style: style), terminator: "")
    exit(0)
}

let status = await WatchScenario(options: options, style: style, monitor: monitor).run()
exit(status)
