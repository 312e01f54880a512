import LobbyQueue

/// Identifier of a node of the kiosk's category tree; the root is 0.
public struct CategoryNodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Index into `KioskCatalog.nodes`.
    public let rawValue: Int
    /// Wraps an index.
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    /// The root of the tree.
    public static let root = CategoryNodeID(0)
    /// `#n`.
    public var description: String { "#\(rawValue)" }
    /// Orders by index.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The services of a centre arranged for the kiosk: a category tree built from the services'
/// category paths, and search over service names in each language.
public struct KioskCatalog: Sendable, Hashable {
    /// One node of the category tree.
    public struct Node: Sendable, Hashable {
        /// The category name (empty for the root).
        public var name: LocalizedText
        /// The parent node (nil for the root).
        public var parent: CategoryNodeID?
        /// Sub-categories, in configuration order.
        public var children: [CategoryNodeID]
        /// Services placed directly in this category, in configuration order.
        public var services: [ServiceID]
    }

    /// Every node; index 0 is the root.
    public private(set) var nodes: [Node]
    /// The services by identifier.
    public let services: [ServiceID: ServiceDefinition]
    /// Every service in configuration order.
    public let order: [ServiceID]
    /// Every service sorted by name, per language (computed once).
    private let sorted: [Language: [ServiceID]]
    /// Folded words of every name, per language (computed once).
    private let words: [Language: [ServiceID: [String]]]

    /// Builds the tree: nodes are matched by their name in every language, so two services
    /// with equal category paths share the nodes.
    public init(services definitions: [ServiceDefinition]) {
        var nodes = [Node(name: LocalizedText([:]), parent: nil, children: [], services: [])]
        var map: [ServiceID: ServiceDefinition] = [:]
        for service in definitions {
            map[service.id] = service
            var current = CategoryNodeID.root
            for name in service.categoryPath {
                if let existing = nodes[current.rawValue].children.first(where: { nodes[$0.rawValue].name == name }) {
                    current = existing
                } else {
                    let id = CategoryNodeID(nodes.count)
                    nodes.append(Node(name: name, parent: current, children: [], services: []))
                    nodes[current.rawValue].children.append(id)
                    current = id
                }
            }
            nodes[current.rawValue].services.append(service.id)
        }
        self.nodes = nodes
        services = map
        order = definitions.map(\.id)
        var sorted: [Language: [ServiceID]] = [:]
        var words: [Language: [ServiceID: [String]]] = [:]
        for language in Language.allCases {
            let keys = Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, KioskAlphabet.sortKey($0.name.text(in: language), language)) })
            sorted[language] = order.sorted { keys[$0]! == keys[$1]! ? $0 < $1 : keys[$0]!.lexicographicallyPrecedes(keys[$1]!) }
            words[language] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, KioskAlphabet.words($0.name.text(in: language), language)) })
        }
        self.sorted = sorted
        self.words = words
    }

    /// The catalogue of a centre configuration.
    public init(configuration: CentreConfiguration) { self.init(services: configuration.services) }

    /// The node with `id`.
    public func node(_ id: CategoryNodeID) -> Node { nodes[id.rawValue] }

    /// Every service in the subtree of `id`, in configuration order.
    public func servicesUnder(_ id: CategoryNodeID) -> [ServiceID] {
        var result = node(id).services
        for child in node(id).children { result += servicesUnder(child) }
        return result
    }

    /// Every service sorted by its name in `language`.
    public func alphabetical(_ language: Language) -> [ServiceID] {
        sorted[language]!
    }

    /// The services of `scope` whose name matches `query` (folded) in `language`.
    public func list(_ scope: ServiceScope, query: String, language: Language) -> [ServiceID] {
        let base: [ServiceID]
        switch scope {
        case .all: base = alphabetical(language)
        case .category(let id): base = servicesUnder(id)
        }
        if query.isEmpty { return base }
        let table = words[language]!
        // Stable: names starting with the letters, then names with a word starting with them,
        // then names containing them; each group in the scope's order.
        var groups: [[ServiceID]] = [[], [], []]
        for id in base {
            if let rank = Self.rank(table[id]!, query) { groups[rank].append(id) }
        }
        return groups.flatMap { $0 }
    }

    /// How well a name's folded words match `query`: 0 the name starts with it, 1 a later word
    /// does, 2 a word contains it; nil when it does not match.
    static func rank(_ words: [String], _ query: String) -> Int? {
        if words.first?.hasPrefix(query) == true { return 0 }
        if words.contains(where: { $0.hasPrefix(query) }) { return 1 }
        if words.contains(where: { $0.contains(query) }) { return 2 }
        return nil
    }

    /// The keyboard letters that would still leave at least one match after `query`.
    public func usefulLetters(_ scope: ServiceScope, query: String, language: Language) -> Set<String> {
        let table = words[language]!
        let names = list(scope, query: query, language: language).map { table[$0]! }
        var useful: Set<String> = []
        for letter in KioskAlphabet.letters(language) {
            let candidate = query + letter
            if names.contains(where: { Self.rank($0, candidate) != nil }) { useful.insert(letter) }
        }
        return useful
    }
}

/// Which services a list shows.
public enum ServiceScope: Hashable, Sendable {
    /// Every service, alphabetically.
    case all
    /// The services under a category node, in configuration order.
    case category(CategoryNodeID)
}
