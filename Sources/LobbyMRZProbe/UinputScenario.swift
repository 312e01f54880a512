import LobbyProbeSupport
import Foundation
import LobbyCard
import LobbyEvdev
import LobbyIDReaders
import LobbyMRZ
import LobbyTouch

/// The guest scenario: a virtual keyboard-wedge reader created through uinput is found by the
/// monitor, grabbed, types synthetic MRZs by keycode and must come out as parsed documents;
/// then noise, a zone cut short, unplug and replug, and the grab released on cancellation.
enum UinputScenario {
    static let readerName = "Lobby Lab MRZ Reader"
    static let readerIdentity = DeviceIdentity(bus: 0x03, vendor: 0x1209, product: 0x4d52, version: 1)
    static let kioskKeyboardIdentity = DeviceIdentity(bus: 0x03, vendor: 0x1209, product: 0x4b42, version: 1)
    /// Gap between key events: 1 ms, i.e. about 4 ms per shifted character (≈ 250 characters per
    /// second, in the range of the wedge readers on the market).
    static let keyGap: Duration = .milliseconds(1)
    static let lineTimeout: Duration = .milliseconds(300)

    static func makeReader() throws(EvdevError) -> UinputKeyboard {
        try UinputKeyboard(name: readerName, identity: readerIdentity)
    }

    static func run(vectorDirectory: String) async -> Int32 {
        let vectors: [VectorBlock]
        do {
            vectors = try VectorBlocks.all(in: vectorDirectory)
        } catch {
            ProbeOutput.check("vectors", false, "\(error)")
            return ProbeOutput.summary()
        }
        ProbeOutput.check("vectors loaded", vectors.count >= 5, "\(vectors.count) blocks")
        let configuration = MRZReaderConfiguration(
            name: "lab",
            kind: .keyboardWedge(WedgeReaderSource(matches: WedgeReaderMatchList([.vendorProduct(readerIdentity.vendorProduct)]))),
            lineTimeout: lineTimeout, rescanInterval: .seconds(1))
        let style = CardOutputStyle(json: false, reveal: false)
        let inbox = EventInbox(MRZReaderMonitor(readers: [configuration]).events()) { event in
            ProbeOutput.say("EVENT " + MRZWatchFormat.line(event, style: style))
        }
        var kept: UinputKeyboard?
        do {
            kept = try await monitored(inbox, vectors: vectors)
        } catch {
            ProbeOutput.check("uinput scenario", false, "\(error)")
        }
        let stopping = Date()
        await inbox.close()
        ProbeOutput.check("monitor stops when its stream is cancelled", Date().timeIntervalSince(stopping) < 2,
                          "took \(Date().timeIntervalSince(stopping)) s")
        if let kept {
            // The reader is still plugged in: after the stop its grab must be gone.
            try? await Task.sleep(for: .milliseconds(200))
            let grab = (try? EvdevDevice(path: kept.devicePath))?.probeGrab()
            ProbeOutput.check("grab released after the monitor stopped", grab == .free, "grab state \(String(describing: grab))")
        }
        return ProbeOutput.summary()
    }

    /// Everything through the monitor; returns the reader, left plugged in.
    static func monitored(_ inbox: EventInbox, vectors: [VectorBlock]) async throws -> UinputKeyboard? {
        let missing = await inbox.next(within: 5) { _ in true }
        ProbeOutput.check("health is missing before the reader exists", missing?.event.kind.isMissing == true,
                          "got \(String(describing: missing?.event))")

        // A kiosk keyboard that matches nothing must never be taken.
        let kioskKeyboard = try UinputKeyboard(name: "Lobby Lab Kiosk Keyboard", identity: kioskKeyboardIdentity)
        var reader: UinputKeyboard? = try makeReader()
        let path = reader!.devicePath
        let attached = await inbox.next(within: 5) { $0.isAttached }
        if case .attached(let node)? = attached?.event.kind {
            ProbeOutput.check("attached by hotplug and grabbed", node.path == path && node.exclusive && node.vendorProduct == "1209:4d52",
                              "got \(node)")
        } else {
            ProbeOutput.check("attached by hotplug and grabbed", false, "no attached event")
        }
        let bystander = try EvdevDevice(path: path)
        ProbeOutput.check("grab held: nobody else can take the reader", bystander.probeGrab() == .grabbedElsewhere)
        let kioskGrab = (try? EvdevDevice(path: kioskKeyboard.devicePath))?.probeGrab()
        ProbeOutput.check("kiosk keyboard left alone", kioskGrab == .free, "grab state \(String(describing: kioskGrab))")

        var latencies: [(title: String, endToEvent: Int64, monitor: Int64?, typing: Int64, characters: Int)] = []
        for vector in vectors {
            guard let strokes = KeyStroke.typing(lines: vector.lines) else {
                ProbeOutput.check("type \(vector.title)", false, "untypeable character")
                continue
            }
            let started = ProbeOutput.now()
            for stroke in strokes { try reader!.type(stroke, gap: keyGap) }
            let lastKey = ProbeOutput.now()
            let received = await inbox.next(within: 5) { $0.isDocumentOrNoise }
            let expected = MRZParser.parse(vector.lines.joined(separator: "\n"))
            guard let received, case .document(let reading) = received.event.kind else {
                ProbeOutput.check("typed \(vector.title) read back", false, "got \(String(describing: received?.event))")
                continue
            }
            ProbeOutput.check("typed \(vector.title) read back", reading.document == expected && reading.document.isValid
                              && reading.candidate.completion == .expectedLineCount,
                              "read \(reading.candidate.text.count) characters, valid \(reading.document.isValid), errors \(reading.document.errors)")
            latencies.append((vector.title, received.arrivedAt - lastKey, reading.latencyMicroseconds, lastKey - started,
                              vector.lines.reduce(0) { $0 + $1.count }))
        }
        var leaked = 0
        _ = bystander.readAvailable { reading in
            if case .event(let event) = reading, event.type == .key { leaked += 1 }
        }
        ProbeOutput.check("no keystroke reached another reader of the node", leaked == 0, "\(leaked) key events leaked")
        for sample in latencies {
            ProbeOutput.say("BENCH wedge \(sample.characters) chars typed in \(sample.typing / 1000) ms; last key to event "
                            + "\(sample.endToEvent) us; monitor latency \(sample.monitor.map(String.init) ?? "-") us (\(sample.title))")
        }

        // A misread character: a document with its error, not noise.
        if let first = vectors.first(where: { $0.lines.count == 3 }) {
            var damaged = first.lines
            damaged[1] = String(damaged[1].prefix(6)) + (damaged[1].dropFirst(6).first == "9" ? "8" : "9") + damaged[1].dropFirst(7)
            for stroke in KeyStroke.typing(lines: damaged) ?? [] { try reader!.type(stroke, gap: keyGap) }
            let received = await inbox.next(within: 5) { $0.isDocumentOrNoise }
            if case .document(let reading)? = received?.event.kind {
                ProbeOutput.check("wrong birth-date check digit reported with its field", !reading.document.isValid
                                  && reading.document.errors.contains { $0.field == .birthDate }, "errors \(reading.document.errors)")
            } else {
                ProbeOutput.check("wrong birth-date check digit reported with its field", false, "got \(String(describing: received?.event))")
            }

            // A zone cut short: line 1 and a part of line 2, then the reader stops.
            let partial = [first.lines[0]]
            for stroke in (KeyStroke.typing(lines: partial) ?? []) + first.lines[1].prefix(8).unicodeScalars.compactMap(KeyStroke.typing) {
                try reader!.type(stroke, gap: keyGap)
            }
            let lastKey = ProbeOutput.now()
            let cut = await inbox.next(within: 5) { $0.isDocumentOrNoise }
            if let cut, case .document(let reading) = cut.event.kind {
                let waited = cut.arrivedAt - lastKey
                ProbeOutput.check("zone cut short ends after the line timeout as an invalid document",
                                  !reading.document.isValid && reading.candidate.completion == .idleTimeout && reading.candidate.lineCount == 2
                                  && waited >= 300_000 && waited < 1_500_000,
                                  "completion \(reading.candidate.completion), \(reading.candidate.lineCount) lines, after \(waited) us")
            } else {
                ProbeOutput.check("zone cut short ends after the line timeout as an invalid document", false,
                                  "got \(String(describing: cut?.event))")
            }
        }

        // Noise: a few keys and Enter.
        for stroke in KeyStroke.typing(lines: ["HELLO", "12"]) ?? [] { try reader!.type(stroke, gap: keyGap) }
        let noise = await inbox.next(within: 5) { $0.isDocumentOrNoise }
        if case .noise(let found)? = noise?.event.kind {
            ProbeOutput.check("short input reported as noise", found.characterCount == 7 && found.candidate.lineCount == 2,
                              "\(found.characterCount) characters, \(found.candidate.lineCount) lines")
        } else {
            ProbeOutput.check("short input reported as noise", false, "got \(String(describing: noise?.event))")
        }

        // Unplug and replug.
        reader = nil
        let detached = await inbox.next(within: 5) { $0.isDetached }
        ProbeOutput.check("unplug reported as detached", detached != nil)
        let missingAgain = await inbox.next(within: 2.5) { $0.isMissing || $0.isAttached }
        ProbeOutput.check("no second missing event after the detach", missingAgain == nil, "got \(String(describing: missingAgain?.event))")
        reader = try makeReader()
        let again = await inbox.next(within: 5) { $0.isAttached }
        ProbeOutput.check("replugged without a restart", again != nil)
        if let vector = vectors.first(where: { $0.lines.count == 2 }) {
            for stroke in KeyStroke.typing(lines: vector.lines) ?? [] { try reader!.type(stroke, gap: keyGap) }
            let received = await inbox.next(within: 5) { $0.isDocumentOrNoise }
            if case .document(let reading)? = received?.event.kind {
                ProbeOutput.check("reads after the replug", reading.document.isValid)
            } else {
                ProbeOutput.check("reads after the replug", false, "got \(String(describing: received?.event))")
            }
        }
        withExtendedLifetime(kioskKeyboard) {}
        return reader
    }
}
