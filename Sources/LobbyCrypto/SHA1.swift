import CLibCrypto

/// SHA-1 (FIPS 180-4) from libcrypto; kept for the ICAO 9303 BAC key derivation, not for new designs.
public enum SHA1 {
    /// libcrypto's SHA-1.
    private static let algorithm = Result { () throws(CryptoError) in try LibraryContext.digest("SHA1") }

    /// The 20-byte digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] { Digest.compute(algorithm, name: "SHA-1", message) }
}

/// One-shot digests through `EVP_Digest`.
enum Digest {
    /// The digest of `message` under a fetched algorithm; a missing algorithm stops the process with
    /// libcrypto's reason (the default provider always has SHA-1 and SHA-256).
    static func compute(_ algorithm: Result<LibraryContext.Fetched, CryptoError>, name: String, _ message: [UInt8]) -> [UInt8] {
        let md: LibraryContext.Fetched
        switch algorithm {
        case .success(let fetched): md = fetched
        case .failure(let error): fatalError("\(name): \(error)")
        }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var size: UInt32 = 0
        let status = LibraryContext.withBytes(message) { bytes, count in
            EVP_Digest(bytes, count, &out, &size, md.pointer, nil)
        }
        guard status == 1 else { LibraryContext.fail("\(name) digest") }
        return Array(out.prefix(Int(size)))
    }
}
