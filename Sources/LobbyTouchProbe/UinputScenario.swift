import LobbyProbeSupport
import Foundation
import LobbyEvdev
import LobbyTouch
import Synchronization

/// The uinput scenario: a virtual multitouch screen created in the guest kernel is found by
/// the monitor like a real panel, and gestures injected at known raw positions must come out
/// at the expected screen pixels (default 1080 × 1920 portrait screen, 4096 × 4096 raw axes).
enum UinputScenario {
    static let name = "Lobby Lab Touchscreen"
    static let identity = DeviceIdentity(bus: 0x03, vendor: 0x1209, product: 0x0001, version: 1)
    static let udevDirectory = "/run/lobby-probe/udev"
    /// 180° as libinput writes it.
    static let upsideDown = "-1 0 1 0 -1 1"

    static func makeScreen() throws(EvdevError) -> UinputTouchscreen {
        try UinputTouchscreen(name: name, identity: identity, x: 0...4095, y: 0...4095, slots: 10)
    }

    static func run() async -> Int32 {
        do {
            try FileManager.default.createDirectory(atPath: udevDirectory, withIntermediateDirectories: true)
        } catch {
            ProbeOutput.check("udev directory", false, "\(error)")
            return ProbeOutput.summary()
        }
        let configuration = TouchscreenConfiguration(udevDataDirectory: udevDirectory)
        let watch = Mutex(TouchWatch(format: .text))
        let inbox = Inbox(TouchscreenMonitor(configuration: configuration).updates()) { update in
            let line = watch.withLock { $0.line(for: update) }
            ProbeOutput.say("UPDATE " + line)
        }
        do {
            try await monitored(inbox)
        } catch {
            ProbeOutput.check("uinput", false, "\(error)")
        }
        let stopped = Date()
        await inbox.close()
        ProbeOutput.check("monitor stops when its stream is cancelled", Date().timeIntervalSince(stopped) < 2,
                          "took \(Date().timeIntervalSince(stopped)) s")
        do {
            try await droppedEvents()
        } catch {
            ProbeOutput.check("SYN_DROPPED", false, "\(error)")
        }
        return ProbeOutput.summary()
    }

    /// Everything that goes through the monitor: discovery, gestures, unplug, replug with udev calibration.
    static func monitored(_ inbox: Inbox) async throws {
        let absent = await inbox.next(within: 5) { if case .health = $0 { true } else { false } }
        ProbeOutput.check("health is absent before the screen exists", absent == .health(.absent), "got \(String(describing: absent))")

        var screen: UinputTouchscreen? = try makeScreen()
        try await expectOpened(inbox, path: screen!.devicePath, source: .configured, check: "discovered by hotplug")

        try await tap(screen!, x: 1024, y: 1024)
        try await expectTap(inbox, x: 270, y: 480, check: "tap at raw 1024,1024 is pixel 270,480")

        // Second finger: only the first contact counts.
        try screen!.touchDown(slot: 0, trackingID: 20, x: 2048, y: 3072)
        try screen!.synchronize()
        try await pause(50)
        try screen!.touchDown(slot: 1, trackingID: 21, x: 3000, y: 500)
        try screen!.synchronize()
        try await pause(80)
        try screen!.lift(slot: 0)
        try screen!.synchronize()
        try await pause(50)
        try screen!.lift(slot: 1)
        try screen!.synchronize()
        let twoFingers = await inbox.gestures(during: 0.5).filter(isTap)
        ProbeOutput.check("second finger ignored, first finger taps at 540,1440",
                          twoFingers.count == 1 && matches(twoFingers.first, x: 540, y: 1440), "got \(twoFingers)")

        // Long press: reported while the finger is still down.
        try screen!.touchDown(slot: 0, trackingID: 30, x: 3072, y: 2048)
        try screen!.synchronize()
        let long = await inbox.next(within: 2) { if case .gesture(.longPress) = $0 { true } else { false } }
        if case .gesture(.longPress(let press))? = long {
            ProbeOutput.check("long press at 810,960 while held", abs(press.x - 810) < 0.01 && abs(press.y - 960) < 0.01, "got \(press)")
        } else {
            ProbeOutput.check("long press at 810,960 while held", false, "no long press within 2 s")
        }
        try screen!.lift(slot: 0)
        try screen!.synchronize()
        let afterLong = await inbox.gestures(during: 0.3).filter(isTap)
        ProbeOutput.check("no tap after a long press", afterLong.isEmpty, "got \(afterLong)")

        // Swipe: moved beyond the limit, no tap.
        try screen!.touchDown(slot: 0, trackingID: 40, x: 500, y: 2000)
        try screen!.synchronize()
        for step in 1...10 {
            try await pause(15)
            try screen!.move(slot: 0, x: 500 + Int32(step) * 200, y: 2000)
            try screen!.synchronize()
        }
        try screen!.lift(slot: 0)
        try screen!.synchronize()
        let swipe = await inbox.gestures(during: 0.4)
        let moved = swipe.contains { if case .rejected(let value) = $0 { value.reason == .moved } else { false } }
        ProbeOutput.check("swipe rejected as moved", moved && !swipe.contains(where: isTap), "got \(swipe)")

        // Unplug.
        screen = nil
        let gone = await inbox.next(within: 3) { if case .health = $0 { true } else { false } }
        ProbeOutput.check("unplug reported as absent", gone == .health(.absent), "got \(String(describing: gone))")

        // Replug with a calibration in udev's database (files for every input minor, as the
        // node's number is only known once it exists).
        for minor in 64...95 {
            let record = "E:ID_INPUT=1\nE:ID_INPUT_TOUCHSCREEN=1\nE:\(UdevDeviceRecord.calibrationMatrixKey)=\(upsideDown)\n"
            try record.write(toFile: udevDirectory + "/" + UdevDeviceRecord.fileName(major: 13, minor: UInt32(minor)),
                             atomically: true, encoding: .utf8)
        }
        screen = try makeScreen()
        try await expectOpened(inbox, path: screen!.devicePath, source: .udev, check: "replugged without a restart")
        try await tap(screen!, x: 1024, y: 1024)
        try await expectTap(inbox, x: 810, y: 1440, check: "udev LIBINPUT_CALIBRATION_MATRIX 180° maps 1024,1024 to 810,1440")
        withExtendedLifetime(screen) {}
    }

    /// `SYN_DROPPED` for real: the kernel's buffer overflows while nobody reads; the session
    /// resynchronises, cancels the contact whose lift was lost, then reads a clean tap.
    static func droppedEvents() async throws {
        let screen = try makeScreen()
        let session = try TouchscreenSession(path: screen.devicePath,
                                             configuration: TouchscreenConfiguration(udevDataDirectory: "/nonexistent"))
        try screen.touchDown(slot: 0, trackingID: 50, x: 1024, y: 1024)
        try screen.synchronize()
        let down = session.read()
        ProbeOutput.check("session reads the touch-down", down.end == .drained && session.pipeline.tracker.isContactActive,
                          "end \(down.end), active \(session.pipeline.tracker.isContactActive)")
        for frame in 0..<3_000 {
            try screen.move(slot: 0, x: 1024 + Int32(frame % 2), y: 1024)
            try screen.synchronize()
        }
        try screen.lift(slot: 0)
        try screen.synchronize()
        let flooded = session.read()
        try await pause(100)
        let judged = flooded.gestures + session.advance(to: session.now)
        let diagnostics = session.pipeline.tracker.diagnostics
        let cancelled = judged.contains { if case .rejected(let value) = $0 { value.reason == .cancelled } else { false } }
        ProbeOutput.check("kernel reported SYN_DROPPED", diagnostics.droppedReports >= 1, "diagnostics \(diagnostics)")
        ProbeOutput.check("contact with a lost lift is cancelled, not a tap",
                          cancelled && !judged.contains(where: isTap) && !session.pipeline.tracker.isContactActive,
                          "got \(judged)")
        try screen.touchDown(slot: 0, trackingID: 51, x: 2048, y: 2048)
        try screen.synchronize()
        try await pause(60)
        try screen.lift(slot: 0)
        try screen.synchronize()
        let clean = session.read()
        try await pause(100)
        let after = clean.gestures + session.advance(to: session.now)
        let taps = after.filter(isTap)
        ProbeOutput.check("tap after the resync at 540,960", taps.count == 1 && matches(taps.first, x: 540, y: 960), "got \(after)")
    }

    static func tap(_ screen: UinputTouchscreen, x: Int32, y: Int32, holdMilliseconds: Int = 100) async throws {
        try screen.touchDown(slot: 0, trackingID: Int32.random(in: 100...60_000), x: x, y: y)
        try screen.synchronize()
        try await pause(holdMilliseconds)
        try screen.lift(slot: 0)
        try screen.synchronize()
    }

    static func expectTap(_ inbox: Inbox, x: Double, y: Double, check: String) async throws {
        let found = await inbox.next(within: 2) { if case .gesture(let gesture) = $0 { isTap(gesture) } else { false } }
        guard case .gesture(let gesture)? = found else {
            ProbeOutput.check(check, false, "no tap within 2 s")
            return
        }
        ProbeOutput.check(check, matches(gesture, x: x, y: y), "got \(gesture)")
    }

    static func expectOpened(_ inbox: Inbox, path: String, source: CalibrationChoice.Source, check: String) async throws {
        let opened = await inbox.next(within: 5) { if case .opened = $0 { true } else { false } }
        guard case .opened(let device)? = opened else {
            ProbeOutput.check(check, false, "no device opened within 5 s")
            return
        }
        let health = await inbox.next(within: 1) { if case .health = $0 { true } else { false } }
        ProbeOutput.check(check,
                          device.path == path && device.touchProtocol == .multitouchSlots(slotCount: 10)
                            && device.calibration.source == source
                            && health == .health(.present(name: name, id: identity.vendorProduct)),
                          "opened \(device.path) \(device.touchProtocol) calibration \(device.calibration), health \(String(describing: health))")
    }

    static func isTap(_ gesture: GestureEvent) -> Bool {
        if case .tap = gesture { true } else { false }
    }

    static func matches(_ gesture: GestureEvent?, x: Double, y: Double) -> Bool {
        guard case .tap(let tap)? = gesture else { return false }
        return abs(tap.x - x) < 0.01 && abs(tap.y - y) < 0.01
    }

    static func pause(_ milliseconds: Int) async throws {
        try await Task.sleep(for: .milliseconds(milliseconds))
    }
}
