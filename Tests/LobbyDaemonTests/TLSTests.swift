import Foundation
import LobbyClient
import LobbyTestSupport
import Testing

/// TLS for the consoles (Decision 0052): `lobbyctl tls init` makes a centre CA and a server
/// certificate, `lobbyctl tls nginx` writes nginx's site file, and a real nginx started here
/// serves lobbyd over TLS; the role matrix, CSRF and lockout rules hold through it.
@Suite("TLS through nginx", .tags(.host), .serialized)
struct TLSTests {
    static let nginx = "/usr/sbin/nginx"

    /// A free TCP port on loopback (the kernel's choice, released at once).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TestFailure("no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    @Test("tls init makes a CA and a server certificate that openssl verifies; keys are private; no silent overwrite")
    func certificates() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let dir = scratch.path + "/tls"
        var (code, out) = try runTool("lobbyctl", ["tls", "init", "--dir", dir, "--name", "lobby.centre.local", "--ip", "192.0.2.10", "--centre", "Test centre"])
        #expect(code == 0, "\(out)")
        #expect(out.contains("certutil -addstore -f Root centre-ca.crt") && out.contains("update-ca-certificates"), "says how to trust the CA: \(out)")
        for key in ["centre-ca.key", "server.key"] {
            let mode = try FileManager.default.attributesOfItem(atPath: dir + "/" + key)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(key): \(String(mode ?? 0, radix: 8))")
        }
        let verify = try APIContractTests.run("/usr/bin/openssl", ["verify", "-CAfile", dir + "/centre-ca.crt", dir + "/server.crt"])
        #expect(verify.status == 0 && verify.output.contains("OK"), "\(verify.output)")
        let text = try APIContractTests.run("/usr/bin/openssl", ["x509", "-in", dir + "/server.crt", "-noout", "-text"]).output
        #expect(text.contains("DNS:lobby.centre.local") && text.contains("IP Address:192.0.2.10") && text.contains("TLS Web Server Authentication"), "\(text)")
        #expect(text.contains("CA:FALSE"))
        (code, out) = try runTool("lobbyctl", ["tls", "init", "--dir", dir, "--name", "lobby.centre.local", "--json"])
        #expect(code == 1 && out.contains("files-exist"), "an existing CA is not replaced without --force: \(out)")
        (code, out) = try runTool("lobbyctl", ["tls", "init", "--dir", dir, "--ip", "300.1.1.1"])
        #expect(code == 64 && out.contains("not an IPv4 or IPv6 address"), "\(out)")
    }

    @Test("with api.tls, lobbyd's plain HTTP stays on loopback")
    func loopbackOnly() throws {
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
            .replacingOccurrences(of: "  listen: 127.0.0.1:0\n", with: """
                  listen: 0.0.0.0:8080
                  allowRemote: true
                  tls: {listen: "0.0.0.0:443", certificate: /etc/lobby/tls/server.crt, key: /etc/lobby/tls/server.key}

                """)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let (code, out) = try runTool("lobbyd", ["--check", "--config", config])
        #expect(code == 78 && out.contains("plain HTTP stays on loopback"), "\(out)")
    }

    @Test("through nginx: the role matrix, CSRF and lockout rules; the certificate is trusted only through the centre CA")
    func throughNginx() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.nginx) else {
            throw TestFailure("\(Self.nginx) is missing: scripts/setup.sh test installs nginx")
        }
        let scratch = Scratch()
        defer { scratch.cleanup() }
        let tlsDir = scratch.path + "/tls"
        var (code, out) = try runTool("lobbyctl", ["tls", "init", "--dir", tlsDir, "--name", "localhost", "--ip", "127.0.0.1"])
        try #require(code == 0, "\(out)")
        let tlsPort = try Self.freePort()
        let config = scratch.path + "/lobby.yaml"
        try testConfiguration(journal: scratch.path + "/journal.db", socket: scratch.path + "/lobbyd.sock")
            .replacingOccurrences(of: "  maxBodyBytes: 4096\n", with: """
                  maxBodyBytes: 4096
                  tls: {listen: "127.0.0.1:\(tlsPort)", certificate: \(tlsDir)/server.crt, key: \(tlsDir)/server.key}

                """)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(arguments: ["--config", config], scratch: scratch)
        defer { d.stop() }
        // nginx's site file from the configuration; lobbyd's port is the one it chose.
        let site = scratch.path + "/lobby-site.conf"
        (code, out) = try runTool("lobbyctl", ["tls", "nginx", "--config", config, "--out", site])
        try #require(code == 0, "\(out)")
        let siteText = try String(contentsOfFile: site, encoding: .utf8).replacingOccurrences(of: "127.0.0.1:0;", with: "127.0.0.1:\(d.port);")
        #expect(siteText.contains("proxy_buffering off") && siteText.contains("X-Forwarded-Proto https"))
        try siteText.write(toFile: site, atomically: true, encoding: .utf8)
        let prefix = scratch.path + "/nginx"
        try FileManager.default.createDirectory(atPath: prefix + "/logs", withIntermediateDirectories: true)
        try """
            daemon off;
            master_process on;
            worker_processes 1;
            user root;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/logs/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path \(prefix)/body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                include \(site);
            }
            """.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        let check = try APIContractTests.run(Self.nginx, ["-t", "-p", prefix, "-c", prefix + "/nginx.conf"])
        try #require(check.status == 0, "nginx -t: \(check.output)")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.nginx)
        server.arguments = ["-p", prefix, "-c", prefix + "/nginx.conf"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()  // SIGTERM: nginx stops its workers and exits
            server.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(10)
        while !ConnectionFaultTests.connection(tlsPort).closingIfOpen(), Date() < deadline { usleep(50_000) }
        try addAccount(d, "nigar", role: "supervisor", password: "floor-keeper-7")
        try addAccount(d, "farid", role: "manager", password: "centre-manager-1")
        try addAccount(d, "target", role: "operator", password: "573920")
        try addAccount(d, "locked", role: "operator", password: "locked-out-123")
        let script = Built.repository.appendingPathComponent("Tests/LobbyDaemonTests/Scripts/tls_rules.py").path
        let result = try APIContractTests.run("/usr/bin/python3", [script, "--host", "localhost", "--port", "\(tlsPort)", "--ca", tlsDir + "/centre-ca.crt",
                                                                   "--api-md", Built.repository.appendingPathComponent("Docs/API.md").path])
        #expect(result.status == 0, "\(result.output)")
        let summary = try JSONSerialization.jsonObject(with: Data((result.output.split(separator: "\n").last ?? "").utf8)) as? [String: Any]
        #expect((summary?["checked"] as? Int ?? 0) >= 51 * 6, "\(result.output)")
        #expect(d.process.isRunning)
    }
}

private extension Int32 {
    /// Whether this descriptor is a connected socket; closes it.
    func closingIfOpen() -> Bool {
        guard self >= 0 else { return false }
        close(self)
        return true
    }
}
