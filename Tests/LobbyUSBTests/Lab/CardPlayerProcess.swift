import Foundation
import LobbyLabSupport

/// `Tests/Lab/card-player.py` running on the host: plays the synthetic card on QEMU's VSCard socket.
/// Commands go to its stdin (`insert`, `remove`, `mute on`, …); its `PLAYER …` lines are collected for the test to wait on.
final class CardPlayerProcess: Sendable {
    private let helper: LabHelperProcess

    /// Starts the player on `socketPath` (it retries the connection until QEMU listens) with `python`
    /// (a venv's interpreter for the BAC chip, which needs pycryptodome).
    init(socketPath: String, arguments: [String] = [], python: String = "python3") throws {
        let script = LabGuest.labDirectory.appendingPathComponent("card-player.py").path
        helper = try LabHelperProcess(name: "player", executable: "/usr/bin/env", arguments: [python, script, socketPath] + arguments,
                                      endedProcessFails: true)
    }

    /// Sends one command line.
    func send(_ command: String) throws { try helper.send(command) }

    /// Everything the player printed so far.
    var output: [String] { helper.output }

    /// Waits until `count` lines satisfy `predicate`.
    @discardableResult
    func waitFor(count: Int = 1, timeout: Double, where predicate: (String) -> Bool) async throws -> [String] {
        try await helper.waitFor(count: count, timeout: timeout, where: predicate)
    }

    /// Ends the player.
    func stop() { helper.stop() }
}
