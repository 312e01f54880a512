import LobbyEscPos
import LobbyPrinting
import LobbyTestSupport
import Testing

/// Device URIs, DLE EOT answers → state reasons and exit codes, and the simulated printer.
@Suite(.tags(.unit)) struct BackendRulesTests {
    @Test(arguments: [
        ("lobby-escpos://10.0.0.5:9100", BackendTransport.tcp(host: "10.0.0.5", port: 9100)),
        ("lobby-escpos://printer.local", .tcp(host: "printer.local", port: 9100)),
        ("lobby-escpos://127.0.0.1:9101/?status-timeout=0.5", .tcp(host: "127.0.0.1", port: 9101)),
        ("lobby-escpos://[::1]:9102", .tcp(host: "::1", port: 9102)),
        ("lobby-escpos:/dev/ttyUSB0?baud=19200", .serial(path: "/dev/ttyUSB0", baud: 19200, hardwareFlowControl: false)),
        ("lobby-escpos:/dev/ttyS1?baud=9600&flow=rtscts", .serial(path: "/dev/ttyS1", baud: 9600, hardwareFlowControl: true)),
        ("lobby-escpos:/dev/pts/3", .serial(path: "/dev/pts/3", baud: 19200, hardwareFlowControl: false)),
    ])
    func validURIs(text: String, transport: BackendTransport) throws {
        #expect(try BackendDeviceURI(parsing: text).transport == transport)
    }

    @Test func optionsAreReadInSeconds() throws {
        let uri = try BackendDeviceURI(parsing: "lobby-escpos://h:1/?timeout=2&status-timeout=0.25&write-timeout=7&retry-delay=0&status=none")
        #expect(uri.connectTimeout == .seconds(2))
        #expect(uri.statusTimeout == .milliseconds(250))
        #expect(uri.writeTimeout == .seconds(7))
        #expect(uri.retryDelay == .zero)
        #expect(!uri.pollsStatus)
    }

    @Test(arguments: [
        ("socket://h:9100", "scheme must be 'lobby-escpos:'"),
        ("lobby-escpos://h:0", "port '0' is not 1...65535"),
        ("lobby-escpos://h:9100/x", "a TCP URI has no path (use HOST:PORT)"),
        ("lobby-escpos:/dev/ttyUSB0?baud=12345", "baud '12345' is not one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200"),
        ("lobby-escpos://h?timeout=0", "option 'timeout' must be a number of seconds above 0, not '0'"),
        ("lobby-escpos://h?colour=red", "unknown option 'colour'"),
        ("lobby-escpos:printer", "expected //HOST:PORT, /dev/PATH or usb/VID:PID after 'lobby-escpos:'"),
    ])
    func invalidURIsSayWhatIsWrong(text: String, message: String) {
        #expect(throws: BackendURIError(uri: text, message: message)) { try BackendDeviceURI(parsing: text) }
    }

    static func condition(_ replies: [(RealTimeStatusKind, UInt8)]) -> BackendStatusReading {
        var condition = PrinterCondition()
        for (kind, byte) in replies { condition = condition.applying(try! RealTimeStatusReply(kind: kind, byte: byte)) }
        return .condition(condition)
    }

    @Test(arguments: [
        // Ready: every managed reason cleared.
        ([(RealTimeStatusKind.printer, UInt8(0x12)), (.paperSensor, 0x12)], BackendPhase.beforeSending,
         ["STATE: -media-empty-error,media-low-report,cover-open-error,offline-report,other-error", "INFO: Printer ready"], BackendExitCode?.none),
        // Paper out (the documented vector 0x1A / 0x7E): stop the queue.
        ([(.printer, 0x1A), (.paperSensor, 0x7E), (.offlineCause, 0x72)], .beforeSending,
         ["STATE: -media-low-report,cover-open-error,offline-report,other-error", "STATE: +media-empty-error", "ERROR: Printer is out of paper"], .stop),
        ([(.printer, 0x1A), (.paperSensor, 0x7E)], .afterSending,
         ["STATE: -media-low-report,cover-open-error,offline-report,other-error", "STATE: +media-empty-error", "ERROR: Printer ran out of paper while printing"], .stop),
        // Near end: print, report.
        ([(.printer, 0x12), (.paperSensor, 0x1E)], .afterSending,
         ["STATE: -media-empty-error,cover-open-error,offline-report,other-error", "STATE: +media-low-report", "INFO: Paper is near its end"], nil),
        // Cover open (0x5E = cover open + feeding + error).
        ([(.printer, 0x1A), (.paperSensor, 0x12), (.offlineCause, 0x5E), (.errorCause, 0x12)], .beforeSending,
         ["STATE: -media-empty-error,media-low-report,offline-report,other-error", "STATE: +cover-open-error", "ERROR: Printer cover is open"], .stop),
        // Offline for no known reason: retry later.
        ([(.printer, 0x1A), (.paperSensor, 0x12), (.offlineCause, 0x12)], .beforeSending,
         ["STATE: -media-empty-error,media-low-report,cover-open-error,other-error", "STATE: +offline-report", "ERROR: Printer is offline"], .retryLater),
        // Autocutter error: a person must act.
        ([(.printer, 0x1A), (.paperSensor, 0x12), (.offlineCause, 0x52), (.errorCause, 0x1A)], .afterSending,
         ["STATE: -media-empty-error,media-low-report,cover-open-error,offline-report", "STATE: +other-error", "ERROR: Autocutter error"], .stop),
    ] as [([(RealTimeStatusKind, UInt8)], BackendPhase, [String], BackendExitCode?)])
    func verdicts(replies: [(RealTimeStatusKind, UInt8)], phase: BackendPhase, lines: [String], exitCode: BackendExitCode?) {
        let verdict = BackendStatusPolicy.verdict(for: Self.condition(replies), phase: phase)
        #expect(verdict.lines == lines)
        #expect(verdict.exitCode == exitCode)
    }

    @Test func aSilentPrinterIsOfflineAndKeepsTheOtherReasons() {
        let verdict = BackendStatusPolicy.verdict(for: .noReply("127.0.0.1:9100 did not answer"), phase: .beforeSending)
        #expect(verdict.lines == ["STATE: +offline-report", "ERROR: Printer is offline: 127.0.0.1:9100 did not answer"])
        #expect(verdict.exitCode == .retryLater)
        #expect(BackendExitCode.retryLater.rawValue == 6 && BackendExitCode.stop.rawValue == 4)
    }

    @Test func onceBytesWereSentAPrinterThatStopsAnsweringCancelsTheJobInsteadOfRetryingIt() {
        let midJob = BackendStatusPolicy.verdict(for: .noReply("p did not answer"), phase: .whileSending(sent: 18442, total: 57638))
        #expect(midJob.exitCode == .cancel)
        #expect(midJob.lines == ["STATE: +offline-report", "ERROR: Printer is offline: p did not answer",
                                 "ERROR: Printer stopped answering after 18442 of 57638 bytes; the rest of the ticket is not sent"])
        let atTheEnd = BackendStatusPolicy.verdict(for: .noReply("p did not answer"), phase: .afterSending)
        #expect(atTheEnd.exitCode == .cancel)
        #expect(atTheEnd.lines.last == "ERROR: Printer did not confirm the end of the ticket; it may have printed")
        // The printer says it is offline (no cause) while printing: cancel too, never retry.
        let offline = BackendStatusPolicy.verdict(for: Self.condition([(.printer, 0x1A), (.paperSensor, 0x12), (.offlineCause, 0x12)]),
                                                  phase: .whileSending(sent: 1, total: 2))
        #expect(offline.exitCode == .cancel)
        // Paper out while printing still stops the queue (a person must act).
        let paper = BackendStatusPolicy.verdict(for: Self.condition([(.printer, 0x1A), (.paperSensor, 0x7E)]), phase: .whileSending(sent: 1, total: 2))
        #expect(paper.exitCode == .stop)
        #expect(paper.lines.last == "ERROR: Printer ran out of paper while printing")
        // A poll between pieces that finds nothing wrong says nothing but the reasons.
        let fine = BackendStatusPolicy.verdict(for: Self.condition([(.printer, 0x12), (.paperSensor, 0x12)]), phase: .whileSending(sent: 1, total: 2))
        #expect(fine.exitCode == nil)
        #expect(fine.lines == ["STATE: -media-empty-error,media-low-report,cover-open-error,offline-report,other-error"])
    }

    @Test func theNewDeviceURIOptionsSetThePace() throws {
        let uri = try BackendDeviceURI(parsing: "lobby-escpos:/dev/ttyUSB0?baud=19200&speed=80&dpi=180&drain=none")
        #expect(uri.pace == PrinterPace(linkBytesPerSecond: 1920, printMillimetresPerSecond: 80, dotsPerInch: 180))
        #expect(!uri.confirmsEnd)
        let network = try BackendDeviceURI(parsing: "lobby-escpos://10.0.0.21/")
        #expect(network.pace == PrinterPace())
        #expect(network.confirmsEnd)
        #expect(throws: BackendURIError(uri: "lobby-escpos://h/?speed=fast", message: "speed 'fast' must be the paper speed in mm/s, 10...1000")) {
            try BackendDeviceURI(parsing: "lobby-escpos://h/?speed=fast")
        }
        #expect(throws: BackendURIError(uri: "lobby-escpos://h/?drain=later", message: "drain 'later' must be gsr or none")) {
            try BackendDeviceURI(parsing: "lobby-escpos://h/?drain=later")
        }
    }

    @Test func followUpsAskForCausesOnlyWhenNeeded() {
        let online = PrinterCondition().applying(try! RealTimeStatusReply(kind: .printer, byte: 0x12))
        #expect(BackendStatusPolicy.followUpKinds(after: online).isEmpty)
        let offline = PrinterCondition().applying(try! RealTimeStatusReply(kind: .printer, byte: 0x1A))
        #expect(BackendStatusPolicy.followUpKinds(after: offline) == [.offlineCause])
        let withError = offline.applying(try! RealTimeStatusReply(kind: .offlineCause, byte: 0x52))
        #expect(BackendStatusPolicy.followUpKinds(after: withError) == [.errorCause])
    }

    @Test func probesAreOnlyStatusRequests() {
        #expect(BackendStatusPolicy.isStatusProbe(PrinterPool<ContinuousClock>.probeJobBytes))
        #expect(!BackendStatusPolicy.isStatusProbe([]))
        #expect(!BackendStatusPolicy.isStatusProbe([0x10, 0x04, 0x05]))
        #expect(!BackendStatusPolicy.isStatusProbe([0x10, 0x04, 0x01, 0x41]))
    }

    @Test(arguments: [
        ("normal", PaperState.present, false, true),
        ("paper-low", .nearEnd, false, true),
        ("paper-out", .out, false, true),
        ("cover-open", .present, true, true),
    ])
    func simulatedRepliesParseBackToTheSimulatedCondition(name: String, paper: PaperState, coverOpen: Bool, answers: Bool) throws {
        var simulated = SimulatedPrinterCondition()
        simulated.paper = paper
        simulated.isCoverOpen = coverOpen
        #expect(simulated.name == name)
        var parsed = PrinterCondition()
        for kind in RealTimeStatusKind.allCases {
            parsed = parsed.applying(try RealTimeStatusReply(kind: kind, byte: try #require(simulated.reply(to: kind))))
        }
        #expect(parsed.paper == paper)
        #expect(parsed.isCoverOpen == coverOpen)
        #expect(parsed.preventsPrinting == !simulated.prints)
        #expect(simulated.reply(to: .printer) == (paper == .out || coverOpen ? 0x1A : 0x12))
    }

    @Test func anOfflineSimulatedPrinterAnswersNothing() {
        var simulated = SimulatedPrinterCondition()
        simulated.answersStatus = false
        #expect(RealTimeStatusKind.allCases.allSatisfy { simulated.reply(to: $0) == nil })
        #expect(!simulated.prints)
    }
}
