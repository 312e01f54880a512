import LobbyTestSupport
import Testing
@testable import LobbyTouch

@Suite(.tags(.unit)) struct GestureRecognizerTests {
    enum Step: Sendable {
        case down(Double, Double, Int64), move(Double, Double, Int64), up(Double, Double, Int64), cancel(Int64), advance(Int64)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        var configuration = GestureConfiguration()
        let steps: [Step]
        let expected: [String]
        var testDescription: String { name }
    }

    static func describe(_ event: GestureEvent) -> String {
        func point(_ tap: Tap) -> String { "\(Int(tap.x)),\(Int(tap.y)) @\(tap.time.microseconds / 1000)" }
        switch event {
        case .tap(let tap): return "tap " + point(tap)
        case .longPress(let tap): return "long " + point(tap)
        case .rejected(let contact): return "rejected \(contact.reason) @\(contact.time.microseconds / 1000)"
        case .contact(let contact): return "contact \(contact.phase.rawValue) @\(contact.time.microseconds / 1000)"
        }
    }

    static func run(_ steps: [Step], configuration: GestureConfiguration) -> [String] {
        var recognizer = GestureRecognizer(configuration: configuration)
        var output: [GestureEvent] = []
        for step in steps {
            switch step {
            case .down(let x, let y, let ms):
                output += recognizer.handle(ScreenContact(phase: .down, position: ScreenPoint(x: x, y: y), time: .milliseconds(ms)))
            case .move(let x, let y, let ms):
                output += recognizer.handle(ScreenContact(phase: .move, position: ScreenPoint(x: x, y: y), time: .milliseconds(ms)))
            case .up(let x, let y, let ms):
                output += recognizer.handle(ScreenContact(phase: .up, position: ScreenPoint(x: x, y: y), time: .milliseconds(ms)))
            case .cancel(let ms):
                output += recognizer.handle(ScreenContact(phase: .cancel, position: ScreenPoint(x: 0, y: 0), time: .milliseconds(ms)))
            case .advance(let ms):
                output += recognizer.advance(to: .milliseconds(ms))
            }
        }
        return output.map(describe)
    }

    static let cases: [Case] = [
        Case(name: "tap, judged when the bounce window has passed", steps:
            [.down(100, 200, 0), .move(105, 200, 50), .up(105, 200, 150), .advance(209)],
             expected: []),
        Case(name: "tap at the touch-down point, stamped with the lift", steps:
            [.down(100, 200, 0), .move(105, 200, 50), .up(105, 200, 150), .advance(210)],
             expected: ["tap 100,200 @150"]),
        Case(name: "tap at the movement limit (6 mm = 24 px)", steps:
            [.down(100, 200, 0), .move(124, 200, 50), .up(124, 200, 100), .advance(500)],
             expected: ["tap 100,200 @100"]),
        Case(name: "moved beyond the limit and back: not a tap", steps:
            [.down(100, 200, 0), .move(125, 200, 50), .move(100, 200, 60), .up(100, 200, 100), .advance(500)],
             expected: ["rejected moved @100"]),
        Case(name: "long press when the time passes", steps:
            [.down(100, 200, 0), .move(101, 200, 300), .advance(799), .advance(800), .up(101, 200, 1000), .advance(2000)],
             expected: ["long 100,200 @800"]),
        Case(name: "long press noticed at the next event", steps:
            [.down(100, 200, 0), .move(102, 200, 900), .up(102, 200, 950), .advance(2000)],
             expected: ["long 100,200 @800"]),
        Case(name: "moving contact never long-presses", steps:
            [.down(100, 200, 0), .move(300, 200, 100), .advance(2000), .up(300, 200, 2100), .advance(3000)],
             expected: ["rejected moved @2100"]),
        Case(name: "bounce: lift and touch within 60 ms nearby is one contact", steps:
            [.down(100, 200, 0), .up(100, 200, 80), .down(103, 201, 100), .up(103, 201, 180), .advance(300)],
             expected: ["tap 100,200 @180"]),
        Case(name: "touch far away inside the window is a new contact", steps:
            [.down(100, 200, 0), .up(100, 200, 80), .down(600, 900, 100), .up(600, 900, 200), .advance(300)],
             expected: ["tap 100,200 @80", "tap 600,900 @200"]),
        Case(name: "touch nearby after the window is a new contact (double tap)", steps:
            [.down(100, 200, 0), .up(100, 200, 80), .down(100, 200, 200), .up(100, 200, 300), .advance(400)],
             expected: ["tap 100,200 @80", "tap 100,200 @300"]),
        Case(name: "ghost: shorter than 20 ms", steps:
            [.down(100, 200, 0), .up(100, 200, 10), .advance(100)],
             expected: ["rejected ghost @10"]),
        Case(name: "bouncing start merges into a real tap", steps:
            [.down(100, 200, 0), .up(100, 200, 10), .down(100, 200, 20), .up(100, 200, 100), .advance(200)],
             expected: ["tap 100,200 @100"]),
        Case(name: "too long for a tap, too short for a long press",
             configuration: GestureConfiguration(tapMaximumDuration: Milliseconds(500)), steps:
            [.down(100, 200, 0), .up(100, 200, 600), .advance(700)],
             expected: ["rejected tooLong @600"]),
        Case(name: "cancelled contact gives nothing", steps:
            [.down(100, 200, 0), .cancel(50), .advance(500)],
             expected: ["rejected cancelled @50"]),
        Case(name: "a bounce after a long press does not tap", steps:
            [.down(100, 200, 0), .advance(800), .up(100, 200, 1000), .down(100, 200, 1020), .up(100, 200, 1060), .advance(2000)],
             expected: ["long 100,200 @800"]),
        Case(name: "moves and lifts without a contact are ignored", steps:
            [.move(1, 2, 0), .up(1, 2, 10), .cancel(20), .advance(1000)],
             expected: []),
        Case(name: "distances in pixels", configuration: GestureConfiguration(tapMovementLimit: .pixels(5)), steps:
            [.down(100, 200, 0), .move(106, 200, 50), .up(106, 200, 100), .advance(500)],
             expected: ["rejected moved @100"]),
        Case(name: "contact updates for touch watch", configuration: GestureConfiguration(reportsContactUpdates: true), steps:
            [.down(100, 200, 0), .move(101, 200, 10), .up(101, 200, 100), .advance(500)],
             expected: ["contact down @0", "contact move @10", "contact up @100", "tap 100,200 @100"]),
    ]

    @Test(arguments: cases)
    func table(testCase: Case) {
        #expect(Self.run(testCase.steps, configuration: testCase.configuration) == testCase.expected)
    }

    @Test func deadlinesAndStateNames() {
        var recognizer = GestureRecognizer()
        #expect(recognizer.nextDeadline == nil)
        #expect(recognizer.state.name == "Idle")
        _ = recognizer.handle(ScreenContact(phase: .down, position: ScreenPoint(x: 0, y: 0), time: .milliseconds(1000)))
        #expect(recognizer.state.name == "Pressed")
        #expect(recognizer.nextDeadline == .milliseconds(1800))
        _ = recognizer.handle(ScreenContact(phase: .up, position: ScreenPoint(x: 0, y: 0), time: .milliseconds(1100)))
        #expect(recognizer.state.name == "Released")
        #expect(recognizer.nextDeadline == .milliseconds(1160))
        let early = recognizer.finish()
        #expect(early.map(Self.describe) == ["tap 0,0 @1100"])
        #expect(recognizer.state.name == "Idle")
        _ = recognizer.handle(ScreenContact(phase: .down, position: ScreenPoint(x: 0, y: 0), time: .milliseconds(2000)))
        _ = recognizer.handle(ScreenContact(phase: .move, position: ScreenPoint(x: 50, y: 0), time: .milliseconds(2010)))
        #expect(recognizer.state.name == "Moving")
        #expect(recognizer.nextDeadline == nil)
    }

    @Test func millimetresUseTheDensity() {
        let configuration = GestureConfiguration(tapMovementLimit: .millimetres(5), bounceDistance: .millimetres(2), pixelsPerMillimetre: 3.5)
        #expect(configuration.tapMovementLimitPixels == 17.5)
        #expect(configuration.bounceDistancePixels == 7)
    }
}
