import Foundation
import LobbyTestSupport
import Testing

/// Static checks of `udev/70-lobby-touchscreen.rules` (Debian 12's udev has no `udevadm verify`;
/// the rule is exercised for real by `udevadm test` in the QEMU lab, see RealKernelTests).
@Suite(.tags(.unit))
struct UdevRulesTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("udev/70-lobby-touchscreen.rules")

    /// One `KEY{attr}OP"value"` item of a rule line.
    struct Item: Equatable {
        var key: String
        var operation: String
        var value: String
    }

    static let matchKeys: Set<String> = ["ACTION", "SUBSYSTEM", "KERNEL", "ENV", "ATTRS", "ATTR"]
    static let assignKeys: Set<String> = ["ENV", "GROUP", "MODE", "SYMLINK", "GOTO", "LABEL", "TAG"]

    /// Why a rule line is malformed.
    struct Malformed: Error {
        var reason: String
    }

    /// Parses a rule line into items, or says why it is malformed.
    static func items(_ line: String) -> Result<[Item], Malformed> {
        var items: [Item] = []
        var rest = Substring(line)
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " })
            guard let operatorStart = rest.firstIndex(where: { "=!+-:".contains($0) }) else { return .failure(Malformed(reason: "no operator in '\(rest)'")) }
            let key = String(rest[..<operatorStart])
            var after = rest[operatorStart...]
            let operation = ["==", "!=", "+=", "-=", ":=", "="].first { after.hasPrefix($0) } ?? ""
            guard !operation.isEmpty else { return .failure(Malformed(reason: "bad operator after \(key)")) }
            after = after.dropFirst(operation.count)
            guard after.first == "\"", let close = after.dropFirst().firstIndex(of: "\"") else { return .failure(Malformed(reason: "value of \(key) not quoted")) }
            items.append(Item(key: key, operation: operation, value: String(after[after.index(after: after.startIndex)..<close])))
            rest = after[after.index(after: close)...]
            if rest.first == "," { rest = rest.dropFirst() } else if !rest.allSatisfy({ $0 == " " }) { return .failure(Malformed(reason: "missing comma after \(key)")) }
            else { rest = "" }
        }
        return .success(items)
    }

    static func rules() throws -> [(line: Int, items: [Item])] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var result: [(Int, [Item])] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            switch items(line) {
            case .success(let found): result.append((index + 1, found))
            case .failure(let problem): Issue.record("line \(index + 1): \(problem.reason)")
            }
        }
        return result
    }

    @Test func sortsAfterInputIdAndBeforeLibinput() {
        let name = Self.file.lastPathComponent
        #expect(name > "60-input-id.rules")
        #expect(name > "60-persistent-input.rules")
        #expect(name < "80-libinput-device-groups.rules")
        #expect(name < "90-libinput-fuzz-override.rules")
    }

    @Test func everyItemIsWellFormedAndEveryGotoHasALabel() throws {
        let rules = try Self.rules()
        #expect(rules.count >= 10)
        var labels: Set<String> = []
        var gotos: [String] = []
        for (line, items) in rules {
            for item in items {
                let base = String(item.key.prefix(while: { $0 != "{" }))
                if item.operation == "==" || item.operation == "!=" {
                    #expect(Self.matchKeys.contains(base), "line \(line): \(item.key) cannot be matched")
                } else {
                    #expect(Self.assignKeys.contains(base), "line \(line): \(item.key) cannot be assigned")
                }
                if base == "LABEL" { labels.insert(item.value) }
                if base == "GOTO" { gotos.append(item.value) }
            }
        }
        for target in gotos { #expect(labels.contains(target), "GOTO \(target) has no LABEL") }
    }

    @Test func touchscreensGetTheDaemonsAccessAndAreHiddenFromDesktops() throws {
        let assignments = try Self.rules().flatMap(\.items).filter { $0.operation == "=" || $0.operation == "+=" }
        #expect(assignments.contains(Item(key: "ENV{LIBINPUT_IGNORE_DEVICE}", operation: "=", value: "1")))
        #expect(assignments.contains(Item(key: "GROUP", operation: "=", value: "lobby")))
        #expect(assignments.contains(Item(key: "MODE", operation: "=", value: "0660")))
        #expect(assignments.contains(Item(key: "SYMLINK", operation: "+=", value: "lobby/touchscreen")))
    }

    @Test func panelsThatUdevCallsMiceAreMatchedByVendor() throws {
        let matches = try Self.rules().flatMap(\.items).filter { $0.key == "ATTRS{id/vendor}" }.map(\.value)
        #expect(matches.contains("04e7"), "Elo")
        #expect(matches.contains("0eef"), "eGalax")
    }
}
