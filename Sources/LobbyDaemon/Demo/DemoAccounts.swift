import LobbyAccounts
import LobbyQueue
import Logging

/// The demo's sign-ins, made in the demo's own accounts.db (beside its journal) so a person can
/// try the operator console and the supervisor's floor: one operator and one supervisor.
enum DemoAccounts {
    /// The demo operator's name.
    static let operatorName = "demo-operator"
    /// The demo supervisor's name.
    static let supervisorName = "demo-supervisor"
    /// Their password (the demo is a sample centre on loopback, never a real one).
    static let password = "lobby-demo-1"

    /// Adds the two accounts unless they exist.
    static func ensure(_ roster: Roster, logger: Logger) async {
        for (name, role, display) in [(operatorName, AccountRole.operator, "Demo operator"), (supervisorName, .supervisor, "Demo supervisor")] {
            do {
                _ = try await roster.add(name: name, role: role, displayName: display, password: password, now: QueueService.systemClock())
            } catch AccountError.accountExists {
                continue
            } catch {
                logger.warning("demo account not made", metadata: ["account": "\(name)", "error": "\(error)"])
            }
        }
    }
}
