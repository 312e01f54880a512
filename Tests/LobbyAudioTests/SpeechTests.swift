import Foundation
import LobbyAnnouncement
import LobbySpeech
import LobbyTestSupport
import Testing

@Suite("Free text through libespeak-ng", .tags(.host))
struct SpeechTests {
    @Test("Each language is spoken: sound of a plausible length and level, longer text longer", arguments: SpokenLanguage.allCases)
    func speaks(_ language: SpokenLanguage) throws {
        let texts: [SpokenLanguage: (String, String)] = [
            .az: ("Mərkəz bağlanır", "Hörmətli vətəndaşlar, mərkəz yarım saatdan sonra bağlanır, növbəniz varsa gözləyin"),
            .ru: ("Центр закрывается", "Уважаемые посетители, центр закрывается через полчаса, пожалуйста, дождитесь своей очереди"),
            .en: ("The centre closes", "Dear visitors, the centre closes in half an hour, please wait for your number to be called"),
        ]
        let speaker = EspeakSpeaker()
        let short = try speaker.speak(texts[language]!.0, language: language)
        let long = try speaker.speak(texts[language]!.1, language: language)
        #expect(short.sampleRate == 22_050)
        #expect(short.milliseconds > 500 && short.milliseconds < 4_000, "\(short.milliseconds) ms")
        #expect(long.milliseconds > 2 * short.milliseconds)
        let a = PCMAnalysis(long)
        #expect(a.clipped == 0)
        #expect(a.soundingLevel > -35 && a.soundingLevel < -3, "\(a.soundingLevel)")
        #expect(a.gaps.count >= 2, "pauses between phrases")
    }

    @Test("Text that cannot be said gets a specific error")
    func errors() {
        let speaker = EspeakSpeaker()
        #expect(throws: SpeakerError("the text to say is empty")) { try speaker.speak("  \n ", language: .az) }
        #expect(throws: SpeakerError.self) { try speaker.speak(String(repeating: "a ", count: 300), language: .en) }
        #expect(throws: SpeakerError("the text holds the control character U+7")) { try speaker.speak("bell\u{07}", language: .en) }
    }

    @Test("The simulated engine: a tone per word, fails without a voice")
    func simulated() throws {
        let pcm = try SimulatedSpeaker().speak("one two three", language: .en)
        #expect(pcm.samples.count == 3 * (22_050 * 18 / 100 + 22_050 * 7 / 100))
        #expect(throws: SpeakerError.self) { try SimulatedSpeaker(missing: [.ru]).speak("да", language: .ru) }
    }
}
