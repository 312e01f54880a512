import LobbyTouch

/// Picks the touchscreen to read among discovered devices (pure).
///
/// Ranking: devices forced in by the configuration's match lines first, then those with `INPUT_PROP_DIRECT`,
/// then by protocol (multitouch B, A, single touch with `BTN_TOUCH`, with `BTN_LEFT`), then by
/// event number. With nothing usable, the health says whether nothing is there or a touchscreen
/// is there but unreadable (udev's database tells which unreadable nodes are touchscreens).
public enum TouchscreenSelector {
    /// The outcome of a selection.
    public enum Selection: Hashable, Sendable {
        /// Read this device with this protocol.
        case touchscreen(InputDeviceEntry, TouchProtocol, basis: TouchDeviceClassifier.Basis)
        /// Nothing to read; the health to report.
        case none(TouchscreenHealth)
    }

    /// Chooses among `entries`. With `devicePath` set, only that node counts and a node that is
    /// there but is not a touchscreen is an error rather than an absence.
    public static func select(_ entries: [InputDeviceEntry], matchList: DeviceMatchList = DeviceMatchList(),
                              devicePath: String? = nil) -> Selection {
        if let devicePath {
            guard let entry = entries.first(where: { $0.path == devicePath }) else { return .none(.absent) }
            if let failure = entry.failure {
                return failure.meansAbsent ? .none(.absent) : .none(.error(reason: failure.description))
            }
            guard let device = entry.description else { return .none(.absent) }
            switch TouchDeviceClassifier.classify(device, matchList: matchList) {
            case .touchscreen(let found, let basis): return .touchscreen(entry, found, basis: basis)
            case .notTouchscreen(let reason):
                return .none(.error(reason: "\(devicePath) (\"\(device.name)\" \(device.identity.vendorProduct)) is not a touchscreen: \(reason)"))
            }
        }
        var best: (rank: Rank, entry: InputDeviceEntry, found: TouchProtocol, basis: TouchDeviceClassifier.Basis)?
        for entry in entries {
            guard let device = entry.description,
                  case .touchscreen(let found, let basis) = TouchDeviceClassifier.classify(device, matchList: matchList)
            else { continue }
            let rank = Rank(entry: entry, device: device, found: found, basis: basis)
            if best == nil || rank < best!.rank {
                best = (rank, entry, found, basis)
            }
        }
        if let best { return .touchscreen(best.entry, best.found, basis: best.basis) }
        // A node this process may not open is only worth an alarm when udev says it is a
        // touchscreen (or a panel a match line or quirk names): keyboards the daemon has no business reading are not.
        for entry in entries where entry.failure?.isPermissionProblem ?? false {
            guard let failure = entry.failure, let record = entry.udev, record.describesTouchscreen(matchList: matchList) else { continue }
            return .none(.error(reason: "\(failure.description) (is the daemon in the device's group?)"))
        }
        return .none(.absent)
    }

    /// How good a touchscreen is as the kiosk's panel; lower is better. `kind` is everything
    /// but the event number, which only breaks ties.
    public struct Rank: Comparable, Sendable {
        /// Configured match line, `INPUT_PROP_DIRECT`, protocol (0 is best in each).
        public var kind: [Int]
        /// The node's event number (`Int.max` when unknown).
        public var eventNumber: Int

        /// The rank of a classified device.
        public init(entry: InputDeviceEntry, device: DeviceDescription, found: TouchProtocol, basis: TouchDeviceClassifier.Basis) {
            kind = [basis.isConfigured ? 0 : 1, device.has(.direct) ? 0 : 1, TouchscreenSelector.protocolRank(found)]
            eventNumber = entry.eventNumber ?? Int.max
        }

        /// Kind first, then the event number.
        public static func < (lhs: Rank, rhs: Rank) -> Bool {
            lhs.kind == rhs.kind ? lhs.eventNumber < rhs.eventNumber : lhs.kind.lexicographicallyPrecedes(rhs.kind)
        }
    }

    /// Whether the touchscreen `select` would choose among `entries` is of a better kind than the
    /// one at `currentPath` (not merely a lower event number): the monitor then changes over.
    public static func betterThanCurrent(_ entries: [InputDeviceEntry], currentPath: String, matchList: DeviceMatchList) -> Bool {
        func rank(_ entry: InputDeviceEntry) -> Rank? {
            guard let device = entry.description,
                  case .touchscreen(let found, let basis) = TouchDeviceClassifier.classify(device, matchList: matchList) else { return nil }
            return Rank(entry: entry, device: device, found: found, basis: basis)
        }
        guard case .touchscreen(let best, _, _) = select(entries, matchList: matchList), best.path != currentPath,
              let bestRank = rank(best) else { return false }
        guard let current = entries.first(where: { $0.path == currentPath }), let currentRank = rank(current) else { return true }
        return bestRank.kind.lexicographicallyPrecedes(currentRank.kind)
    }

    static func protocolRank(_ value: TouchProtocol) -> Int {
        switch value {
        case .multitouchSlots: 0
        case .multitouchAnonymous: 1
        case .singleTouch(let button): button == .touch ? 2 : 3
        }
    }
}
