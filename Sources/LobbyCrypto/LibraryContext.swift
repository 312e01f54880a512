import CLibCrypto

/// libcrypto's algorithms, fetched once from a private library context.
///
/// The private context reads no configuration file (`/etc/ssl/openssl.cnf` cannot switch providers
/// under the daemon) and loads only OpenSSL's default provider, on first use. Fetched algorithms are
/// reference-counted, immutable and safe to share between threads.
enum LibraryContext {
    /// An algorithm object (`EVP_MD *` or `EVP_CIPHER *`) that lives as long as the process.
    struct Fetched: @unchecked Sendable {
        /// The libcrypto pointer.
        let pointer: OpaquePointer
    }

    /// The process's context (`OSSL_LIB_CTX *`), created on first use.
    private static let context = Fetched(pointer: OSSL_LIB_CTX_new())

    /// The library context pointer for one-shot calls (`EVP_Q_mac`).
    static var pointer: OpaquePointer { context.pointer }

    /// The digest named `name` (`SHA1`, `SHA256`).
    static func digest(_ name: String) throws(CryptoError) -> Fetched {
        guard let md = EVP_MD_fetch(context.pointer, name, nil) else { throw .unavailable(algorithm: name, reason: lastError()) }
        return Fetched(pointer: md)
    }

    /// The cipher named `name` (`DES-EDE-CBC`, `DES-EDE3-ECB` …).
    static func cipher(_ name: String) throws(CryptoError) -> Fetched {
        guard let cipher = EVP_CIPHER_fetch(context.pointer, name, nil) else { throw .unavailable(algorithm: name, reason: lastError()) }
        return Fetched(pointer: cipher)
    }

    /// libcrypto's text for the oldest error on this thread's queue (and clears the queue).
    static func lastError() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "no error recorded" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Stops the process for a libcrypto failure after the algorithm was fetched: only an allocation
    /// failure is left then, which Swift itself treats as fatal.
    static func fail(_ operation: String) -> Never {
        fatalError("libcrypto failed in \(operation): \(lastError())")
    }

    /// Calls `body` with a pointer that is never nil (libcrypto reads nothing when `count` is 0).
    static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        if bytes.isEmpty {
            var zero: UInt8 = 0
            return withUnsafePointer(to: &zero) { body($0, 0) }
        }
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }
}
