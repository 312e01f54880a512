/// The DES block cipher (FIPS 46-3) on 8-byte blocks: the building block of BAC's 3DES and retail MAC.
///
/// Kept for ICAO 9303 Basic Access Control only; DES is not a cipher for new designs.
public struct DES: Sendable {
    /// The 16 round keys (48 bits each, right-aligned).
    private let roundKeys: [UInt64]

    /// Creates the cipher from an 8-byte key (parity bits are ignored).
    public init(key: [UInt8]) throws(EMRTDCryptoError) {
        guard key.count == 8 else { throw .keyLength(what: "DES key", expected: [8], actual: key.count) }
        roundKeys = Self.schedule(Self.word(key, at: 0))
    }

    /// Encrypts one 8-byte block.
    public func encrypt(block: UInt64) -> UInt64 { crypt(block, decrypting: false) }

    /// Decrypts one 8-byte block.
    public func decrypt(block: UInt64) -> UInt64 { crypt(block, decrypting: true) }

    /// Encrypts 8 bytes.
    public func encrypt(_ block: [UInt8]) -> [UInt8] { Self.bytes(encrypt(block: Self.word(block, at: 0))) }

    /// Decrypts 8 bytes.
    public func decrypt(_ block: [UInt8]) -> [UInt8] { Self.bytes(decrypt(block: Self.word(block, at: 0))) }

    /// The big-endian 64-bit word of `bytes[offset..<offset+8]`.
    static func word(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    /// The 8 big-endian bytes of a word.
    static func bytes(_ word: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64(56 - 8 * $0)) }
    }

    private func crypt(_ block: UInt64, decrypting: Bool) -> UInt64 {
        let permuted = Self.bytewise(block, Self.initialTable)
        var left = UInt32(truncatingIfNeeded: permuted >> 32)
        var right = UInt32(truncatingIfNeeded: permuted)
        for round in 0..<16 {
            let key = roundKeys[decrypting ? 15 - round : round]
            (left, right) = (right, left ^ Self.feistel(right, key))
        }
        let preOutput = UInt64(right) << 32 | UInt64(left)
        return Self.bytewise(preOutput, Self.finalTable)
    }

    /// f(R, K): expansion, key mixing, S-boxes, permutation P (S-boxes and P merged into `spBoxes`).
    private static func feistel(_ half: UInt32, _ key: UInt64) -> UInt32 {
        // E(R): eight overlapping 6-bit groups; group i is bits 4i…4i+5 (1-based, circular) of R.
        let rotated = half >> 1 | half << 31
        var out: UInt32 = 0
        for box in 0..<8 {
            let group = (rotated << UInt32(4 * box) | (box == 0 ? 0 : rotated >> UInt32(32 - 4 * box))) >> 26
            let keyBits = UInt32(truncatingIfNeeded: key >> UInt64(42 - 6 * box)) & 0x3F
            out |= spBoxes[box &* 64 &+ Int(group ^ keyBits)]
        }
        return out
    }

    /// S-box outputs already moved through P: entry `64 * box + six` is P(S_box(six) at its nibble).
    private static let spBoxes: [UInt32] = {
        var table: [UInt32] = []
        for box in 0..<8 {
            for six in 0..<64 {
                let row = (six & 0x20) >> 4 | (six & 1)
                let column = (six >> 1) & 0x0F
                let nibble = UInt32(sBoxes[box][row * 16 + column]) << UInt32(28 - 4 * box)
                table.append(UInt32(truncatingIfNeeded: permute(UInt64(nibble), permutationP, inputBits: 32)))
            }
        }
        return table
    }()

    /// A 64-bit permutation through its byte tables: OR of eight lookups.
    private static func bytewise(_ input: UInt64, _ table: [UInt64]) -> UInt64 {
        var output: UInt64 = 0
        for position in 0..<8 {
            output |= table[position &* 256 &+ Int(truncatingIfNeeded: (input >> UInt64(56 - 8 * position)) & 0xFF)]
        }
        return output
    }

    /// Byte tables of a 64-bit permutation: entry `256 * position + value` is the image of that byte alone.
    private static func byteTables(_ permutation: [UInt8]) -> [UInt64] {
        // The image of each single input bit (bit 0 = most significant), then each byte value as an OR of its bits.
        let bitImages = (0..<64).map { bit in permute(UInt64(1) << UInt64(63 - bit), permutation, inputBits: 64) }
        var table: [UInt64] = []
        table.reserveCapacity(2048)
        for position in 0..<8 {
            for value in 0..<256 {
                var image: UInt64 = 0
                for bit in 0..<8 where value & (0x80 >> bit) != 0 { image |= bitImages[8 * position + bit] }
                table.append(image)
            }
        }
        return table
    }

    private static let initialTable = byteTables(initialPermutation)
    private static let finalTable = byteTables(finalPermutation)

    /// Applies a FIPS 46-3 permutation table (1-based bit numbers, bit 1 = most significant input bit).
    private static func permute(_ input: UInt64, _ table: [UInt8], inputBits: Int) -> UInt64 {
        var output: UInt64 = 0
        for position in table {
            output = output << 1 | (input >> UInt64(inputBits - Int(position))) & 1
        }
        return output
    }

    private static func schedule(_ key: UInt64) -> [UInt64] {
        let selected = permute(key, permutedChoice1, inputBits: 64)
        var c = UInt32(truncatingIfNeeded: selected >> 28) & 0x0FFF_FFFF
        var d = UInt32(truncatingIfNeeded: selected) & 0x0FFF_FFFF
        var keys: [UInt64] = []
        for shift in shifts {
            c = ((c << shift) | (c >> (28 - shift))) & 0x0FFF_FFFF
            d = ((d << shift) | (d >> (28 - shift))) & 0x0FFF_FFFF
            keys.append(permute(UInt64(c) << 28 | UInt64(d), permutedChoice2, inputBits: 56))
        }
        return keys
    }

    private static let shifts: [UInt32] = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1]

    private static let initialPermutation: [UInt8] = [
        58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
        62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
        57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
        61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
    ]

    private static let finalPermutation: [UInt8] = [
        40, 8, 48, 16, 56, 24, 64, 32, 39, 7, 47, 15, 55, 23, 63, 31,
        38, 6, 46, 14, 54, 22, 62, 30, 37, 5, 45, 13, 53, 21, 61, 29,
        36, 4, 44, 12, 52, 20, 60, 28, 35, 3, 43, 11, 51, 19, 59, 27,
        34, 2, 42, 10, 50, 18, 58, 26, 33, 1, 41, 9, 49, 17, 57, 25,
    ]

    private static let permutationP: [UInt8] = [
        16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
        2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
    ]

    private static let permutedChoice1: [UInt8] = [
        57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
        10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
        63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
        14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
    ]

    private static let permutedChoice2: [UInt8] = [
        14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4,
        26, 8, 16, 7, 27, 20, 13, 2, 41, 52, 31, 37, 47, 55, 30, 40,
        51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
    ]

    private static let sBoxes: [[UInt8]] = [
        [14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
         0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
         4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
         15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13],
        [15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
         3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
         0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
         13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9],
        [10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
         13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
         13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
         1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12],
        [7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
         13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
         10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
         3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14],
        [2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
         14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
         4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
         11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3],
        [12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
         10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
         9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
         4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13],
        [4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
         13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
         1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
         6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12],
        [13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
         1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
         7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
         2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11],
    ]
}
