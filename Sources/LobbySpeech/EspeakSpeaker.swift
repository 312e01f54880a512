import CEspeak
import Glibc
import LobbyAnnouncement
import Synchronization

/// Speaks free text with libespeak-ng in this process (its voices az, ru and en-gb), one text at
/// a time: the library keeps global state, so every use goes through one lock.
public struct EspeakSpeaker: Speaker {
    /// Words per minute.
    public let rate: Int

    /// A speaker at `rate` words per minute.
    public init(rate: Int = 150) { self.rate = rate }

    /// The espeak-ng voice of a language.
    public static func voice(for language: SpokenLanguage) -> String {
        switch language {
        case .az: "az"
        case .ru: "ru"
        case .en: "en"  // espeak-ng's British English (gmw/en)
        }
    }

    /// `text` in `language` at the library's rate (22050 Hz).
    public func speak(_ text: String, language: SpokenLanguage) throws(SpeakerError) -> PCM {
        let text = try FreeText.validated(text)
        let result: Result<PCM, SpeakerError> = engine.withLock { initialized in
            if !initialized {
                espeak_ng_InitializePath(nil)
                var context: espeak_ng_ERROR_CONTEXT?
                guard espeak_ng_Initialize(&context) == ENS_OK else { return .failure(SpeakerError("libespeak-ng could not start (its data is missing?)")) }
                guard espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nil) == ENS_OK else {
                    return .failure(SpeakerError("libespeak-ng could not open its synchronous output"))
                }
                espeak_SetSynthCallback { wav, count, events in
                    guard let wav, count > 0, let box = events?.pointee.user_data else { return 0 }
                    Unmanaged<SampleBox>.fromOpaque(box).takeUnretainedValue().samples.append(contentsOf: UnsafeBufferPointer(start: wav, count: Int(count)))
                    return 0
                }
                initialized = true
            }
            guard espeak_ng_SetVoiceByName(Self.voice(for: language)) == ENS_OK else {
                return .failure(SpeakerError("libespeak-ng has no voice '\(Self.voice(for: language))'"))
            }
            _ = espeak_ng_SetParameter(espeakRATE, Int32(rate), 0)
            let box = SampleBox()
            let pointer = Unmanaged.passRetained(box).toOpaque()
            defer { Unmanaged<SampleBox>.fromOpaque(pointer).release() }
            let status = text.withCString { c in
                espeak_Synth(c, strlen(c) + 1, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil, pointer)
            }
            guard status == EE_OK else { return .failure(SpeakerError("libespeak-ng refused the text (status \(status.rawValue))")) }
            _ = espeak_ng_Synchronize()
            return .success(PCM(sampleRate: Int(espeak_ng_GetSampleRate()), samples: box.samples))
        }
        return try result.get()
    }
}

/// Whether libespeak-ng was initialised in this process; held while it is used.
private let engine = Mutex(false)

/// Samples collected from the library's callback.
private final class SampleBox {
    var samples: [Int16] = []
}
