import LobbyWire
import LobbyTestSupport
import Testing

/// The device-behaviour vectors (`exchanges.txt`) on the host build of the firmware's cores.
/// The same vectors run on the targets (self-test image) and on the device images in QEMU.
@Suite("Exchange vectors", .tags(.unit))
struct ExchangeVectorTests {
    static let scenarios = ExchangeScenario.load()

    @Test("the files load and cover the profiles")
    func filesLoad() {
        #expect(VectorProfile.load().count == 5)
        #expect(Self.scenarios.count >= 18)
        #expect(Set(Self.scenarios.map(\.profile.name)).count == 5)
    }

    @Test("every device answers as the vectors say", arguments: scenarios)
    func scenario(_ scenario: ExchangeScenario) {
        var device = VectorDevice(scenario.profile)
        var now: UInt32 = 0
        for step in scenario.steps {
            var sent: [UInt8] = []
            if step.request.isEmpty {
                for _ in 0..<step.waitMilliseconds {
                    now += 1
                    device.tick(now: now)
                }
            } else {
                sent = device.send(step.request, now: now)
            }
            let expected = step.answer.map(Hex.encode) ?? "-"
            let actual = sent.isEmpty ? "-" : Hex.encode(sent)
            #expect(actual == expected, "exchanges.txt:\(step.line) \(scenario): \(Self.explain(actual)) instead of \(Self.explain(expected))")
        }
    }

    /// The answer in words for a failure message.
    static func explain(_ hex: String) -> String {
        guard hex != "-", let bytes = Hex.decode(hex), case .frame(let frame)? = decodeAll(bytes).first else { return hex }
        let message = (try? Message.decode(type: frame.header.type, payload: frame.payload)).map { "\($0)" } ?? "undecodable"
        return "\(hex) (\(frame.header.source)→\(frame.header.destination) \(message))"
    }
}
