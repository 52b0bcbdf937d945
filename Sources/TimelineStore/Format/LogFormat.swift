import Crypto
import TimelineCore

/// Constants and primitives of the on-disk format (documented in `Events/README.md`).
public enum LogFormat {
    /// The format version this build reads and writes.
    public static let version = 1
    /// The first line of every log file (the chain's rule owns it: `ChainRule.header`).
    public static var header: String { ChainRule.header }

    /// The SHA-256 of some bytes as 64 lower-case hex digits.
    /// - Complexity: O(n); hashes in place, without copying the bytes.
    public static func sha256Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        if let slice = bytes as? ArraySlice<UInt8> {
            slice.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        } else if let array = bytes as? [UInt8] {
            array.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        } else {
            Array(bytes).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        let digest = hasher.finalize()
        var hex = [UInt8](repeating: 0, count: 64)
        var index = 0
        for byte in digest {
            hex[index] = hexBytes[Int(byte >> 4)]
            hex[index + 1] = hexBytes[Int(byte & 0x0F)]
            index += 2
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexBytes: [UInt8] = Array("0123456789abcdef".utf8)
}
