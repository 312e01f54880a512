import Foundation

/// SQLite's write-ahead log file (`<journal>-wal`), read, checked and mended without SQLite.
///
/// SQLite trusts the log up to the first frame whose checksum or salt does not match and
/// silently ignores everything after it; when that frame was damaged after it was written (a
/// flipped byte), complete, acknowledged transactions would vanish on the next open. `inspect`
/// walks the checksum chain before SQLite opens the file and mends what can be mended exactly:
/// a salt or a checksum word that differs, or one 32-bit word of a frame that differs from what
/// its stored checksum proves it was (a flipped byte is restored, not guessed). A frame that
/// cannot be mended so, followed by complete transactions, is damage; a log that ends with a
/// frame that cannot be mended and nothing after it is a write cut short (never acknowledged).
///
/// Layout (sqlite.org/fileformat2.html §4): a 32-byte header (magic, version, page size,
/// checkpoint sequence, salt-1, salt-2, checksum-1, checksum-2), then frames of a 24-byte header
/// (page number, database size for commit frames else 0, salt-1, salt-2, checksum-1, checksum-2)
/// and one page. Checksums are cumulative over the header and every frame.
public struct WriteAheadLog: Sendable, Hashable {
    /// What the log holds, as SQLite would read it and as it really is.
    public struct Report: Sendable, Hashable {
        /// The log's size in bytes.
        public var size: Int
        /// Whether the header was damaged (SQLite then ignores the whole log).
        public var headerDamaged = false
        /// Frames whose damage was mended exactly (restored salts, checksum words or a data word).
        public var mendedFrames: [Int] = []
        /// The first frame that could not be mended, nil when every frame up to the end is sound.
        public var firstBadFrame: Int?
        /// Complete transactions after the first frame that could not be mended that verify
        /// against the chain as written: SQLite would drop them although they were on disk.
        public var transactionsAfterDamage = 0
        /// Committed frames SQLite would drop because of damage (mended or not).
        public var framesAtRisk = 0
        /// Where a partial frame at the end starts (a write cut short), nil when the file ends on a frame boundary.
        public var partialFrameAt: Int?
        /// The log with everything mended and the chain recomputed over the transactions after
        /// damage (what SQLite should read), when repair is needed.
        public var repairedBytes: [UInt8]?

        /// Whether acknowledged transactions would be lost if SQLite opened the log as it is.
        public var losesTransactions: Bool { framesAtRisk > 0 }
        /// Whether every damaged frame was restored exactly (no record can have been altered).
        public var mendedExactly: Bool { firstBadFrame == nil || transactionsAfterDamage == 0 }
    }

    private var bytes: [UInt8]
    private let pageSize: Int
    private let bigEndianSums: Bool
    /// Whether the header's magic number and page size are valid (else they were guessed).
    private let headerSane: Bool

    /// Reads the log of `journalPath`; nil when there is none or it is too short to have a header.
    public init?(journalPath: String) {
        guard let data = FileManager.default.contents(atPath: journalPath + "-wal") else { return nil }
        var mainPageSize: Int?
        if let h = FileHandle(forReadingAtPath: journalPath), let head = try? h.read(upToCount: 18), head.count == 18 {
            let v = Int(head[16]) << 8 | Int(head[17])
            mainPageSize = v == 1 ? 65_536 : v
            try? h.close()
        }
        self.init(bytes: [UInt8](data), mainPageSize: mainPageSize)
    }

    /// Wraps the bytes of a log. A damaged magic number or page size is guessed (native byte
    /// order; the main file's page size), so that frames behind a damaged header are still found.
    public init?(bytes: [UInt8], mainPageSize: Int? = nil) {
        guard bytes.count >= 32 else { return nil }
        let magic = Self.word(bytes, 0, bigEndian: true)
        var size = Int(Self.word(bytes, 8, bigEndian: true))
        if size == 1 { size = 65_536 }
        let sizeValid = Self.isPageSize(size)
        let magicValid = magic == 0x377F_0682 || magic == 0x377F_0683
        if !sizeValid { size = mainPageSize.flatMap { Self.isPageSize($0) ? $0 : nil } ?? 4096 }
        self.bytes = bytes
        pageSize = size
        bigEndianSums = magicValid ? magic & 1 == 1 : 1.bigEndian == 1
        headerSane = sizeValid && magicValid
    }

    /// The byte offset where a partial (torn) frame starts at the end of the log of
    /// `journalPath`, or nil when the log is absent, empty or ends on a frame boundary.
    public static func partialFrame(journalPath: String) -> Int? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: journalPath + "-wal"))?[.size] as? Int, size > 0 else { return nil }
        guard let log = WriteAheadLog(journalPath: journalPath) else { return 0 }
        return log.inspect().partialFrameAt
    }

    /// Walks the header and every frame, mending what can be mended exactly.
    public func inspect() -> Report {
        let frameSize = 24 + pageSize
        let frames = (bytes.count - 32) / frameSize
        let remainder = (bytes.count - 32) % frameSize
        var report = Report(size: bytes.count, partialFrameAt: remainder == 0 ? nil : bytes.count - remainder)
        var fixed = self
        var salts = (Self.word(bytes, 16, bigEndian: true), Self.word(bytes, 20, bigEndian: true))
        let stored = (Self.word(bytes, 24, bigEndian: true), Self.word(bytes, 28, bigEndian: true))
        let computed = checksum(from: (0, 0), over: 0..<24)
        var seed = computed
        if !headerSane || computed != stored {
            // The frames were chained from the header as written: from its stored checksum (a
            // field flipped) or from the recomputed one (a checksum word flipped), with its salts
            // or, when those flipped, with frame 0's.
            report.headerDamaged = true
            var saltChoices = [salts]
            if frames > 0 { saltChoices.append((Self.word(bytes, 40, bigEndian: true), Self.word(bytes, 44, bigEndian: true))) }
            var best = 0
            for s in [stored, computed] {
                for candidate in saltChoices {
                    let run = verifiedRun(from: 0, seed: s, salts: candidate, frames: frames)
                    if run.frames > best {
                        best = run.frames
                        seed = s
                        salts = candidate
                    }
                }
            }
            fixed.normaliseHeader(salts: salts)
        }
        var lastCommit = 0
        var index = 0
        while index < frames {
            let at = 32 + index * frameSize
            if !fixed.salted(at, salts) || fixed.frameChecksum(at: at, seed: seed) != fixed.storedChecksum(at) {
                guard fixed.mend(frameAt: at, seed: seed, salts: salts) else { break }
                report.mendedFrames.append(index)
            }
            seed = fixed.storedChecksum(at)
            index += 1
            if Self.word(fixed.bytes, at + 4, bigEndian: true) != 0 { lastCommit = index }
        }
        if index < frames {
            // Frame `index` cannot be mended exactly: what follows it, if complete, was written after it.
            let at = 32 + index * frameSize
            let run = verifiedRun(from: index + 1, seed: storedChecksum(at), salts: salts, frames: frames)
            if run.commits > 0 && Self.word(bytes, at + 8, bigEndian: true) == salts.0 {
                report.firstBadFrame = index
                report.transactionsAfterDamage = run.commits
                lastCommit = run.end
            }
        }
        let firstDamage = report.headerDamaged ? 0 : (report.mendedFrames.first ?? report.firstBadFrame.map { report.transactionsAfterDamage > 0 ? $0 : Int.max } ?? Int.max)
        report.framesAtRisk = max(0, lastCommit - firstDamage)
        if report.framesAtRisk > 0 { report.repairedBytes = fixed.rechained(upTo: lastCommit, salts: salts) }
        return report
    }

    // MARK: - Mending

    /// Restores a frame exactly when its salts, one checksum word, or one word it covers
    /// differs from what the chain proves; false when no such single difference explains it.
    private mutating func mend(frameAt at: Int, seed: (UInt32, UInt32), salts: (UInt32, UInt32)) -> Bool {
        let saltsBefore = (Self.word(bytes, at + 8, bigEndian: true), Self.word(bytes, at + 12, bigEndian: true))
        put(salts.0, at: at + 8)
        put(salts.1, at: at + 12)
        let computed = frameChecksum(at: at, seed: seed)
        let stored = storedChecksum(at)
        if computed == stored { return saltsBefore.0 == salts.0 || saltsBefore.1 == salts.1 }
        if computed.0 == stored.0 || computed.1 == stored.1 {
            // One checksum word differs and the data verifies against the other: the word flipped.
            put(computed.0, at: at + 16)
            put(computed.1, at: at + 20)
            return true
        }
        let difference = (stored.0 &- computed.0, stored.1 &- computed.1)
        for (word, coefficient) in coverage(frameAt: at) {
            if let delta = Self.solve(coefficient, difference) {
                let old = Self.word(bytes, word, bigEndian: bigEndianSums)
                put(old &+ delta, at: word, bigEndian: bigEndianSums)
                return true
            }
        }
        put(saltsBefore.0, at: at + 8)
        put(saltsBefore.1, at: at + 12)
        return false
    }

    /// The words a frame's checksum covers with how a change of each moves the final checksum
    /// (the sum is linear: a change δ of word j adds δ·c_j).
    private func coverage(frameAt at: Int) -> [(Int, (UInt32, UInt32))] {
        let words = [at, at + 4] + stride(from: at + 24, to: at + 24 + pageSize, by: 4).map { $0 }
        var out: [(Int, (UInt32, UInt32))] = []
        out.reserveCapacity(words.count)
        // After pair p, a difference (d0, d1) becomes M·(d0, d1) per later pair, M = [[1, 1], [1, 2]].
        var a = (UInt32(1), UInt32(0), UInt32(0), UInt32(1))  // M^r, row-major
        var pair = words.count / 2 - 1
        while pair >= 0 {
            let first = (a.0 &+ a.1, a.2 &+ a.3)  // M^r · (1, 1)
            let second = (a.1, a.3)  // M^r · (0, 1)
            out.append((words[2 * pair], first))
            out.append((words[2 * pair + 1], second))
            a = (a.0 &+ a.1, a.0 &+ a.1 &* 2, a.2 &+ a.3, a.2 &+ a.3 &* 2)  // M^r · M
            pair -= 1
        }
        return out
    }

    /// The δ with c·δ = d (mod 2³²), when one exists and is unique enough to trust: solved with
    /// an odd coefficient, else among single-byte changes.
    private static func solve(_ c: (UInt32, UInt32), _ d: (UInt32, UInt32)) -> UInt32? {
        if c.0 & 1 == 1 {
            let delta = d.0 &* inverse(c.0)
            return c.1 &* delta == d.1 && delta != 0 ? delta : nil
        }
        if c.1 & 1 == 1 {
            let delta = d.1 &* inverse(c.1)
            return c.0 &* delta == d.0 && delta != 0 ? delta : nil
        }
        for shift in stride(from: UInt32(0), to: 32, by: 8) {
            for v in 1...UInt32(255) {
                for sign in [UInt32(1), UInt32.max] {
                    let delta = (v << shift) &* sign
                    if c.0 &* delta == d.0 && c.1 &* delta == d.1 { return delta }
                }
            }
        }
        return nil
    }

    /// The multiplicative inverse of an odd number modulo 2³² (Newton's iteration).
    private static func inverse(_ a: UInt32) -> UInt32 {
        var x = a
        for _ in 0..<5 { x = x &* (2 &- a &* x) }
        return x
    }

    private mutating func normaliseHeader(salts: (UInt32, UInt32)) {
        put(bigEndianSums ? 0x377F_0683 : 0x377F_0682, at: 0)
        put(3_007_000, at: 4)
        put(UInt32(pageSize == 65_536 ? 1 : pageSize), at: 8)
        put(salts.0, at: 16)
        put(salts.1, at: 20)
    }

    /// The bytes with the header's checksum and the chain recomputed over frames `0..<end`.
    private func rechained(upTo end: Int, salts: (UInt32, UInt32)) -> [UInt8] {
        var copy = self
        copy.normaliseHeader(salts: salts)
        var sums = copy.checksum(from: (0, 0), over: 0..<24)
        copy.put(sums.0, at: 24)
        copy.put(sums.1, at: 28)
        for index in 0..<end {
            let at = 32 + index * (24 + pageSize)
            copy.put(salts.0, at: at + 8)
            copy.put(salts.1, at: at + 12)
            sums = copy.frameChecksum(at: at, seed: sums)
            copy.put(sums.0, at: at + 16)
            copy.put(sums.1, at: at + 20)
        }
        return copy.bytes
    }

    // MARK: - Checksums

    private func verifiedRun(from first: Int, seed: (UInt32, UInt32), salts: (UInt32, UInt32), frames: Int) -> (commits: Int, end: Int, frames: Int) {
        var sums = seed
        var commits = 0
        var end = first
        var index = first
        while index < frames {
            let at = 32 + index * (24 + pageSize)
            let next = frameChecksum(at: at, seed: sums)
            guard salted(at, salts), next == storedChecksum(at) else { break }
            sums = next
            index += 1
            if Self.word(bytes, at + 4, bigEndian: true) != 0 {
                commits += 1
                end = index
            }
        }
        return (commits, end, index - first)
    }

    private func salted(_ at: Int, _ salts: (UInt32, UInt32)) -> Bool {
        Self.word(bytes, at + 8, bigEndian: true) == salts.0 && Self.word(bytes, at + 12, bigEndian: true) == salts.1
    }

    private func storedChecksum(_ at: Int) -> (UInt32, UInt32) {
        (Self.word(bytes, at + 16, bigEndian: true), Self.word(bytes, at + 20, bigEndian: true))
    }

    private func frameChecksum(at: Int, seed: (UInt32, UInt32)) -> (UInt32, UInt32) {
        let afterHeader = checksum(from: seed, over: at..<(at + 8))
        return checksum(from: afterHeader, over: (at + 24)..<(at + 24 + pageSize))
    }

    private func checksum(from seed: (UInt32, UInt32), over range: Range<Int>) -> (UInt32, UInt32) {
        var (s0, s1) = seed
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            s0 = s0 &+ Self.word(bytes, i, bigEndian: bigEndianSums) &+ s1
            s1 = s1 &+ Self.word(bytes, i + 4, bigEndian: bigEndianSums) &+ s0
            i += 8
        }
        return (s0, s1)
    }

    private mutating func put(_ value: UInt32, at offset: Int, bigEndian: Bool = true) {
        for i in 0..<4 {
            let shift = bigEndian ? 24 - 8 * UInt32(i) : 8 * UInt32(i)
            bytes[offset + i] = UInt8(truncatingIfNeeded: value >> shift)
        }
    }

    private static func isPageSize(_ size: Int) -> Bool { size >= 512 && size <= 65_536 && size & (size - 1) == 0 }

    private static func word(_ b: [UInt8], _ at: Int, bigEndian: Bool) -> UInt32 {
        let (a, c, d, e) = (UInt32(b[at]), UInt32(b[at + 1]), UInt32(b[at + 2]), UInt32(b[at + 3]))
        return bigEndian ? a << 24 | c << 16 | d << 8 | e : e << 24 | d << 16 | c << 8 | a
    }
}
