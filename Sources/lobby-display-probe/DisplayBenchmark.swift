import Foundation
import LobbyFramebuffer

/// Times presents through DRM: full 1080×1920 kiosk frames and partial (damage) updates, at
/// rotation 90 (portrait kiosk on a landscape panel) and 0, double- and single-buffered.
struct DisplayBenchmark {
    let card: String
    let frames: Int

    init(arguments: [String]) {
        var card = "/dev/dri/card0", frames = 30
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--frames", index + 1 < arguments.count {
                frames = Int(arguments[index + 1]) ?? frames
                index += 2
            } else {
                card = arguments[index]
                index += 1
            }
        }
        self.card = card
        self.frames = frames
    }

    func run() -> Int32 {
        let cases: [(String, DisplayRotation, DRMDisplay.Buffering)] = [
            ("rot90-double", .clockwise90, .double), ("rot0-double", .none, .double), ("rot90-single", .clockwise90, .single),
        ]
        for (name, rotation, buffering) in cases {
            let display: DRMDisplay
            do { display = try DRMDisplay(path: card, rotation: rotation, buffering: buffering) } catch {
                probe("FAIL open \(card): \(error)")
                return 1
            }
            let frameA = DisplayTestPattern.frame(size: display.size, variant: 0)
            let frameB = DisplayTestPattern.frame(size: display.size, variant: 1)
            var partial = frameA
            let button = BlitRect(x: 60, y: 900, width: 960, height: 160)  // a kiosk button row
            let digit = BlitRect(x: 400, y: 400, width: 120, height: 90)    // one changed number
            do {
                try display.present(frameA, damage: .full)
                report("\(name) full \(display.size)", try measure { index in
                    try display.present(index % 2 == 0 ? frameB : frameA, damage: .full)
                })
                for (label, rect) in [("button \(button.width)x\(button.height)", button), ("digit \(digit.width)x\(digit.height)", digit)] {
                    report("\(name) partial \(label)", try measure { index in
                        partial.fill(rect, colour: index % 2 == 0 ? 0xFF20_4080 : 0xFF80_4020)
                        try display.present(partial, damage: .rects([rect]))
                    })
                }
            } catch {
                probe("FAIL \(name): \(error)")
                return 1
            }
            probe("INFO \(name) \(display.summary) flips=\(display.statistics.flips) flipTimeouts=\(display.statistics.flipTimeouts) dirty=\(display.statistics.dirtyCalls)")
            display.close()
        }
        return 0
    }

    private func measure(_ body: (Int) throws -> Void) rethrows -> [Double] {
        var times: [Double] = []
        for index in 0..<frames {
            let start = DispatchTime.now().uptimeNanoseconds
            try body(index)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times
    }

    private func report(_ name: String, _ times: [Double]) {
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        let mean = times.reduce(0, +) / Double(times.count)
        probe(String(format: "BENCH %@ frames=%d median_ms=%.2f mean_ms=%.2f min_ms=%.2f max_ms=%.2f",
                     name, times.count, median, mean, sorted.first ?? 0, sorted.last ?? 0))
    }
}
