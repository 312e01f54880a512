import Foundation

/// An exclusive lock on a journal (`<journal>.lock`, flock): one writer at a time. lobbyd holds
/// it while it runs; `lobbyctl journal recover` takes it, so it never changes a journal in use.
/// Released when the lock is released or the process ends.
public final class JournalLock {
    private let fd: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock of the journal at `journalPath`, or throws naming who holds it.
    public init(journalPath: String) throws(JournalError) {
        path = journalPath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw .cannotOpen(path: journalPath, reason: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw .cannotOpen(path: journalPath, reason: "another process uses this journal (\(holder.isEmpty ? "see \(path)" : holder)); stop it first")
        }
        self.fd = fd
        let note = "pid \(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
