/// Why lobbyd could not start: the message for standard error and the exit code systemd sees
/// (65 a damaged journal, 69 a missing library or port, 78 configuration, 1 otherwise).
struct StartFailure: Error, Sendable {
    /// What stopped the start, one sentence.
    let message: String
    /// The process's exit code.
    let code: Int32
}
