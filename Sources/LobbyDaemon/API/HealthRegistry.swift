/// Health of the daemon's parts and devices, by name ("ok" or a reason); shown in /healthz and /metrics.
public actor HealthRegistry {
    private var states: [String: String] = [:]

    /// An empty registry.
    public init() {}

    /// Sets the health of a part.
    public func set(_ name: String, _ state: String) { states[name] = state }

    /// Every part's health.
    public func all() -> [String: String] { states }
}
