import Foundation
import LobbyBoardFont
import LobbyWire

/// A device of `profiles.txt`: what the exchange vectors run on.
struct VectorProfile: Sendable {
    let name: String
    let kind: DeviceKind
    let lines: UInt8
    let columns: UInt8
    let address: DeviceAddress
    let serial: DeviceSerial
    let firmware: FirmwareVersion
    let capabilities: UInt8

    /// The configuration of a board core of this profile (1 tick = 1 ms, as the vectors count time).
    var boardConfiguration: BoardConfiguration {
        BoardConfiguration(kind: kind, lines: lines, columns: columns, serial: serial, firmware: firmware, ticksPerSecond: 1000)
    }

    /// The configuration of a keypad core of this profile.
    var keypadConfiguration: KeypadConfiguration {
        KeypadConfiguration(
            serial: serial, firmware: firmware, ticksPerSecond: 1000, displayColumns: columns,
            acceptsKeyInjection: capabilities & DeviceIdentity.capabilityTestHooks != 0)
    }

    static func load() -> [String: VectorProfile] {
        let url = VectorFile.directory.appendingPathComponent("profiles.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var profiles: [String: VectorProfile] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            var fields: [String: String] = [:]
            for pair in parts[1].split(separator: " ") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { fields[kv[0]] = kv[1] }
            }
            let version = (fields["firmware"] ?? "").split(separator: ".").compactMap { UInt8($0) }
            guard let kind = fields["kind"].flatMap(UInt8.init).flatMap(DeviceKind.init(rawValue:)),
                let lines = fields["lines"].flatMap({ UInt8($0) }), let columns = fields["columns"].flatMap({ UInt8($0) }),
                let address = fields["address"].flatMap({ UInt8($0, radix: 16) }),
                let serial = fields["serial"].flatMap({ UInt64($0, radix: 16) }), version.count == 3,
                let capabilities = fields["capabilities"].flatMap({ UInt8($0) })
            else { continue }
            profiles[parts[0]] = VectorProfile(
                name: parts[0], kind: kind, lines: lines, columns: columns, address: DeviceAddress(address),
                serial: DeviceSerial(serial), firmware: FirmwareVersion(major: version[0], minor: version[1], patch: version[2]),
                capabilities: capabilities)
        }
        return profiles
    }
}

/// One step of an exchange scenario: bytes to send (or time to let pass) and the answer expected.
struct ExchangeStep: Sendable {
    let line: Int
    /// Bytes sent, empty for a wait.
    let request: [UInt8]
    /// Milliseconds of silence on the line (a wait step).
    let waitMilliseconds: Int
    /// The exact answer bytes, nil for silence.
    let answer: [UInt8]?
}

/// A scenario of `exchanges.txt`: consecutive steps on one device powered on at time 0.
struct ExchangeScenario: Sendable, CustomStringConvertible {
    let name: String
    let profile: VectorProfile
    let steps: [ExchangeStep]

    var description: String { "\(name) (\(profile.name))" }

    /// The shortest wait of the scenario (timed scenarios need a device whose clock the test controls).
    var shortestWait: Int? { steps.filter { $0.request.isEmpty }.map(\.waitMilliseconds).min() }

    static func load() -> [ExchangeScenario] {
        let profiles = VectorProfile.load()
        let url = VectorFile.directory.appendingPathComponent("exchanges.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var scenarios: [ExchangeScenario] = []
        var current: (name: String, profile: VectorProfile, steps: [ExchangeStep])?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 4, let profile = profiles[fields[1]] else { continue }
            let step: ExchangeStep
            if fields[2].hasPrefix("wait:"), let milliseconds = Int(fields[2].dropFirst(5)) {
                step = ExchangeStep(line: number + 1, request: [], waitMilliseconds: milliseconds, answer: nil)
            } else {
                guard let request = Hex.decode(fields[2]) else { continue }
                step = ExchangeStep(
                    line: number + 1, request: request, waitMilliseconds: 0, answer: fields[3] == "-" ? nil : Hex.decode(fields[3]))
            }
            if current?.name == fields[0] {
                current?.steps.append(step)
            } else {
                if let done = current { scenarios.append(ExchangeScenario(name: done.name, profile: done.profile, steps: done.steps)) }
                current = (fields[0], profile, [step])
            }
        }
        if let done = current { scenarios.append(ExchangeScenario(name: done.name, profile: done.profile, steps: done.steps)) }
        return scenarios
    }

    /// Lines of the file that are steps (for counting against the self-test's total).
    static var stepCount: Int { load().reduce(0) { $0 + $1.steps.count } }
}

/// A device core of a profile with a clock the test controls (1 tick = 1 ms).
enum VectorDevice {
    case board(BoardCore<BoardFont>)
    case keypad(KeypadCore)

    init(_ profile: VectorProfile) {
        if profile.kind.isBoard {
            self = .board(BoardCore(configuration: profile.boardConfiguration, address: profile.address, font: BoardFont()))
        } else {
            self = .keypad(KeypadCore(configuration: profile.keypadConfiguration, address: profile.address))
        }
    }

    /// Feeds bytes at `now`; returns every byte the device sent.
    mutating func send(_ bytes: [UInt8], now: UInt32) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            switch self {
            case .board(var core):
                if let reply = core.receive(byte, now: Ticks(now)) { out += reply.array }
                self = .board(core)
            case .keypad(var core):
                if let reply = core.receive(byte, now: Ticks(now)) { out += reply.array }
                self = .keypad(core)
            }
        }
        return out
    }

    /// Lets one tick pass.
    mutating func tick(now: UInt32) {
        switch self {
        case .board(var core):
            core.tick(now: Ticks(now))
            self = .board(core)
        case .keypad(var core):
            core.tick(now: Ticks(now), rawKeys: [])
            self = .keypad(core)
        }
    }
}
