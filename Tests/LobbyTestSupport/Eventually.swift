import Foundation

/// Waits until `condition` holds, checking every `interval` seconds; false once `seconds` passed.
///
/// The one way tests wait for something another process or thread does: they wait on the
/// condition, never for a fixed time, so a loaded machine makes them slower, not red.
public func eventually(within seconds: Double, every interval: Double = 0.02, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
    }
    return try await condition()
}

/// Runs `work`, which blocks (waits for a process, reads a pipe to its end), on a thread of its
/// own, so the blocking wait holds no thread of the small cooperative pool that tests running
/// beside it need.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}
