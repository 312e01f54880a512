/// SHA-256 (FIPS 180-4) from libcrypto.
public enum SHA256 {
    /// libcrypto's SHA-256.
    private static let algorithm = Result { () throws(CryptoError) in try LibraryContext.digest("SHA256") }

    /// The 32-byte digest of `message`.
    public static func hash(_ message: [UInt8]) -> [UInt8] { Digest.compute(algorithm, name: "SHA-256", message) }
}
