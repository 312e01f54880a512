/// Plans what is said for a call: the chime, then one sentence per configured language, in the
/// configured order, as a sequence of clips and planned silences.
public struct AnnouncementPlanner: Sendable, Equatable {
    /// The languages spoken, in order (at least one, none twice).
    public let languages: [SpokenLanguage]
    /// Whether the chime opens each announcement.
    public let chime: Bool
    /// The silences between the parts, in milliseconds.
    public let gaps: Gaps

    /// The planned silences of an announcement.
    public struct Gaps: Sendable, Equatable {
        /// After the chime.
        public var afterChime = 250
        /// Between words of a sentence.
        public var betweenWords = 60
        /// At the comma between the ticket and the window.
        public var comma = 220
        /// Between the sentences of two languages.
        public var betweenLanguages = 600
        /// After the last sentence (also keeps a sound card from clipping the end).
        public var trailing = 300

        /// The default gaps.
        public init() {}
    }

    /// Creates a planner; throws if `languages` is empty or names a language twice.
    public init(languages: [SpokenLanguage], chime: Bool = true, gaps: Gaps = Gaps()) throws(AnnouncementError) {
        guard !languages.isEmpty else { throw .noLanguage }
        var seen = Set<SpokenLanguage>()
        for l in languages where !seen.insert(l).inserted { throw .repeatedLanguage(l) }
        self.languages = languages
        self.chime = chime
        self.gaps = gaps
    }

    /// The sequence of clips and silences that says `announcement`.
    public func plan(_ announcement: Announcement) throws(AnnouncementError) -> [Segment] {
        guard (1...NumberWords.largest).contains(announcement.window) else { throw .windowOutOfRange(announcement.window) }
        _ = try Announcement.parseTicket(announcement.ticketText)
        var out: [Segment] = []
        if chime { out += [.clip(.chime), .silence(milliseconds: gaps.afterChime)] }
        for (i, language) in languages.enumerated() {
            if i > 0 { out.append(.silence(milliseconds: gaps.betweenLanguages)) }
            out += sentence(announcement, in: language)
        }
        out.append(.silence(milliseconds: gaps.trailing))
        return out
    }

    /// Every clip a plan can use for these languages (what a voice pack must hold).
    public func requiredClips() -> [Clip] {
        var clips: [Clip] = chime ? [.chime] : []
        for l in languages { clips += Self.clips(of: l) }
        return clips
    }

    /// Every clip of `language`: phrases, number words and letter names.
    public static func clips(of language: SpokenLanguage) -> [Clip] {
        Phrases.allClips(in: language) + NumberWords.allClips(in: language) + LetterNames.allClips(in: language)
    }

    /// The text the plan says, for logs and screens ("Bilet a qırx iki, beş nömrəli pəncərəyə.").
    public func text(of plan: [Segment]) -> String {
        var out = ""
        var words: [Clip] = []
        for segment in plan {
            switch segment {
            case .clip(let c) where c == .chime: continue
            case .clip(let c): words.append(c)
            case .silence(let ms) where ms == gaps.betweenWords: continue
            case .silence(let ms):
                guard !words.isEmpty else { continue }
                out += NumberWords.text(words) + (ms == gaps.comma ? ", " : ". ")
                words = []
            }
        }
        if !words.isEmpty { out += NumberWords.text(words) }
        return out.trimmingTrailingSpace()
    }

    func sentence(_ a: Announcement, in language: SpokenLanguage) -> [Segment] {
        var ticket: [Clip] = [Phrases.ticket(language)]
        ticket += a.prefix.compactMap { LetterNames.clip($0, in: language) }
        ticket += NumberWords.cardinal(a.number, in: language)
        let window: [Clip]
        switch language {
        case .az:
            window = NumberWords.cardinal(a.window, in: .az) + [Phrases.azerbaijaniToWindow]
        case .ru:
            let ordinal = NumberWords.russianOrdinalDative(a.window)
            let to = ordinal.first?.text.hasPrefix("вт") == true ? Phrases.russianToBeforeCluster : Phrases.russianTo
            window = [to] + ordinal + [Phrases.russianWindow]
        case .en:
            window = [Phrases.englishToWindow] + NumberWords.cardinal(a.window, in: .en)
        }
        var out: [Segment] = []
        if a.kind == .recall { out += words([Phrases.recall(language)]) + [.silence(milliseconds: gaps.comma)] }
        out += words(ticket)
        out.append(.silence(milliseconds: gaps.comma))
        out += words(window)
        return out
    }

    func words(_ clips: [Clip]) -> [Segment] {
        var out: [Segment] = []
        for (i, c) in clips.enumerated() {
            if i > 0 { out.append(.silence(milliseconds: gaps.betweenWords)) }
            out.append(.clip(c))
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpace() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
