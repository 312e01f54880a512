import CAlsa
import LobbyAnnouncement

/// Plays PCM through an ALSA PCM device (`default`, `hw:0,0`, `plughw:1,0`): opened for each
/// announcement and closed after it drains, so the card is free and nothing runs while idle.
public struct ALSAOutput: SoundOutput {
    /// The ALSA PCM name.
    public let deviceName: String
    /// The buffer asked of ALSA, in microseconds. The whole announcement is ready before it
    /// plays, so a large buffer does not delay the first sample; it only lets the card ride out
    /// a writer held up by a busy machine (an underrun loses what the buffer held).
    public let latencyMicroseconds: UInt32

    /// An output to `device`.
    public init(device: String, latencyMicroseconds: UInt32 = 500_000) {
        self.deviceName = device
        self.latencyMicroseconds = latencyMicroseconds
    }

    /// Opens and closes the device.
    public func probe() throws(SoundOutputError) {
        let pcm = try open(rate: 48_000)
        snd_pcm_close(pcm)
    }

    /// Plays `pcm` to its end.
    public func play(_ audio: PCM, firstSample: @Sendable () -> Void) throws(SoundOutputError) {
        let pcm = try open(rate: audio.sampleRate)
        defer { snd_pcm_close(pcm) }
        var offset = 0
        var announced = false
        let chunk = max(1, audio.sampleRate / 50)  // 20 ms per write
        while offset < audio.samples.count {
            let count = min(chunk, audio.samples.count - offset)
            let written = audio.samples.withUnsafeBufferPointer { buffer in
                snd_pcm_writei(pcm, buffer.baseAddress! + offset, snd_pcm_uframes_t(count))
            }
            if written < 0 {
                // An underrun (-EPIPE) or a suspend is recovered once; anything else ends the announcement.
                let recovered = snd_pcm_recover(pcm, Int32(written), 1)
                if recovered < 0 { throw failure("write failed", Int32(written)) }
                continue
            }
            offset += Int(written)
            if !announced { announced = true; firstSample() }
        }
        let drained = snd_pcm_drain(pcm)
        if drained < 0 { throw failure("drain failed", drained) }
    }

    /// The playback PCM names ALSA knows (`default`, `hw:CARD=…`), with their descriptions.
    public static func devices() -> [(name: String, description: String)] {
        var hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        guard snd_device_name_hint(-1, "pcm", &hints) == 0, let hints else { return [] }
        defer { snd_device_name_free_hint(hints) }
        var out: [(String, String)] = []
        var i = 0
        while let hint = hints[i] {
            i += 1
            func field(_ id: String) -> String? {
                guard let c = snd_device_name_get_hint(hint, id) else { return nil }
                defer { free(c) }
                return String(cString: c)
            }
            let io = field("IOID")
            guard io == nil || io == "Output", let name = field("NAME") else { continue }
            out.append((name, (field("DESC") ?? "").replacingOccurrences(of: "\n", with: " ")))
        }
        return out
    }

    func open(rate: Int) throws(SoundOutputError) -> OpaquePointer {
        var pcm: OpaquePointer?
        let opened = snd_pcm_open(&pcm, deviceName, SND_PCM_STREAM_PLAYBACK, 0)
        guard opened == 0, let pcm else { throw failure("cannot open", opened) }
        let set = snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, UInt32(rate), 1, latencyMicroseconds)
        if set < 0 {
            snd_pcm_close(pcm)
            throw failure("cannot play mono 16-bit at \(rate) Hz", set)
        }
        return pcm
    }

    func failure(_ what: String, _ code: Int32) -> SoundOutputError {
        SoundOutputError(device: deviceName, reason: "\(what): \(String(cString: snd_strerror(code)))")
    }
}
