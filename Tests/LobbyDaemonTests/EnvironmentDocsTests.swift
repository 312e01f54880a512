import Foundation
import LobbyTestSupport
import Testing

/// Every environment variable the programs read is documented: Docs/Configuration.md
/// ("Environment") lists each with the programs that read it, and lobbyd's and lobbyctl's
/// `--help` name theirs.
@Suite("environment variables are documented", .tags(.unit))
struct EnvironmentDocsTests {
    /// Variables read in Sources (`getenv("X")`, `environment["X"]`, names listed on the line
    /// that reads them), with the source folders that read each.
    static func variablesRead() throws -> [String: Set<String>] {
        let sources = Built.repository.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        var found: [String: Set<String>] = [:]
        let name = try Regex(#""([A-Z][A-Z0-9_]{2,})""#, as: (Substring, Substring).self)
        for file in files where [".swift", ".c", ".h"].contains(where: file.hasSuffix) {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("getenv(") || line.contains("environment[") {
                for match in line.matches(of: name) {
                    found[String(match.1), default: []].insert(String(file.split(separator: "/")[0]))
                }
            }
        }
        return found
    }

    /// The rows of Docs/Configuration.md's "Environment" table: variable → who reads it.
    static func documented() throws -> [String: String] {
        let text = try String(contentsOf: Built.repository.appendingPathComponent("Docs/Configuration.md"), encoding: .utf8)
        guard let start = text.range(of: "\n## Environment\n") else { throw TestFailure("Docs/Configuration.md has no '## Environment' section") }
        let section = String(text[start.upperBound...]).components(separatedBy: "\n## ").first ?? ""
        var rows: [String: String] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            for variable in cells[0].split(separator: ",") {
                rows[variable.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`$"))] = cells[1]
            }
        }
        return rows
    }

    @Test("every variable read in Sources is in Docs/Configuration.md, and lobbyd's and lobbyctl's in their --help and docs")
    func everyVariableDocumented() throws {
        let read = try Self.variablesRead()
        let rows = try Self.documented()
        for expected in ["LOBBY_SOCKET", "LOBBY_TOKEN", "LOBBY_DEMO_DIR", "LOBBY_RUNTIME_DIR", "LOBBY_LOG_LEVEL", "XDG_RUNTIME_DIR"] {
            #expect(read[expected] != nil, "the scan of Sources should find \(expected): \(read.keys.sorted())")
        }
        for (variable, folders) in read {
            let readers = try #require(rows[variable], "\(variable) (read in \(folders.sorted())) is not in Docs/Configuration.md, \"Environment\"")
            if !folders.isDisjoint(with: ["lobbyd", "LobbyDaemon"]) { #expect(readers.contains("lobbyd"), "\(variable): read by lobbyd, the table says \(readers)") }
            if !folders.isDisjoint(with: ["lobbyctl", "LobbyClient"]) { #expect(readers.contains("lobbyctl"), "\(variable): read by lobbyctl, the table says \(readers)") }
        }
        let (lobbydCode, lobbydHelp) = try runTool("lobbyd", ["--help"])
        let (lobbyctlCode, lobbyctlHelp) = try runTool("lobbyctl", ["--help"])
        #expect(lobbydCode == 0 && lobbyctlCode == 0)
        let lobbyctlDoc = try String(contentsOf: Built.repository.appendingPathComponent("Docs/lobbyctl.md"), encoding: .utf8)
        for (variable, readers) in rows {
            if readers.contains("lobbyd") { #expect(lobbydHelp.contains(variable), "lobbyd --help does not name \(variable)") }
            if readers.contains("lobbyctl") {
                #expect(lobbyctlHelp.contains(variable), "lobbyctl --help does not name \(variable)")
                #expect(lobbyctlDoc.contains(variable), "Docs/lobbyctl.md does not name \(variable)")
            }
        }
    }
}
