import LobbyTestSupport
import Testing
@testable import LobbyTouch

@Suite(.tags(.unit)) struct CalibrationTests {
    static let corners = [
        NormalizedPoint(x: 0, y: 0), NormalizedPoint(x: 1, y: 0), NormalizedPoint(x: 1, y: 1), NormalizedPoint(x: 0, y: 1),
    ]

    static func close(_ a: NormalizedPoint, _ b: NormalizedPoint, _ tolerance: Double = 1e-12) -> Bool {
        abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance
    }

    /// Where each corner (top-left, top-right, bottom-right, bottom-left) goes under each rotation.
    @Test(arguments: [
        (ScreenRotation.none, [0, 1, 2, 3]),
        (ScreenRotation.clockwise90, [1, 2, 3, 0]),
        (ScreenRotation.upsideDown, [2, 3, 0, 1]),
        (ScreenRotation.clockwise270, [3, 0, 1, 2]),
    ])
    func rotationsMoveCornersClockwise(rotation: ScreenRotation, destinations: [Int]) {
        for (corner, destination) in zip(Self.corners, destinations) {
            #expect(Self.close(rotation.matrix.apply(corner), Self.corners[destination]))
        }
    }

    @Test func rotationMatricesAreLibinputs() throws {
        #expect(ScreenRotation.clockwise90.matrix == (try CalibrationMatrix(parsing: "0 -1 1 1 0 0")))
        #expect(ScreenRotation.upsideDown.matrix == (try CalibrationMatrix(parsing: "-1 0 1 0 -1 1")))
        #expect(ScreenRotation.clockwise270.matrix.udevValue == "0 1 0 -1 0 1")
    }

    @Test func composition() {
        let r90 = ScreenRotation.clockwise90.matrix
        #expect(r90.then(r90).isClose(to: ScreenRotation.upsideDown.matrix))
        #expect(r90.then(r90).then(r90).isClose(to: ScreenRotation.clockwise270.matrix))
        #expect(r90.then(ScreenRotation.clockwise270.matrix).isClose(to: .identity))
        // then() applies left first: scale x by 0.5, then shift by 0.25 → 0.5·x + 0.25.
        let scale = CalibrationMatrix(a: 0.5, b: 0, c: 0, d: 0, e: 1, f: 0)
        let shift = CalibrationMatrix(a: 1, b: 0, c: 0.25, d: 0, e: 1, f: 0)
        #expect(scale.then(shift).apply(NormalizedPoint(x: 1, y: 0)).x == 0.75)
        #expect(shift.then(scale).apply(NormalizedPoint(x: 1, y: 0)).x == 0.625)
        let m = CalibrationMatrix(a: 1.2, b: 0.1, c: -0.05, d: -0.02, e: 0.9, f: 0.07)
        #expect(m.then(m.inverted()!).isClose(to: .identity, tolerance: 1e-12))
        #expect(CalibrationMatrix(a: 1, b: 2, c: 0, d: 2, e: 4, f: 0).inverted() == nil)
    }

    @Test(arguments: [
        ("1 0 0 0 1 0", CalibrationMatrix.identity),
        ("  0 -1 1\t1 0 0 \n", ScreenRotation.clockwise90.matrix),
        ("LIBINPUT_CALIBRATION_MATRIX=\"1.5 0 -0.25 0 1.25e0 -.1\"", CalibrationMatrix(a: 1.5, b: 0, c: -0.25, d: 0, e: 1.25, f: -0.1)),
        ("'-1 0 1 0 -1 1'", ScreenRotation.upsideDown.matrix),
    ])
    func parsesUdevValues(text: String, expected: CalibrationMatrix) throws {
        #expect(try CalibrationMatrix(parsing: text) == expected)
    }

    @Test(arguments: [
        ("1 0 0 0 1", CalibrationParseError.wrongCount(found: 5)),
        ("1 0 0 0 1 0 0 0 1", .wrongCount(found: 9)),
        ("", .wrongCount(found: 0)),
        ("1 0 x 0 1 0", .invalidNumber(field: "c", text: "x")),
        ("1 0 0 0 1,0 0", .invalidNumber(field: "e", text: "1,0")),
        ("1 0 0 0 1 nan", .invalidNumber(field: "f", text: "nan")),
        ("1 0 0 0 1e999 0", .notFinite(field: "e", text: "1e999")),
        ("1 2 0 2 4 0", .singular("1 2 0 2 4 0")),
    ])
    func rejectsBadUdevValues(text: String, expected: CalibrationParseError) {
        #expect(throws: expected) { try CalibrationMatrix(parsing: text) }
    }

    @Test func errorMessagesSayWhatIsWrong() {
        #expect(CalibrationParseError.wrongCount(found: 5).description == "calibration matrix needs 6 numbers 'a b c d e f', found 5")
        #expect(CalibrationParseError.invalidNumber(field: "c", text: "x").description == "calibration value c is not a number: 'x'")
    }

    @Test func screenTransformMapsAxisRangesToPixels() {
        let axes = TouchAxes(x: AbsoluteAxisInfo(minimum: 100, maximum: 1099), y: AbsoluteAxisInfo(minimum: 0, maximum: 1999))
        let plain = ScreenTransform(axes: axes, width: 1080, height: 1920)
        #expect(plain.screenPoint(RawPoint(x: 100, y: 0)) == ScreenPoint(x: 0, y: 0))
        #expect(plain.screenPoint(RawPoint(x: 600, y: 1000)) == ScreenPoint(x: 540, y: 960))
        // libinput's span is max − min + 1: the last value is one step short of the edge.
        let last = plain.screenPoint(RawPoint(x: 1099, y: 1999))
        #expect(abs(last.x - 1078.92) < 1e-9 && abs(last.y - 1919.04) < 1e-9)
        let rotated = ScreenTransform(axes: axes, rotation: .clockwise90, width: 1080, height: 1920)
        // Normalised (0.25, 0.1) → 90° cw → (0.9, 0.25).
        let point = rotated.screenPoint(RawPoint(x: 350, y: 200))
        #expect(abs(point.x - 0.9 * 1080) < 1e-9 && abs(point.y - 0.25 * 1920) < 1e-9)
        // A calibration that pushes a point off screen is clamped to the edge.
        let shifted = ScreenTransform(axes: axes, calibration: CalibrationMatrix(a: 1, b: 0, c: -0.5, d: 0, e: 1, f: 0.9), width: 1080, height: 1920)
        #expect(shifted.screenPoint(RawPoint(x: 200, y: 1000)) == ScreenPoint(x: 0, y: 1920))
    }

    /// An eGalax-like panel: advertises 30…4040 but delivers about 300…3700, mounted rotated.
    static let truth = CalibrationMatrix(a: 1.18, b: 0.01, c: -0.09, d: -0.015, e: 1.2, f: -0.08)
        .then(ScreenRotation.clockwise90.matrix)

    static func touches(for targets: [NormalizedPoint], truth: CalibrationMatrix, noise: [NormalizedPoint] = []) -> [NormalizedPoint] {
        let inverse = truth.inverted()!
        return targets.enumerated().map { index, target in
            let touch = inverse.apply(target)
            let offset = index < noise.count ? noise[index] : NormalizedPoint(x: 0, y: 0)
            return NormalizedPoint(x: touch.x + offset.x, y: touch.y + offset.y)
        }
    }

    @Test(arguments: [CalibrationWizard.threePointTargets, CalibrationWizard.fivePointTargets])
    func wizardRecoversAKnownMatrix(targets: [NormalizedPoint]) throws {
        var wizard = try CalibrationWizard(targets: targets)
        var steps: [CalibrationWizard.Step] = []
        for touch in Self.touches(for: targets, truth: Self.truth) {
            #expect(wizard.currentTarget != nil)
            steps.append(wizard.record(touch))
        }
        #expect(steps.dropLast() == (1..<targets.count).map { CalibrationWizard.Step.next(index: $0) })
        guard case .completed(let result) = steps.last else {
            Issue.record("not completed: \(steps)")
            return
        }
        #expect(result.matrix.isClose(to: Self.truth, tolerance: 1e-9))
        #expect(result.rmsError < 1e-9)
        #expect(wizard.currentTarget == nil)
    }

    @Test func fivePointLeastSquaresWithNoise() throws {
        let targets = CalibrationWizard.fivePointTargets
        // ±0.4 % noise (about 4–8 px on 1080×1920).
        let noise = [(0.004, -0.003), (-0.002, 0.004), (0.003, 0.002), (-0.004, -0.002), (0.001, -0.004)]
            .map { NormalizedPoint(x: $0.0, y: $0.1) }
        var wizard = try CalibrationWizard(targets: targets)
        var last: CalibrationWizard.Step?
        for touch in Self.touches(for: targets, truth: Self.truth, noise: noise) { last = wizard.record(touch) }
        guard case .completed(let result)? = last else {
            Issue.record("not completed: \(String(describing: last))")
            return
        }
        #expect(result.matrix.isClose(to: Self.truth, tolerance: 0.02))
        #expect(result.rmsError > 0)
        #expect(result.maximumError < 0.02)
        // Mapping the true target positions back through the fit lands within a few pixels.
        let pixels = result.rmsErrorPixels(width: 1080, height: 1920)
        #expect(pixels > 0.5 && pixels < 15)
        // Least squares beats any exact 3-point fit through the same noisy touches.
        let exact = try CalibrationFit.fit(Array(zip(Self.touches(for: targets, truth: Self.truth, noise: noise), targets)
            .prefix(3).map { CalibrationFit.Sample(touch: $0, target: $1) }))
        let grid = (0...10).flatMap { i in (0...10).map { j in NormalizedPoint(x: Double(i) / 10, y: Double(j) / 10) } }
        func worst(_ m: CalibrationMatrix) -> Double {
            grid.map { point in Self.truth.apply(point).distance(to: m.apply(point)) }.max()!
        }
        #expect(worst(result.matrix) < worst(exact.matrix))
    }

    @Test func fivePointOutlierIsAskedAgain() throws {
        let targets = CalibrationWizard.fivePointTargets
        var touches = Self.touches(for: targets, truth: Self.truth)
        let good = touches[2]
        touches[2].x += 0.08 // a sloppy tap on the third target
        var wizard = try CalibrationWizard(targets: targets)
        var steps = touches.map { wizard.record($0) }
        guard case .retry(let index, let residual)? = steps.last else {
            Issue.record("expected a retry, got \(steps)")
            return
        }
        // Target 2's opposite corner (0) explains the taps as well: both are asked again, in order.
        #expect(index == 0)
        #expect(residual > 0.05)
        #expect(wizard.currentTarget == targets[0])
        steps.append(wizard.record(Self.touches(for: targets, truth: Self.truth)[0]))
        #expect(wizard.currentTarget == targets[2])
        steps.append(wizard.record(good))
        guard case .completed(let result)? = steps.last else {
            Issue.record("expected completion, got \(steps)")
            return
        }
        #expect(result.matrix.isClose(to: Self.truth, tolerance: 1e-9))
        #expect(wizard.retries == 1)
    }

    @Test("a sloppy tap on any of the five targets, in any direction, is the one asked again", arguments: 0..<5, [(0.06, 0.0), (-0.06, 0.0), (0.0, 0.07), (0.05, -0.05)])
    func outlierOnEveryTarget(target: Int, offset: (Double, Double)) throws {
        let targets = CalibrationWizard.fivePointTargets
        var touches = Self.touches(for: targets, truth: Self.truth)
        touches[target].x += offset.0
        touches[target].y += offset.1
        let good = Self.touches(for: targets, truth: Self.truth)
        var wizard = try CalibrationWizard(targets: targets)
        var last = touches.map { wizard.record($0) }.last
        guard case .retry = last else {
            Issue.record("expected a retry, got \(String(describing: last))")
            return
        }
        // The sloppy tap is among those asked again; careful taps on them complete the wizard.
        var asked: [Int] = []
        while let current = wizard.currentTarget, let index = targets.firstIndex(of: current), asked.count < 5 {
            asked.append(index)
            last = wizard.record(good[index])
        }
        #expect(asked.contains(target), "asked again: \(asked)")
        #expect(asked.count <= 2, "at most the tap and its opposite corner: \(asked)")
        guard case .completed(let result)? = last else {
            Issue.record("expected completion, got \(String(describing: last))")
            return
        }
        #expect(result.matrix.isClose(to: Self.truth, tolerance: 1e-9))
    }

    @Test func tooCloseTapsAreRejected() throws {
        var wizard = try CalibrationWizard(targets: CalibrationWizard.threePointTargets)
        #expect(wizard.record(NormalizedPoint(x: 0.2, y: 0.2)) == .next(index: 1))
        let step = wizard.record(NormalizedPoint(x: 0.23, y: 0.2))
        guard case .rejected(1, .tooClose(toTarget: 0, let distance)) = step else {
            Issue.record("expected tooClose, got \(step)")
            return
        }
        #expect(abs(distance - 0.03) < 1e-12)
        #expect(wizard.record(NormalizedPoint(x: 1.2, y: 0.2)) == .rejected(index: 1, reason: .outsidePanel))
        #expect(wizard.currentTarget == CalibrationWizard.threePointTargets[1])
    }

    @Test func implausibleAndCollinearTapsRestart() throws {
        var wizard = try CalibrationWizard(targets: CalibrationWizard.threePointTargets)
        _ = wizard.record(NormalizedPoint(x: 0.1, y: 0.1))
        _ = wizard.record(NormalizedPoint(x: 0.5, y: 0.5))
        guard case .restarted(let reason) = wizard.record(NormalizedPoint(x: 0.9, y: 0.9)) else {
            Issue.record("expected restart")
            return
        }
        #expect(reason.contains("one line"))
        #expect(wizard.state == .collecting(index: 0))
        #expect(wizard.taps.allSatisfy { $0 == nil })
        // Taps squeezed into a small area would need a 10× magnification: refused.
        _ = wizard.record(NormalizedPoint(x: 0.45, y: 0.45))
        _ = wizard.record(NormalizedPoint(x: 0.55, y: 0.45))
        guard case .restarted(let second) = wizard.record(NormalizedPoint(x: 0.5, y: 0.55)) else {
            Issue.record("expected restart")
            return
        }
        #expect(second.contains("area scale"))
        #expect(throws: CalibrationWizard.SetupError.collinearTargets) {
            try CalibrationWizard(targets: [NormalizedPoint(x: 0, y: 0), NormalizedPoint(x: 0.5, y: 0.5), NormalizedPoint(x: 1, y: 1)])
        }
        #expect(throws: CalibrationWizard.SetupError.tooFewTargets(2)) {
            try CalibrationWizard(targets: [NormalizedPoint(x: 0, y: 0), NormalizedPoint(x: 0.5, y: 0.5)])
        }
    }

    @Test func persistentDisagreementRestartsAfterRetries() throws {
        let targets = CalibrationWizard.fivePointTargets
        let configuration = CalibrationWizard.Configuration(maximumRetries: 1)
        var wizard = try CalibrationWizard(targets: targets, configuration: configuration)
        var touches = Self.touches(for: targets, truth: Self.truth)
        touches[4].y += 0.1
        var last = touches.map { wizard.record($0) }.last
        guard case .retry(4, _)? = last else {
            Issue.record("expected retry of the centre, got \(String(describing: last))")
            return
        }
        last = wizard.record(touches[4]) // the same bad tap again
        guard case .restarted? = last else {
            Issue.record("expected restart, got \(String(describing: last))")
            return
        }
        #expect(wizard.retries == 0)
    }
}
