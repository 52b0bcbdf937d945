import Crypto

/// A record's chain hash, a SHA-256, held as its 32 bytes while a log is read.
///
/// Comparing four words is cheaper than comparing two 64-character strings, and reading a
/// million records then allocates no text for their `prev` and `hash` fields; the text form
/// (`hex`) is made only for the hashes that leave the reader, such as a log's head.
public struct ChainHash: Hashable, Sendable, CustomStringConvertible {
    private let w0, w1, w2, w3: UInt64

    /// The hash written as 64 lower-case hex digits, or `nil` for any other text.
    public init?(hex bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 64, let w0 = Self.word(bytes, 0), let w1 = Self.word(bytes, 16),
            let w2 = Self.word(bytes, 32), let w3 = Self.word(bytes, 48)
        else { return nil }
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// The hash given as text: 64 lower-case hex digits, or `nil`.
    public init?(_ text: String) {
        var text = text
        guard let hash = text.withUTF8({ ChainHash(hex: $0) }) else { return nil }
        self = hash
    }

    /// The SHA-256 of `bytes`, hashed in place.
    public init(of bytes: UnsafeRawBufferPointer) {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        (w0, w1, w2, w3) = hasher.finalize().withUnsafeBytes { digest in
            func word(_ start: Int) -> UInt64 {
                (start..<start + 8).reduce(0) { $0 << 8 | UInt64(digest[$1]) }
            }
            return (word(0), word(8), word(16), word(24))
        }
    }

    /// The value of 16 lower-case hex digits from `start`.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt64? {
        var value: UInt64 = 0
        var invalid: UInt8 = 0
        digitValues.withUnsafeBufferPointer { table in
            for index in start..<start + 16 {
                let digit = table[Int(bytes[index])]
                invalid |= digit
                value = value << 4 | UInt64(digit & 0x0F)
            }
        }
        return invalid & 0x80 == 0 ? value : nil
    }

    /// Per byte: its value as a lower-case hex digit, or 0x80 for any other byte.
    private static let digitValues: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        default: 0x80
        }
    }

    /// The 64 lower-case hex digits.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { digits in
            for (position, word) in [w0, w1, w2, w3].enumerated() {
                for nibble in 0..<16 {
                    digits[position * 16 + nibble] = Self.hexDigits[Int(truncatingIfNeeded: word >> UInt64(60 - 4 * nibble)) & 0xF]
                }
            }
            return 64
        }
    }

    /// Appends the 64 lower-case hex digits to `bytes`, making no string (records are written so).
    /// - Complexity: O(1).
    func appendHex(to bytes: inout [UInt8]) {
        func append(_ word: UInt64) {
            for nibble in 0..<16 {
                bytes.append(Self.hexDigits[Int(truncatingIfNeeded: word >> UInt64(60 - 4 * nibble)) & 0xF])
            }
        }
        append(w0)
        append(w1)
        append(w2)
        append(w3)
    }

    /// The 64 lower-case hex digits.
    public var description: String { hex }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
