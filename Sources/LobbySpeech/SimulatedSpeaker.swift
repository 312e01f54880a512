import Foundation
import LobbyAnnouncement

/// A stand-in for the speech engine: one 180 ms tone per word (pitch by language), 70 ms
/// between words, at 22050 Hz; fails on request like a library without a voice.
public struct SimulatedSpeaker: Speaker {
    /// Languages it has no voice for.
    public let missing: Set<SpokenLanguage>

    /// A simulated engine without voices for `missing`.
    public init(missing: Set<SpokenLanguage> = []) { self.missing = missing }

    /// One tone per word of `text`.
    public func speak(_ text: String, language: SpokenLanguage) throws(SpeakerError) -> PCM {
        let text = try FreeText.validated(text)
        guard !missing.contains(language) else { throw SpeakerError("no voice for \(language.rawValue)") }
        let rate = 22_050
        let frequency: Double = switch language { case .az: 330; case .ru: 392; case .en: 440 }
        var samples: [Int16] = []
        for _ in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            samples += (0..<rate * 18 / 100).map { Int16(sin(2 * .pi * frequency * Double($0) / Double(rate)) * 8_000) }
            samples += [Int16](repeating: 0, count: rate * 7 / 100)
        }
        return PCM(sampleRate: rate, samples: samples)
    }
}
