import Foundation
import LobbyFramebuffer

/// The display lab scenario, one boot: test patterns through DRM at every rotation, a damage
/// sequence, the CRTC restored on close, fbdev, the error cases, and a card unbound under an
/// open display. Each `SHOW` waits for the host's screendump.
struct DisplaySuite {
    let card: String
    private let host = HostSignal()
    private var failures = 0

    init(card: String) {
        self.card = card
    }

    mutating func run() -> Int32 {
        guard host.isAvailable else {
            probe("FAIL no usb-tablet for the host's signals")
            return 1
        }
        do {
            for line in try DRMDisplay.describe(path: card) { probe("CONNECTOR \(line)") }
        } catch {
            probe("FAIL describe \(card): \(error)")
            return 1
        }
        for rotation in [DisplayRotation.clockwise90, .none, .upsideDown, .clockwise270] {
            drmPattern(rotation)
        }
        fbdevPattern()
        errors()
        unplug()
        probe("SUMMARY failed=\(failures)")
        return failures == 0 ? 0 : 1
    }

    private mutating func check(_ condition: Bool, _ text: String) {
        probe((condition ? "PASS " : "FAIL ") + text)
        if !condition { failures += 1 }
    }

    private mutating func show(_ name: String, _ display: any DisplayOutput, _ extra: String = "") {
        probe("SHOW \(name) \(display.size) \(extra)\(display.summary)")
        check(host.wait(), "host signalled after \(name)")
    }

    private mutating func drmPattern(_ rotation: DisplayRotation) {
        let display: DRMDisplay
        do {
            display = try DRMDisplay(path: card, rotation: rotation)
        } catch {
            check(false, "open \(card) rotation \(rotation): \(error)")
            return
        }
        let variant = rotation.rawValue / 90
        var frame = DisplayTestPattern.frame(size: display.size, variant: variant)
        do {
            try display.present(frame, damage: .full)
            show("drm-\(rotation)", display, "variant=\(variant) ")
            if rotation == .clockwise90 {
                // Two partial updates: the second must reach the buffer that missed the first.
                let first = BlitRect(x: 100, y: 300, width: 240, height: 120)
                let second = BlitRect(x: 700, y: 1500, width: 200, height: 333)
                let before = display.statistics.pixelsCopied
                frame.fill(first, colour: 0xFF12_3456)
                try display.present(frame, damage: .rects([first]))
                frame.fill(second, colour: 0xFFFE_DCBA)
                try display.present(frame, damage: .rects([second]))
                let copied = display.statistics.pixelsCopied - before
                probe("DAMAGE \(first.x) \(first.y) \(first.width) \(first.height) 123456")
                probe("DAMAGE \(second.x) \(second.y) \(second.width) \(second.height) fedcba")
                // Double-buffered, the second update goes to the buffer that only ever held black
                // (the whole frame), the third to the other one (both rectangles); single: just the rectangles.
                let expected = display.isDoubleBuffered ? display.size.bounds.area + first.area + second.area : first.area + second.area
                check(copied == expected, "damage copies only the changed rectangles (\(copied) pixels, expected \(expected))")
                check(display.isDoubleBuffered == (display.statistics.flips > 0), "buffering \(display.isDoubleBuffered ? "double, flips \(display.statistics.flips)" : "single")")
                show("drm-damage", display, "variant=\(variant) ")
            }
        } catch {
            check(false, "present rotation \(rotation): \(error)")
        }
        let previous = display.previousFramebuffer
        let crtc = display.choice.crtcID
        display.close()
        let now = (try? DRMDisplay.currentFramebuffer(path: card, crtcID: crtc)) ?? UInt32.max
        check(now == previous, "CRTC restored after rotation \(rotation) (framebuffer \(previous), now \(now))")
    }

    private mutating func fbdevPattern() {
        guard let path = DisplayOpener.candidates(DisplayConfiguration(backend: .fbdev)).first else {
            check(false, "no /dev/fb* node")
            return
        }
        do {
            let display = try FbdevDisplay(path: path, rotation: .clockwise90)
            try display.present(DisplayTestPattern.frame(size: display.size, variant: 5), damage: .full)
            usleep(400_000)  // fbdev emulation flushes its shadow buffer from a worker (deferred I/O)
            show("fbdev-90", display, "variant=5 ")
            display.close()
        } catch {
            check(false, "fbdev \(path): \(error)")
        }
    }

    private mutating func errors() {
        func expect(_ name: String, _ body: () throws(DisplayError) -> any DisplayOutput, _ matches: (DisplayError) -> Bool) {
            do {
                let display = try body()
                display.close()
                check(false, "\(name): opened")
            } catch {
                probe("ERROR \(name) \(error)")
                check(matches(error), "\(name) is reported as such")
            }
        }
        expect("no-device", { () throws(DisplayError) in try DRMDisplay(path: "/dev/dri/card9") }) {
            if case .noDevice = $0 { true } else { false }
        }
        expect("no-device-auto", { () throws(DisplayError) in
            try DisplayOpener.open(DisplayConfiguration(drmDirectory: "/nonexistent", fbdevDirectory: "/nonexistent"))
        }) { if case .noDevice = $0 { true } else { false } }
        expect("connector", { () throws(DisplayError) in try DRMDisplay(path: card, connector: "HDMI-A-9") }) {
            if case .connectorNotFound = $0 { true } else { false }
        }
        expect("mode", { () throws(DisplayError) in try DRMDisplay(path: card, mode: DisplayModeRequest(width: 1234, height: 567)) }) {
            if case .modeNotFound = $0 { true } else { false }
        }
        expect("not-a-display", { () throws(DisplayError) in try FbdevDisplay(path: "/dev/null") }) {
            if case .notADisplay = $0 { true } else { false }
        }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["permission", card]
        do {
            try child.run()
            child.waitUntilExit()
            check(child.terminationStatus == 0, "opening \(card) as nobody is permission denied")
        } catch {
            check(false, "cannot start the permission check: \(error)")
        }
    }

    private mutating func unplug() {
        let display: DRMDisplay
        do {
            display = try DRMDisplay(path: card, rotation: .clockwise90)
            try display.present(DisplayTestPattern.frame(size: display.size), damage: .full)
        } catch {
            check(false, "open for unplug: \(error)")
            return
        }
        let cardName = (card as NSString).lastPathComponent
        let device = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/sys/class/drm/\(cardName)/device")) ?? ""
        let address = (device as NSString).lastPathComponent
        do {
            try address.write(toFile: "/sys/class/drm/\(cardName)/device/driver/unbind", atomically: false, encoding: .utf8)
        } catch {
            check(false, "unbind \(address): \(error)")
            return
        }
        probe("UNBOUND \(address)")
        let frame = DisplayTestPattern.frame(size: display.size, variant: 1)
        for attempt in 1...2 {
            do {
                try display.present(frame, damage: .full)
                check(false, "present \(attempt) after unplug succeeded")
            } catch {
                probe("ERROR unplugged \(error)")
                check({ if case .deviceGone = error { true } else { false } }(), "present \(attempt) after unplug is deviceGone")
            }
        }
        display.close()
        check(true, "close after unplug")
    }
}
