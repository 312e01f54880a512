import LobbyMRZ

/// Turns a reader loop's findings into events: health only on change, candidates classified
/// into documents and noise. Owned by the reader's thread.
final class ReaderReporter {
    private enum Reported: Equatable {
        case nothing
        case attached
        case missing
        case failed(String)
    }

    private let reader: String
    private let emit: (MRZReaderEvent) -> Void
    private var reported = Reported.nothing

    init(reader: String, emit: @escaping (MRZReaderEvent) -> Void) {
        self.reader = reader
        self.emit = emit
    }

    private func send(_ kind: MRZReaderEvent.Kind) { emit(MRZReaderEvent(reader: reader, kind: kind)) }

    /// A node was opened.
    func attached(_ node: AttachedReader) {
        reported = .attached
        send(.attached(node))
    }

    /// A node went away; `stillOpen` tells whether other nodes of the reader remain.
    func detached(_ node: AttachedReader, reason: String, stillOpen: Bool) {
        if !stillOpen { reported = .missing }
        send(.detached(node, reason: reason))
    }

    /// Nothing found (reported once, not after a detach already said so).
    func missing(_ reason: String) {
        guard reported != .missing else { return }
        reported = .missing
        send(.missing(reason: reason))
    }

    /// The reader is there but unusable (reported again only when the problem changes).
    func failed(_ problem: String) {
        guard reported != .failed(problem) else { return }
        reported = .failed(problem)
        send(.failed(problem: problem))
    }

    /// A completed candidate from `path`; `now` on the same clock as the candidate's time, nil
    /// when the clocks differ (no latency then).
    func completed(_ candidate: MRZCandidate, path: String, inputWasDropped: Bool, now: InputInstant?) {
        switch MRZCandidateClassifier.classify(candidate) {
        case .document(let document):
            let latency = now.map { max(0, $0.microseconds - candidate.completedAt.microseconds) }
            send(.document(MRZReading(path: path, candidate: candidate, document: document,
                                      latencyMicroseconds: latency, inputWasDropped: inputWasDropped)))
        case .noise:
            send(.noise(MRZNoise(path: path, candidate: candidate)))
        }
    }
}
