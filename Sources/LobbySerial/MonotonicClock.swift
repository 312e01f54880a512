import LobbySystem

/// The monotonic clock as LobbySerial's users (the bus, its simulator, lobbyctl's bus monitor) name it:
/// LobbySystem's, under the same name.
public typealias MonotonicClock = LobbySystem.MonotonicClock
