import Foundation
import LobbyEvdev
import LobbyTouch
import LobbyTouchCalibration

/// Drives `lobbyctl touch calibrate` like a technician would, on a uinput panel whose axes are
/// deliberately skewed (swapped, mirrored, scaled, offset, slightly sheared): reads each target
/// from the wizard's JSON lines and touches the raw spot that lies under it, optionally one tap
/// too close to the previous one (`--near-tap I`) and one outlier (`--bad-tap I`). Then checks
/// that the written matrix maps raw points back onto the screen within a pixel.
struct CalibrationDriver {
    let wizard: String
    var wizardArguments: [String] = []
    var badTap: Int?
    var nearTap: Int?
    var handshake = false
    var writePath: String?
    let screen = (width: 1080.0, height: 1920.0)

    init(arguments: [String]) {
        wizard = arguments.first ?? ""
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch argument {
            case "--bad-tap": badTap = Int(value); index += 2
            case "--near-tap": nearTap = Int(value); index += 2
            case "--handshake": handshake = true; index += 1
            default:
                if argument == "--write" { writePath = value }
                wizardArguments.append(argument)
                index += 1
            }
        }
    }

    /// Where the skewed panel reports a touch on normalised screen point (`nx`, `ny`).
    static func raw(nx: Double, ny: Double) -> (x: Int32, y: Int32) {
        (Int32((350 + (1 - ny) * 3300 + 40 * nx).rounded()), Int32((280 + nx * 3500).rounded()))
    }

    mutating func run() -> Int32 {
        let panel: UinputTouchscreen
        do {
            panel = try UinputTouchscreen(name: "Skewed Lab Panel", identity: DeviceIdentity(bus: 3, vendor: 0x1209, product: 0xCA11, version: 1),
                                          x: 0...4095, y: 0...4095)
        } catch {
            probe("FAIL uinput: \(error)")
            return 1
        }
        usleep(300_000)  // let the node settle before the wizard opens it
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wizard)
        // `lobbyctl touch calibrate …`, or a program that is the command itself.
        let command = wizard.hasSuffix("/lobbyctl") ? ["touch", "calibrate"] : []
        process.arguments = command + ["--device", panel.devicePath, "--json", "--timeout", "30"] + wizardArguments
        let output = Pipe()
        process.standardOutput = output
        do { try process.run() } catch {
            probe("FAIL cannot start \(wizard): \(error)")
            return 1
        }
        try? output.fileHandleForWriting.close()  // so the wizard's exit ends the reads
        let host = handshake ? HostSignal() : nil
        var buffer = Data()
        var tracking: Int32 = 1
        var lastTap: (x: Int32, y: Int32)?
        var done = false
        let reader = output.fileHandleForReading
        while !done {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer += chunk
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                probe("WIZARD \(line)")
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let event = object["event"] as? String else { continue }
                if event == "failed" { done = true }
                guard event == "target" || event == "verify", let nx = object["nx"] as? Double, let ny = object["ny"] as? Double else { continue }
                let index = object["index"] as? Int ?? -1
                if let host, event == "target", index == 0, tracking == 1 {
                    probe("SHOW calibrate-target-0 \(object["x"] ?? 0) \(object["y"] ?? 0)")
                    if !host.wait() { probe("FAIL no host signal") }
                }
                var spot = Self.raw(nx: nx, ny: ny)
                if event == "target", index == nearTap, let previous = lastTap {
                    spot = previous
                    nearTap = nil
                    probe("NEAR-TAP \(index)")
                } else if event == "target", index == badTap {
                    spot = Self.raw(nx: nx + 0.12, ny: ny - 0.08)
                    badTap = nil
                    probe("BAD-TAP \(index)")
                } else {
                    lastTap = spot
                }
                do {
                    usleep(50_000)
                    try panel.touchDown(slot: 0, trackingID: tracking, x: spot.x, y: spot.y)
                    try panel.synchronize()
                    usleep(40_000)
                    try panel.lift(slot: 0)
                    try panel.synchronize()
                    tracking += 1
                } catch {
                    probe("FAIL inject: \(error)")
                }
            }
        }
        process.waitUntilExit()
        probe("WIZARD-EXIT \(process.terminationStatus)")
        guard process.terminationStatus == 0 else { return 1 }
        guard let writePath else { return 0 }
        return check(writePath)
    }

    private func check(_ path: String) -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            probe("FAIL cannot read \(path)")
            return 1
        }
        let matrix: CalibrationMatrix
        do { matrix = try CalibrationRuleFile.matrix(in: text) } catch {
            probe("FAIL \(path): \(error)")
            return 1
        }
        probe("MATRIX \(matrix.udevValue)")
        let axes = TouchAxes(x: AbsoluteAxisInfo(minimum: 0, maximum: 4095), y: AbsoluteAxisInfo(minimum: 0, maximum: 4095))
        let transform = ScreenTransform(axes: axes, calibration: matrix, width: screen.width, height: screen.height)
        var worst = 0.0
        for gy in 0...8 {
            for gx in 0...8 {
                let nx = 0.05 + 0.1125 * Double(gx), ny = 0.05 + 0.1125 * Double(gy)
                let spot = Self.raw(nx: nx, ny: ny)
                let pixel = transform.screenPoint(RawPoint(x: spot.x, y: spot.y))
                worst = max(worst, pixel.distance(to: ScreenPoint(x: nx * screen.width, y: ny * screen.height)))
            }
        }
        probe(String(format: "MAXERR %.3f", worst))
        let good = worst <= 1.5
        probe((good ? "PASS" : "FAIL") + " stored matrix maps raw points to the screen within 1.5 px")
        return good ? 0 : 1
    }
}
