/// Reads and writes RIFF WAVE files: PCM 8, 16, 24 and 32-bit integer and 32-bit float,
/// mono or more channels (mixed down to mono on reading); written as 16-bit mono.
public enum WAV {
    /// Decodes a WAVE file; throws a message that says what is wrong with it.
    public static func decode(_ bytes: [UInt8]) throws(WAVError) -> PCM {
        guard bytes.count >= 12, ascii(bytes, 0) == "RIFF", ascii(bytes, 8) == "WAVE" else { throw .notWAV }
        var offset = 12
        var format: (code: Int, channels: Int, rate: Int, bits: Int)?
        while offset + 8 <= bytes.count {
            let id = ascii(bytes, offset)
            var size = Int(u32(bytes, offset + 4))
            let body = offset + 8
            if id == "fmt " {
                guard size >= 16, body + 16 <= bytes.count else { throw .truncated("fmt") }
                var code = Int(u16(bytes, body))
                if code == 0xFFFE, size >= 40 { code = Int(u16(bytes, body + 24)) }  // WAVE_FORMAT_EXTENSIBLE: the subformat
                format = (code, Int(u16(bytes, body + 2)), Int(u32(bytes, body + 4)), Int(u16(bytes, body + 14)))
            } else if id == "data" {
                guard let f = format else { throw .missingFormat }
                // A stream whose writer stopped early leaves the size 0 or too large: read what is there.
                if size == 0 || body + size > bytes.count { size = bytes.count - body }
                return try samples(Array(bytes[body..<body + size]), format: f)
            }
            offset = body + size + (size & 1)
        }
        throw format == nil ? .missingFormat : .missingData
    }

    /// Encodes 16-bit mono PCM as a WAVE file.
    public static func encode(_ pcm: PCM) -> [UInt8] {
        let dataSize = pcm.samples.count * 2
        var out: [UInt8] = []
        out.reserveCapacity(44 + dataSize)
        out += Array("RIFF".utf8); put32(&out, UInt32(36 + dataSize)); out += Array("WAVEfmt ".utf8)
        put32(&out, 16); put16(&out, 1); put16(&out, 1); put32(&out, UInt32(pcm.sampleRate)); put32(&out, UInt32(pcm.sampleRate * 2))
        put16(&out, 2); put16(&out, 16)
        out += Array("data".utf8); put32(&out, UInt32(dataSize))
        for s in pcm.samples { put16(&out, UInt16(bitPattern: s)) }
        return out
    }

    static func samples(_ data: [UInt8], format f: (code: Int, channels: Int, rate: Int, bits: Int)) throws(WAVError) -> PCM {
        guard f.channels >= 1, f.rate >= 8000, f.rate <= 192_000 else { throw .unsupported("\(f.channels) channels at \(f.rate) Hz") }
        let width = f.bits / 8
        guard (f.code == 1 && [1, 2, 3, 4].contains(width)) || (f.code == 3 && width == 4) else {
            throw .unsupported(f.code == 1 || f.code == 3 ? "\(f.bits)-bit samples" : "compression format \(f.code) (use PCM)")
        }
        let frameBytes = width * f.channels
        let frames = data.count / frameBytes
        var out = [Int16](repeating: 0, count: frames)
        for i in 0..<frames {
            var sum = 0.0
            for c in 0..<f.channels {
                let o = i * frameBytes + c * width
                sum += sample(data, o, width: width, float: f.code == 3)
            }
            out[i] = Int16(max(-32767, min(32767, (sum / Double(f.channels) * 32767).rounded())))
        }
        return PCM(sampleRate: f.rate, samples: out)
    }

    /// One sample as -1...1.
    static func sample(_ d: [UInt8], _ o: Int, width: Int, float: Bool) -> Double {
        switch width {
        case 1: return (Double(d[o]) - 128) / 128
        case 2: return Double(Int16(bitPattern: u16(d, o))) / 32768
        case 3:
            let v = Int32(bitPattern: (UInt32(d[o]) << 8) | (UInt32(d[o + 1]) << 16) | (UInt32(d[o + 2]) << 24)) >> 8
            return Double(v) / 8_388_608
        default:
            let bits = u32(d, o)
            return float ? Double(Float(bitPattern: bits)) : Double(Int32(bitPattern: bits)) / 2_147_483_648
        }
    }

    static func ascii(_ b: [UInt8], _ o: Int) -> String { String(decoding: b[o..<min(o + 4, b.count)], as: UTF8.self) }
    static func u16(_ b: [UInt8], _ o: Int) -> UInt16 { UInt16(b[o]) | UInt16(b[o + 1]) << 8 }
    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 { UInt32(u16(b, o)) | UInt32(u16(b, o + 2)) << 16 }
    static func put16(_ out: inout [UInt8], _ v: UInt16) { out += [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func put32(_ out: inout [UInt8], _ v: UInt32) { put16(&out, UInt16(v & 0xFFFF)); put16(&out, UInt16(v >> 16)) }
}

/// Why a file is not a WAVE file lobbyd can play.
public enum WAVError: Error, Equatable, CustomStringConvertible {
    /// No RIFF/WAVE header.
    case notWAV
    /// A chunk ends before its size says.
    case truncated(String)
    /// No "fmt " chunk before the samples.
    case missingFormat
    /// No "data" chunk.
    case missingData
    /// A format lobbyd does not read.
    case unsupported(String)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .notWAV: "not a WAVE file (no RIFF/WAVE header); convert FLAC or Ogg clips to WAV (Docs/Audio.md)"
        case .truncated(let chunk): "the '\(chunk)' chunk is cut short"
        case .missingFormat: "no 'fmt ' chunk before the samples"
        case .missingData: "no 'data' chunk: the file holds no samples"
        case .unsupported(let what): "unsupported: \(what)"
        }
    }
}
