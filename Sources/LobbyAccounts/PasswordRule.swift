/// What a password or PIN must be: at least 8 characters, or for operators a PIN of at least 6
/// digits (counter staff type it many times a day; the lockout makes guessing slow); at most 128
/// characters; never the account's own name.
public enum PasswordRule {
    /// The shortest password.
    public static let minimumLength = 8
    /// The shortest operator PIN (digits only).
    public static let minimumPINLength = 6
    /// The longest password (longer input is refused, not cut).
    public static let maximumLength = 128

    /// Checks `secret` for an account `name` of `role`.
    public static func check(_ secret: String, name: AccountName, role: AccountRole) throws(AccountError) {
        guard secret.count <= maximumLength else { throw .weakPassword(reason: "it has more than \(maximumLength) characters") }
        guard secret.lowercased() != name.rawValue else { throw .weakPassword(reason: "it is the account's name") }
        let isPIN = !secret.isEmpty && secret.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        if role == .operator, isPIN {
            guard secret.count >= minimumPINLength else {
                throw .weakPassword(reason: "a PIN has at least \(minimumPINLength) digits, this one has \(secret.count)")
            }
            guard Set(secret).count > 1 else { throw .weakPassword(reason: "a PIN of one digit repeated is too easy to guess") }
            return
        }
        guard secret.count >= minimumLength else {
            throw .weakPassword(reason: "it has \(secret.count) characters; at least \(minimumLength) are needed"
                                + (role == .operator ? " (or a PIN of at least \(minimumPINLength) digits)" : ""))
        }
    }
}
