import ArgumentParser
import Foundation
import LobbyConfiguration

/// `lobbyctl tls …`: a centre CA and server certificate for the consoles, and nginx's site file
/// (Decision 0052: nginx from Debian terminates TLS in front of lobbyd).
struct TLSCommandGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls", abstract: "Make the centre's TLS certificates; write nginx's site file for lobbyd.",
        subcommands: [Init.self, Nginx.self])

    /// The files `tls init` writes.
    struct InitReport: Encodable {
        let directory: String
        let caCertificate: String
        let caKey: String
        let certificate: String
        let key: String
        let names: [String]
        let caFingerprint: String
        let validDays: Int
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a centre CA and a server certificate signed by it (openssl), and say how to trust the CA on window PCs.")
        @Option(help: "Where to write the files.") var dir = "/etc/lobby/tls"
        @Option(help: "The server's DNS name as window PCs reach it, e.g. lobby.centre.local (repeatable).") var name: [String] = []
        @Option(help: "The server's IP address on the LAN (repeatable).") var ip: [String] = []
        @Option(help: "The centre's name in the CA's subject.") var centre = "Lobby centre"
        @Option(help: "Days the server certificate is valid (browsers accept at most 398 for public CAs; a private CA may use more).") var days = 825
        @Flag(help: "Replace existing files.") var force = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard !name.isEmpty || !ip.isEmpty else { throw ValidationError("give the server's --name and/or --ip as window PCs reach it") }
            for n in name where n.isEmpty || !n.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) || !n.allSatisfy(\.isASCII) {
                throw ValidationError("--name '\(n)' is not a DNS name (letters, digits, '.', '-')")
            }
            for address in ip where !TLSFiles.isIPAddress(address) {
                throw ValidationError("--ip '\(address)' is not an IPv4 or IPv6 address")
            }
            guard (1...3650).contains(days) else { throw ValidationError("--days must be 1 to 3650") }
            guard !centre.contains("/"), !centre.contains("\n") else { throw ValidationError("--centre may not contain '/' or a line break") }
        }

        func run() throws {
            let files = TLSFiles(directory: dir)
            let report = try files.make(names: name, addresses: ip, centre: centre, days: days, force: force)
            if json {
                try printJSON(report)
            } else {
                print(TLSFiles.summary(report))
            }
        }
    }

    struct Nginx: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print (or write) nginx's site file for lobbyd from the configuration's api.tls.")
        @Option(name: .shortAndLong, help: "The configuration file.") var config = "/etc/lobby/lobby.yaml"
        @Option(help: "Write the site file here instead of printing it (e.g. /etc/nginx/sites-available/lobby).") var out: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let loaded: DaemonConfiguration
            do {
                loaded = try ConfigurationLoader.load(path: config)
            } catch {
                throw CLIError.failed("configuration-error", "configuration error: \(error)", exitCode: 78)
            }
            guard let tls = loaded.api.tls else {
                throw CLIError.failed("no-tls", "\(config) has no api.tls section (certificate, key, listen): see Docs/Install.md, \"TLS\"", exitCode: 78)
            }
            let site = NginxSite.text(api: loaded.api, tls: tls, source: config)
            if let out {
                do {
                    try site.write(toFile: out, atomically: true, encoding: .utf8)
                } catch {
                    throw CLIError.failed("cannot-write", "cannot write \(out): \(error.localizedDescription)", exitCode: 73)
                }
            }
            if json {
                try printJSON(["site": site, "written": out ?? ""])
            } else if out == nil {
                print(site, terminator: "")
            } else {
                print("wrote \(out!); check it with nginx -t, then reload nginx")
            }
        }
    }
}

/// nginx's site file for lobbyd: TLS on `api.tls.listen`, everything proxied to lobbyd's loopback listener.
enum NginxSite {
    /// The site file's text for `api` and `tls`, naming the configuration it came from.
    static func text(api: APIConfiguration, tls: TLSConfiguration, source: String) -> String {
        let upstream = api.host.contains(":") ? "[\(api.host)]:\(api.port)" : "\(api.host):\(api.port)"
        let listen = tls.host.contains(":") ? "[\(tls.host)]:\(tls.port)" : "\(tls.host):\(tls.port)"
        return """
        # lobbyd behind nginx (Decision 0052). Written by `lobbyctl tls nginx` from \(source);
        # write it again after changing api.listen or api.tls.
        server {
            listen \(listen) ssl;
            ssl_certificate \(tls.certificatePath);
            ssl_certificate_key \(tls.keyPath);
            ssl_protocols TLSv1.2 TLSv1.3;
            ssl_prefer_server_ciphers off;
            client_max_body_size \(api.maxBodyBytes);
            add_header Strict-Transport-Security "max-age=31536000" always;

            location / {
                proxy_pass http://\(upstream);
                proxy_http_version 1.1;
                proxy_set_header Host $host;
                proxy_set_header Connection "";
                proxy_set_header X-Forwarded-Proto https;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                # Event streams (hall display, consoles): pass every event at once, keep them open.
                proxy_buffering off;
                proxy_cache off;
                proxy_read_timeout 1h;
            }
        }

        """
    }
}
