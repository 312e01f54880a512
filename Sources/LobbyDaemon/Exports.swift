/// The daemon's configuration types are part of its interface.
@_exported import LobbyConfiguration
