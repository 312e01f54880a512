import Foundation

/// The one thread on which a `CupsPrinterPort` makes every libcups call.
///
/// libcups keeps its server setting, last error and default connection per thread, and Swift
/// tasks move between threads; an `http_t` connection is not thread-safe either. So the port
/// owns this thread, sets the server on it once (`cupsSetServer`), keeps its own connection
/// there, and runs each request as a closure on it, one at a time.
final class CupsThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var work: [() -> Void] = []
    private var stopping = false
    private var thread: Thread?

    /// Starts the thread; `setUp` runs first on it (it sets the server and user).
    init(name: String, setUp: @escaping @Sendable () -> Void) {
        let thread = Thread {
            setUp()
            self.loop()
        }
        thread.name = name
        self.thread = thread
        thread.start()
    }

    /// Stops the thread after the queued work.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on the thread and returns its result.
    func perform<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            condition.lock()
            work.append { continuation.resume(returning: body()) }
            condition.signal()
            condition.unlock()
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while work.isEmpty, !stopping { condition.wait() }
            if work.isEmpty, stopping {
                condition.unlock()
                return
            }
            let next = work.removeFirst()
            condition.unlock()
            next()
        }
    }
}
