import Foundation
import LobbyAnnouncement
import LobbyTestSupport
import Testing

/// A 200 ms tone standing in for a recorded word.
func tone(_ frequency: Double, ms: Int = 200, rate: Int = 22_050, amplitude: Double = 8_000, lead: Int = 0) -> PCM {
    var s = [Int16](repeating: 0, count: PCM.frames(milliseconds: lead, sampleRate: rate))
    for i in 0..<PCM.frames(milliseconds: ms, sampleRate: rate) {
        s.append(Int16((sin(2 * .pi * frequency * Double(i) / Double(rate)) * amplitude).rounded()))
    }
    s += [Int16](repeating: 0, count: PCM.frames(milliseconds: lead, sampleRate: rate))
    return PCM(sampleRate: rate, samples: s)
}

@Suite("WAV and PCM", .tags(.unit))
struct WAVTests {
    @Test("16-bit mono survives encode and decode exactly")
    func roundTrip() throws {
        let pcm = tone(440, ms: 50)
        #expect(try WAV.decode(WAV.encode(pcm)) == pcm)
    }

    @Test("Stereo, 8-, 24-bit and float files are read and mixed to mono")
    func formats() throws {
        func file(code: UInt16, channels: UInt16, bits: UInt16, data: [UInt8]) -> [UInt8] {
            var b = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVEfmt ".utf8) + [16, 0, 0, 0]
            let rate: UInt32 = 8_000, align = channels * bits / 8
            b += [UInt8(code & 0xFF), UInt8(code >> 8), UInt8(channels), 0]
            b += withUnsafeBytes(of: rate.littleEndian, Array.init) + withUnsafeBytes(of: (rate * UInt32(align)).littleEndian, Array.init)
            b += [UInt8(align), 0, UInt8(bits), 0] + Array("data".utf8) + withUnsafeBytes(of: UInt32(data.count).littleEndian, Array.init) + data
            return b
        }
        // Stereo 16-bit: (+16384, 0) → 8192.
        #expect(try WAV.decode(file(code: 1, channels: 2, bits: 16, data: [0x00, 0x40, 0, 0])).samples == [8192])
        // 8-bit unsigned: 192 → +0.5.
        #expect(try WAV.decode(file(code: 1, channels: 1, bits: 8, data: [192])).samples == [16384])
        // 24-bit: 0x400000 → +0.5.
        #expect(try WAV.decode(file(code: 1, channels: 1, bits: 24, data: [0, 0, 0x40])).samples == [16384])
        // 32-bit float −0.5.
        let half = withUnsafeBytes(of: Float(-0.5).bitPattern.littleEndian, Array.init)
        #expect(try WAV.decode(file(code: 3, channels: 1, bits: 32, data: half)).samples == [-16384])
        #expect(throws: WAVError.unsupported("compression format 2 (use PCM)")) { try WAV.decode(file(code: 2, channels: 1, bits: 4, data: [1])) }
    }

    @Test("Broken files say what is wrong")
    func errors() {
        #expect(throws: WAVError.notWAV) { try WAV.decode(Array("fLaC....".utf8)) }
        let header = Array(WAV.encode(PCM(sampleRate: 8_000, samples: [1, 2]))[0..<36])
        #expect(throws: WAVError.missingData) { try WAV.decode(header) }
        #expect(WAVError.notWAV.description.contains("FLAC"))
    }

    @Test("A stream whose writer was killed (sizes 0) is read to its end")
    func killedWriter() throws {
        var bytes = WAV.encode(PCM(sampleRate: 8_000, samples: [5, 6, 7]))
        for i in 40..<44 { bytes[i] = 0 }
        #expect(try WAV.decode(bytes).samples == [5, 6, 7])
    }

    @Test("Resampling keeps the length in time; trimming removes quiet edges")
    func resampleAndTrim() {
        let t = tone(300, ms: 500, rate: 22_050, lead: 100)
        let r = t.resampled(to: 48_000)
        #expect(abs(r.milliseconds - t.milliseconds) <= 1)
        let trimmed = t.trimmed()
        #expect(abs(trimmed.milliseconds - 500) <= 2)
        #expect(PCM.silence(milliseconds: 100, sampleRate: 8_000).trimmed().samples.isEmpty)
    }
}

@Suite("Rendering announcements", .tags(.unit))
struct RenderingTests {
    /// Every clip of the planner as a distinct tone with silent edges (as recorded clips have).
    static func pack(_ planner: AnnouncementPlanner) -> [String: PCM] {
        var clips: [String: PCM] = [:]
        for (i, clip) in planner.requiredClips().enumerated() { clips[clip.id] = tone(200 + Double(i * 7), ms: 150 + i % 5 * 20, lead: 80) }
        return clips
    }

    @Test("Length is the clips' sound plus the planned silences; gaps at the planned places; no clipping")
    func lengthAndGaps() throws {
        let planner = try AnnouncementPlanner(languages: [.az, .ru, .en])
        let renderer = AnnouncementRenderer(sampleRate: 48_000, clips: Self.pack(planner))
        let plan = try planner.plan(Announcement(kind: .call, prefix: "A", number: 42, window: 5))
        let (pcm, placements) = try renderer.render(plan)
        var expected = 0
        for segment in plan {
            switch segment {
            case .silence(let ms): expected += PCM.frames(milliseconds: ms, sampleRate: 48_000)
            case .clip(let c): expected += renderer.clips[c.id]!.samples.count
            }
        }
        #expect(pcm.samples.count == expected)
        #expect(placements.count == plan.count && placements.last!.start + placements.last!.frames == expected)
        let a = PCMAnalysis(pcm)
        #expect(a.clipped == 0)
        #expect(a.soundingLevel > -24 && a.soundingLevel < -10)
        // Every planned silence of 60 ms or more is a gap in the audio at its place (±10 ms), and there are no others.
        let planned = placements.filter { if case .silence = $0.segment { true } else { false } }
        #expect(a.gaps.count == planned.count)
        for (gap, p) in zip(a.gaps, planned) {
            #expect(abs(gap.start - p.start) <= 480 && abs(gap.frames - p.frames) <= 960, "gap at \(gap.start) vs planned \(p.start)")
        }
        // The tail is at least 200 ms of silence (a sound card drops the last ~30 ms of a stream).
        #expect(a.gaps.last!.start + a.gaps.last!.frames == pcm.samples.count && a.gaps.last!.frames >= 9_600)
    }

    @Test("Volume scales the level; a missing clip is named")
    func gainAndMissing() throws {
        let planner = try AnnouncementPlanner(languages: [.en])
        var clips = Self.pack(planner)
        let renderer = AnnouncementRenderer(sampleRate: 22_050, clips: clips)
        let plan = try planner.plan(Announcement(kind: .call, prefix: "A", number: 1, window: 1))
        let full = PCMAnalysis(try renderer.render(plan).pcm), quiet = PCMAnalysis(try renderer.render(plan, gain: VolumeSchedule.gain(percent: 50)).pcm)
        #expect(abs((full.soundingLevel - quiet.soundingLevel) - 12.04) < 0.5)
        clips["en.letter.A"] = nil
        #expect(throws: VoicePackError.missingClip("en.letter.A")) { try AnnouncementRenderer(sampleRate: 22_050, clips: clips).render(plan) }
    }

    @Test("The chime: two tones under a second, no clipping, peak near −6 dBFS")
    func chime() {
        let c = Chime.render(sampleRate: 48_000)
        let a = PCMAnalysis(c)
        #expect(c.milliseconds == 760)
        #expect(a.clipped == 0 && a.peak > 12_000 && a.peak < 17_000)
    }
}

@Suite("Voice pack check", .tags(.unit))
struct VoicePackCheckTests {
    @Test("Each kind of problem is found and named with the clip, the file and what to record")
    func problems() throws {
        let planner = try AnnouncementPlanner(languages: [.en], chime: false)
        let required = planner.requiredClips()
        var manifest = VoicePackManifest.template(name: "t", clips: required)
        var decoded: [String: Result<PCM, WAVError>?] = [:]
        for file in manifest.clips.values { decoded[file] = .success(tone(300, amplitude: 12_000)) }
        #expect(VoicePackCheck.problems(required: required, manifest: manifest, decoded: decoded).isEmpty)
        manifest.clips["en.number.7"] = nil
        decoded["en/en.number.8.wav"] = .some(nil)
        decoded["en/en.number.9.wav"] = .failure(.notWAV)
        decoded["en/en.letter.A.wav"] = .success(PCM.silence(milliseconds: 300, sampleRate: 22_050))
        var clippedTone = tone(300, amplitude: 12_000)
        for i in 100..<110 { clippedTone.samples[i] = i % 2 == 0 ? Int16.max : Int16.min }
        decoded["en/en.letter.B.wav"] = .success(clippedTone)
        decoded["en/en.letter.C.wav"] = .success(tone(300, amplitude: 300.5 * 2))
        let found = VoicePackCheck.problems(required: required, manifest: manifest, decoded: decoded)
        let kinds = Dictionary(found.map { ($0.clip, $0.kind) }, uniquingKeysWith: { a, b in a + "," + b })
        #expect(kinds == ["en.number.7": "missing-clip", "en.number.8": "missing-file", "en.number.9": "unreadable",
                          "en.letter.A": "silent", "en.letter.B": "clipped", "en.letter.C": "level"])
        #expect(found.first { $0.clip == "en.number.7" }!.message.contains("record \"seven\" as en/en.number.7.wav"))
    }

    @Test("A manifest that is wrong says where")
    func manifestErrors() {
        #expect(throws: VoicePackError.badManifest("missing field 'clips'")) { try VoicePackManifest.parse(Data(#"{"format":1,"name":"x"}"#.utf8)) }
        #expect(throws: VoicePackError.badManifest("format 2 is not known (this lobbyd reads format 1)")) {
            try VoicePackManifest.parse(Data(#"{"format":2,"name":"x","clips":{}}"#.utf8))
        }
        #expect(throws: VoicePackError.self) { try VoicePackManifest.parse(Data(#"{"format":1,"name":"x","clips":{"a":"../a.wav"}}"#.utf8)) }
        #expect(throws: VoicePackError.badManifest("not valid JSON")) { try VoicePackManifest.parse(Data("{".utf8)) }
    }
}
