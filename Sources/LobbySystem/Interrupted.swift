import Glibc

/// The one place where system calls interrupted by a signal (`EINTR`) are repeated.
public enum Interrupted {
    /// Runs `call` again while it fails (returns a negative value) with `EINTR`; any other result is returned
    /// with `errno` as the call left it.
    @inlinable
    public static func retry<Result: BinaryInteger>(_ call: () -> Result) -> Result {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}
