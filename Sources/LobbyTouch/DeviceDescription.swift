/// What an input device is and can do: name, identity, properties, event bits and axis ranges.
public struct DeviceDescription: Hashable, Sendable {
    /// The kernel name (`N:`).
    public var name: String
    /// Bus, vendor, product, version (`I:`).
    public var identity: DeviceIdentity
    /// Property bits (`P:`).
    public var properties: Set<InputProperty>
    /// Supported codes per event type (`B:`); the codes of `EV_SYN` (type 0) are the types themselves.
    public var supportedEvents: [EventType: Set<UInt16>]
    /// Absolute axis ranges (`A:`).
    public var absoluteAxes: [AbsoluteAxis: AbsoluteAxisInfo]

    /// A description from its parts.
    public init(
        name: String,
        identity: DeviceIdentity,
        properties: Set<InputProperty> = [],
        supportedEvents: [EventType: Set<UInt16>] = [:],
        absoluteAxes: [AbsoluteAxis: AbsoluteAxisInfo] = [:]
    ) {
        self.name = name
        self.identity = identity
        self.properties = properties
        self.supportedEvents = supportedEvents
        self.absoluteAxes = absoluteAxes
    }

    /// Whether the device advertises `code` of `type`.
    public func supports(_ type: EventType, code: UInt16) -> Bool {
        supportedEvents[type]?.contains(code) ?? false
    }

    /// Whether the device advertises the event type at all.
    public func supports(_ type: EventType) -> Bool {
        !(supportedEvents[type]?.isEmpty ?? true)
    }

    /// Whether the device advertises the absolute axis (bit set, or a range given).
    public func supports(_ axis: AbsoluteAxis) -> Bool {
        supports(.absolute, code: axis.rawValue) || absoluteAxes[axis] != nil
    }

    /// Whether the device advertises the key or button.
    public func supports(_ key: KeyCode) -> Bool { supports(.key, code: key.rawValue) }

    /// Whether the property bit is set.
    public func has(_ property: InputProperty) -> Bool { properties.contains(property) }

    /// The range of an axis, if advertised.
    public func axis(_ axis: AbsoluteAxis) -> AbsoluteAxisInfo? { absoluteAxes[axis] }
}
