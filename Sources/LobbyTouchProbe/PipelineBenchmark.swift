import Foundation
import LobbyTouch

/// `lobby-touch-probe bench [TAPS]`: the cost of one evdev event through `TouchPipeline`
/// (tracker → calibration → gestures) on a synthetic protocol B stream — taps with a few moves
/// each and a second finger on every fourth tap. Not a test: prints numbers for the docs.
enum PipelineBenchmark {
    static func run(taps: Int) -> Int32 {
        let events = stream(taps: taps)
        let axes = TouchAxes(x: AbsoluteAxisInfo(minimum: 0, maximum: 4095), y: AbsoluteAxisInfo(minimum: 0, maximum: 4095))
        var best = Double.infinity
        var recognised = 0
        for _ in 0..<5 {
            var pipeline = TouchPipeline(tracker: ContactTracker(touchProtocol: .multitouchSlots(slotCount: 10), axes: axes),
                                         calibration: ScreenRotation.clockwise90.matrix, width: 1080, height: 1920)
            var count = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for event in events {
                for gesture in pipeline.process(event) { if case .tap = gesture { count += 1 } }
            }
            count += pipeline.finish().count
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
            best = min(best, elapsed)
            recognised = count
        }
        let perEvent = best / Double(events.count)
        print("events: \(events.count), taps recognised: \(recognised) of \(taps)")
        print("best of 5: \(String(format: "%.1f", best / 1e6)) ms total, \(String(format: "%.0f", perEvent)) ns per event, "
              + "\(String(format: "%.2f", perEvent * 8 / 1_000)) µs per 8-event frame")
        return recognised == taps ? 0 : 1
    }

    /// Taps 200 ms apart: down, 3 moves of 1 unit, up; every fourth tap a second finger in slot 1.
    static func stream(taps: Int) -> [InputEvent] {
        var events: [InputEvent] = []
        var time = EventTime(microseconds: 1_000_000)
        func frame(_ body: [(AbsoluteAxis, Int32)], key: Int32? = nil) {
            for (axis, value) in body { events.append(.absolute(axis, value, at: time)) }
            if let key { events.append(.key(.touch, key, at: time)) }
            events.append(.sync(.report, at: time))
            time = time.advanced(by: Milliseconds(10))
        }
        for index in 0..<taps {
            let x = Int32(200 + (index * 97) % 3600)
            let y = Int32(200 + (index * 57) % 3600)
            frame([(.multitouchSlot, 0), (.multitouchTrackingID, Int32(index)), (.multitouchPositionX, x), (.multitouchPositionY, y)], key: 1)
            if index % 4 == 0 {
                frame([(.multitouchSlot, 1), (.multitouchTrackingID, Int32(100_000 + index)), (.multitouchPositionX, 4000 - x),
                       (.multitouchPositionY, y)])
            }
            for step in 1...3 { frame([(.multitouchSlot, 0), (.multitouchPositionX, x + Int32(step % 2))]) }
            if index % 4 == 0 { frame([(.multitouchSlot, 1), (.multitouchTrackingID, -1)]) }
            frame([(.multitouchSlot, 0), (.multitouchTrackingID, -1)], key: 0)
            time = time.advanced(by: Milliseconds(150))
        }
        return events
    }
}
