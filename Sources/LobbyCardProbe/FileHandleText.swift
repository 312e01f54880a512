@preconcurrency import Glibc

/// Writing to standard error without Foundation.
enum FileHandleText {
    /// Writes a line to stderr.
    static func error(_ text: String) {
        fputs(text.hasSuffix("\n") ? text : text + "\n", stderr)
    }
}
