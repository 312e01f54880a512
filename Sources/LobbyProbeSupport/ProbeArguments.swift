/// A probe's command line after the command word, consumed option by option.
public struct ProbeArguments {
    /// The words not consumed yet.
    public var words: [String]

    /// Arguments from their words (the command line without the program and command words).
    public init(words: [String]) { self.words = words }

    /// Removes a flag; whether it was there.
    public mutating func flag(_ name: String) -> Bool {
        guard let index = words.firstIndex(of: name) else { return false }
        words.remove(at: index)
        return true
    }

    /// Removes an option with a value; the value.
    public mutating func value(_ name: String) -> String? {
        guard let index = words.firstIndex(of: name), index + 1 < words.count else { return nil }
        let found = words[index + 1]
        words.removeSubrange(index...(index + 1))
        return found
    }

    /// Removes every occurrence of a repeatable option.
    public mutating func values(_ name: String) -> [String] {
        var found: [String] = []
        while let value = value(name) { found.append(value) }
        return found
    }
}
