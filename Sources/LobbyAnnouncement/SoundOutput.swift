/// The port announcements are played through: a sound card (ALSA) or its simulator.
///
/// `play` blocks until the audio has been handed to the card and drained; it is called from one
/// thread at a time. `firstSample` is called once the first samples were accepted by the device.
public protocol SoundOutput: Sendable {
    /// The device's name, for health and logs.
    var deviceName: String { get }
    /// Opens the device, plays `pcm` to its end and closes it; throws when the device fails.
    func play(_ pcm: PCM, firstSample: @Sendable () -> Void) throws(SoundOutputError)
    /// Opens and closes the device to see whether it is there.
    func probe() throws(SoundOutputError)
}

/// Why a sound device failed.
public struct SoundOutputError: Error, Equatable, CustomStringConvertible {
    /// The device.
    public let device: String
    /// What failed, in words.
    public let reason: String

    /// Creates an error.
    public init(device: String, reason: String) {
        self.device = device
        self.reason = reason
    }

    /// The device and the reason.
    public var description: String { "sound device '\(device)': \(reason)" }
}
