import Foundation

/// Makes the centre CA and the server certificate with the `openssl` command (Decision 0052):
/// EC P-256 keys, a CA limited to signing server certificates (pathlen 0), a server certificate
/// for the names and addresses window PCs use. Keys are written with mode 0600.
struct TLSFiles {
    let directory: String

    var caCertificate: String { directory + "/centre-ca.crt" }
    var caKey: String { directory + "/centre-ca.key" }
    var certificate: String { directory + "/server.crt" }
    var key: String { directory + "/server.key" }

    /// Whether `text` is an IPv4 or IPv6 address.
    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// Makes the CA and the server certificate; refuses to replace existing files unless `force`.
    func make(names: [String], addresses: [String], centre: String, days: Int, force: Bool) throws -> TLSCommandGroup.InitReport {
        let fm = FileManager.default
        let existing = [caCertificate, caKey, certificate, key].filter { fm.fileExists(atPath: $0) }
        if !existing.isEmpty && !force {
            throw CLIError.failed("files-exist", "\(existing.joined(separator: ", ")) exist already; --force replaces them (window PCs must then trust the new CA)")
        }
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CLIError.failed("cannot-write", "cannot make \(directory): \(error.localizedDescription)", exitCode: 73)
        }
        let work = directory + "/.tls-init-" + UUID().uuidString.prefix(8)
        try? fm.createDirectory(atPath: work, withIntermediateDirectories: false)
        defer { try? fm.removeItem(atPath: work) }
        let subjectAltNames = (names.map { "DNS:\($0)" } + addresses.map { "IP:\($0)" }).joined(separator: ",")
        let extensions = work + "/server.ext"
        try? """
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = \(subjectAltNames)
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            """.write(toFile: extensions, atomically: true, encoding: .utf8)
        let serial = "0x" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(30)
        let commonName = names.first ?? addresses[0]
        let old = umask(0o077)
        defer { umask(old) }
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", work + "/ca.key",
                     "-out", work + "/ca.crt", "-days", "3650", "-subj", "/O=\(centre)/CN=\(centre) Lobby CA",
                     "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        try openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", work + "/server.key",
                     "-out", work + "/server.csr", "-subj", "/O=\(centre)/CN=\(commonName)"])
        try openssl(["x509", "-req", "-in", work + "/server.csr", "-CA", work + "/ca.crt", "-CAkey", work + "/ca.key", "-set_serial", String(serial),
                     "-days", "\(days)", "-sha256", "-extfile", extensions, "-out", work + "/server.crt"])
        let fingerprint = try openssl(["x509", "-in", work + "/ca.crt", "-noout", "-fingerprint", "-sha256"])
            .split(separator: "=", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        for (from, to) in [("ca.crt", caCertificate), ("ca.key", caKey), ("server.crt", certificate), ("server.key", key)] {
            try? fm.removeItem(atPath: to)
            do {
                try fm.moveItem(atPath: work + "/" + from, toPath: to)
            } catch {
                throw CLIError.failed("cannot-write", "cannot write \(to): \(error.localizedDescription)", exitCode: 73)
            }
            chmod(to, to.hasSuffix(".key") ? 0o600 : 0o644)
        }
        return TLSCommandGroup.InitReport(directory: directory, caCertificate: caCertificate, caKey: caKey, certificate: certificate, key: key,
                                          names: names + addresses, caFingerprint: fingerprint, validDays: days)
    }

    /// Runs `openssl` with `arguments`; its standard output, or a failure with what it said.
    @discardableResult
    private func openssl(_ arguments: [String]) throws -> String {
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CLIError.failed("openssl-missing", "the openssl command is not installed (apt-get install openssl)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw CLIError.failed("openssl-failed", "openssl \(arguments.first ?? "") failed: \(String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// What `tls init` tells a technician: the files, and how each kind of window PC trusts the CA.
    static func summary(_ r: TLSCommandGroup.InitReport) -> String {
        """
        made the centre CA and a server certificate for \(r.names.joined(separator: ", ")) (valid \(r.validDays) days):
          \(r.caCertificate)   the CA: copy it to every window PC (it is public)
          \(r.caKey)   the CA's key: keep it offline (move it off this machine); needed only for new certificates
          \(r.certificate)   the server certificate, and its key \(r.key)
        CA fingerprint (SHA-256): \(r.caFingerprint)   compare it on each PC before trusting

        Trust the CA on the window PCs:
          Windows (as administrator):   certutil -addstore -f Root centre-ca.crt
          Debian/Ubuntu:                cp centre-ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates
          Chromium on Linux also reads: certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n "Lobby centre CA" -i centre-ca.crt
          Firefox:                      Settings → Privacy & Security → Certificates → Import (trust for websites),
                                        or the policy "Certificates": {"ImportEnterpriseRoots": true} on Windows
        Then set api.tls (certificate, key, listen) in lobby.yaml and run: lobbyctl tls nginx --out /etc/nginx/sites-available/lobby
        """
    }
}
