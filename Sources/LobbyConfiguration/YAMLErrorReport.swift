import Foundation
import Yams

/// Turns Yams' errors into `ConfigFileError`s that name the position and the field, and never
/// contain the file's text: Yams' own descriptions quote the offending line, and for a duplicate
/// key the whole file (secrets included).
enum YAMLErrorReport {
    /// A line and column (1-based), as Yams counts them.
    struct Place {
        let line: Int
        let column: Int
        init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
        init(_ mark: Mark) { self.init(line: mark.line, column: mark.column) }
    }

    /// The error for `e`, raised while composing `text`.
    static func error(_ e: YamlError, text: String, file: String) -> ConfigFileError {
        switch e {
        case .duplicatedKeysInMapping(let keys, let context):
            return duplicateKey(keys: keys, firstAt: Place(context.mark), text: text, file: file)
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return syntax(problem: problem, at: Place(mark), context: context, text: text, file: file)
        case .reader(let problem, let offset, _, _):
            let mark = offset.map { position(ofCharacter: $0, in: text) } ?? Place(line: 0, column: 0)
            return syntax(problem: "\(problem) (only UTF-8 text without control characters is allowed)", at: mark, context: nil, text: text, file: file)
        default:
            return ConfigFileError(file: file, line: 0, column: 0, field: "", message: "not valid YAML")
        }
    }

    /// The error for a file that is not UTF-8: the position of the first byte that is not, and
    /// the field before it (the bytes themselves are not shown).
    static func invalidUTF8(_ data: Data, file: String) -> ConfigFileError {
        var decoder = UTF8()
        var bytes = data.makeIterator()
        var valid = String.UnicodeScalarView()
        var line = 1, column = 1
        decoding: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar):
                valid.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                break decoding
            }
        }
        let lines = String(valid).split(separator: "\n", omittingEmptySubsequences: false)
        let field = lastKeyPath(before: Place(line: line, column: column), lines: lines)
        return ConfigFileError(file: file, line: line, column: column, field: field ?? "",
                               message: "the file is not UTF-8 text here; save it as UTF-8 (an editor's \"encoding\" setting)")
    }

    // MARK: - Syntax errors

    private static func syntax(problem: String, at mark: Place, context: YamlError.Context?, text: String, file: String) -> ConfigFileError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let tab = tabIndentation(at: mark, context: context, lines: lines) {
            let field = fieldOfTabbedLine(tab.line, lines: lines) ?? lastKeyPath(before: Place(line: tab.line, column: 1), lines: lines)
            return ConfigFileError(file: file, line: tab.line, column: tab.column, field: field ?? "",
                                   message: "a tab is used for indentation; YAML indents with spaces only (replace the tab with spaces)")
        }
        let lookup = context.map { Place($0.mark) } ?? mark
        let field = lastKeyPath(before: lookup, lines: lines)
        var message = "not valid YAML: \(problem)"
        if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
        return ConfigFileError(file: file, line: mark.line, column: mark.column, field: field ?? "", message: message)
    }

    /// The position of a tab in the indentation of the error's line or its context's line, if any.
    private static func tabIndentation(at mark: Place, context: YamlError.Context?, lines: [Substring]) -> (line: Int, column: Int)? {
        for line in [mark.line, context?.mark.line].compactMap({ $0 }) where line >= 1 && line <= lines.count {
            let indentation = lines[line - 1].unicodeScalars.prefix { $0 == " " || $0 == "\t" }
            if let tab = indentation.firstIndex(of: "\t") {
                return (line, indentation.distance(from: indentation.startIndex, to: tab) + 1)
            }
        }
        return nil
    }

    /// The field of a tab-indented line: the line (and those above it) read with the tabs
    /// replaced by the indentation it most likely meant (its predecessor's, or one level deeper).
    private static func fieldOfTabbedLine(_ line: Int, lines: [Substring]) -> String? {
        let previous = lines[..<(line - 1)].last { !$0.allSatisfy { $0 == " " || $0 == "\t" } && !$0.drop(while: { $0 == " " }).hasPrefix("#") }
        // Where the previous line's content starts (after list dashes), and whether it opens a block.
        var content = 0
        var opensBlock = false
        if let previous {
            var rest = previous.drop { $0 == " " }
            content = previous.count - rest.count
            while rest.hasPrefix("- ") {
                rest = rest.dropFirst(2).drop { $0 == " " }
                content = previous.count - rest.count
            }
            opensBlock = rest.split(separator: "#").first.map { $0.reversed().drop(while: { $0 == " " }).first == ":" } ?? false
        }
        let body = lines[line - 1].drop { $0 == " " || $0 == "\t" }
        for indent in opensBlock ? [content + 2, content + 4, content] : [content, content + 2, content + 4] {
            var candidate = Array(lines[..<(line - 1)])
            candidate.append(Substring(String(repeating: " ", count: indent) + body))
            guard let root = try? Yams.compose(yaml: candidate.joined(separator: "\n")) else { continue }
            var found: String?
            walkKeys(root, path: "") { key, path in if key.mark?.line == line { found = path } }
            if let found { return found }
        }
        return nil
    }

    /// The path of the last key that starts before `mark`, read from the longest part of the
    /// text before it that is valid YAML.
    static func lastKeyPath(before mark: Place, lines: [Substring]) -> String? {
        guard mark.line >= 1 else { return nil }
        var prefix = Array(lines.prefix(mark.line - 1))
        if mark.line <= lines.count {
            prefix.append(Substring(String(lines[mark.line - 1].unicodeScalars.prefix(max(0, mark.column - 1)))))
        }
        for _ in 0..<32 {
            let text = prefix.joined(separator: "\n")
            if let root = (try? Yams.compose(yaml: text + closers(for: text))) ?? (try? Yams.compose(yaml: text)) {
                var last: String?
                walkKeys(root, path: "") { key, path in
                    if let m = key.mark, (m.line, m.column) < (mark.line, mark.column) { last = path }
                }
                return last
            }
            guard !prefix.isEmpty else { return nil }
            prefix.removeLast()
        }
        return nil
    }

    /// The brackets that close the flow collections `text` leaves open (quotes and comments skipped).
    private static func closers(for text: String) -> String {
        var open: [Character] = []
        var quote: Character?
        var comment = false
        var previous: Character = "\n"
        for c in text {
            if c == "\n" { comment = false }
            if comment { previous = c; continue }
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" && (previous == " " || previous == "\n") {
                comment = true
            } else if c == "{" || c == "[" {
                open.append(c == "{" ? "}" : "]")
            } else if (c == "}" || c == "]") && !open.isEmpty {
                open.removeLast()
            }
            previous = c
        }
        return (quote.map { String($0) } ?? "") + String(open.reversed())
    }

    /// Calls `visit` for every mapping key in document order, with the path of its value.
    static func walkKeys(_ node: Node, path: String, _ visit: (Node, String) -> Void) {
        switch node {
        case .mapping(let m):
            for (k, v) in m {
                let name = k.string ?? "?"
                let childPath = path.isEmpty ? name : path + "." + name
                visit(k, childPath)
                walkKeys(v, path: childPath, visit)
            }
        case .sequence(let s):
            for (i, item) in s.enumerated() { walkKeys(item, path: "\(path)[\(i)]", visit) }
        case .scalar, .alias:
            break
        }
    }

    /// Line and column (1-based) of the `offset`-th character of `text`.
    private static func position(ofCharacter offset: Int, in text: String) -> Place {
        var line = 1, column = 1
        for c in text.prefix(offset) {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return Place(line: line, column: column)
    }

    // MARK: - Duplicate keys

    /// A key given twice: Yams reports the first of the two; the loader reports the second,
    /// with the path of its mapping, so that the message reads like every other one.
    private static func duplicateKey(keys: [String], firstAt first: Place, text: String, file: String) -> ConfigFileError {
        let located = locateDuplicate(firstAt: first, text: text)
        let key = located?.key ?? keys.first ?? "?"
        let path = located?.mappingPath ?? lastKeyPath(before: first, lines: text.split(separator: "\n", omittingEmptySubsequences: false)) ?? ""
        let at = located?.second ?? first
        let secret = ConfigSecrets.isSecretSection(path)
        let shown = ConfigSecrets.mayShow(key, secretSection: secret, secretField: false)
        let field = shown ? (path.isEmpty ? key : path + "." + key) : path
        let what = shown ? "given twice" : "a key (\(ConfigSecrets.withheld(key))) is given twice"
        return ConfigFileError(file: file, line: at.line, column: at.column, field: field,
                               message: "\(what) in the same mapping (first at line \(first.line), column \(first.column)); keep one")
    }

    /// Finds the mapping that holds the duplicate key first seen at `first`, and where it is
    /// given again. Each key Yams reports is renamed in a copy of the text (its first character
    /// replaced by a private-use character, so no position moves) until the copy composes.
    private static func locateDuplicate(firstAt first: Place, text: String) -> (key: String, mappingPath: String, second: Place?)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        var originals: [Unicode.Scalar: Unicode.Scalar] = [:]
        var mark = first
        for attempt in 0..<256 {
            guard mark.line >= 1, mark.line <= lines.count else { return nil }
            var column = mark.column - 1
            guard column < lines[mark.line - 1].count else { return nil }
            if lines[mark.line - 1][column] == "\"" || lines[mark.line - 1][column] == "'" { column += 1 }
            guard column < lines[mark.line - 1].count, let placeholder = Unicode.Scalar(0xE000 + attempt) else { return nil }
            originals[placeholder] = lines[mark.line - 1][column]
            lines[mark.line - 1][column] = placeholder
            let copy = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
            do {
                guard let root = try Yams.compose(yaml: copy) else { return nil }
                return find(first, in: root, path: "", originals: originals)
            } catch YamlError.duplicatedKeysInMapping(_, let context) {
                mark = Place(context.mark)
            } catch {
                return nil
            }
        }
        return nil
    }

    /// The key at `first`, the path of its mapping, and the next key of that mapping with the same name.
    private static func find(_ first: Place, in node: Node, path: String, originals: [Unicode.Scalar: Unicode.Scalar]) -> (key: String, mappingPath: String, second: Place?)? {
        func original(_ k: Node) -> String {
            String(String.UnicodeScalarView((k.string ?? "").unicodeScalars.map { originals[$0] ?? $0 }))
        }
        switch node {
        case .mapping(let m):
            let pairs = Array(m)
            if let index = pairs.firstIndex(where: { $0.key.mark?.line == first.line && $0.key.mark?.column == first.column }) {
                let key = original(pairs[index].key)
                let second = pairs[(index + 1)...].first { original($0.key) == key }?.key.mark.map(Place.init)
                return (key, path, second)
            }
            for (k, v) in pairs {
                let name = original(k)
                if let found = find(first, in: v, path: path.isEmpty ? name : path + "." + name, originals: originals) { return found }
            }
        case .sequence(let s):
            for (i, item) in s.enumerated() {
                if let found = find(first, in: item, path: "\(path)[\(i)]", originals: originals) { return found }
            }
        case .scalar, .alias:
            break
        }
        return nil
    }
}
