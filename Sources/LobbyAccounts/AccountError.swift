/// Why the roster refused (each with a sentence a manager can act on).
public enum AccountError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not a valid login name.
    case invalidName(String, reason: String)
    /// The password or PIN is too weak or too long.
    case weakPassword(reason: String)
    /// No account of that name.
    case unknownAccount(String)
    /// An account of that name exists already.
    case accountExists(String)
    /// Not a role an account can have.
    case invalidRole(String)

    /// The reason in words.
    public var description: String {
        switch self {
        case .invalidName(let name, let reason): "'\(name.prefix(40))' is not a valid account name: \(reason)"
        case .weakPassword(let reason): "the password is not accepted: \(reason)"
        case .unknownAccount(let name): "no account '\(name.prefix(40))' (lobbyctl account list shows them)"
        case .accountExists(let name): "an account '\(name)' exists already"
        case .invalidRole(let role): "'\(role.prefix(40))' is not an account role; expected operator, supervisor or manager"
        }
    }

    /// A stable kebab-case code for the API.
    public var code: String {
        switch self {
        case .invalidName: "invalid-account-name"
        case .weakPassword: "weak-password"
        case .unknownAccount: "unknown-account"
        case .accountExists: "account-exists"
        case .invalidRole: "invalid-role"
        }
    }
}
