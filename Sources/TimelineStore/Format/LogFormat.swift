import Crypto
import TimelineCore

/// Constants and primitives of the on-disk format (documented in `Events/README.md`).
public enum LogFormat {
    /// The format version this build reads and writes.
    public static let version = 1
    /// The first line of every log file.
    public static let header = #"{"format":"timeline-log","version":1}"#
    /// The chain hash the first record points back to: the SHA-256 of the header line.
    public static var headerHash: String { sha256Hex(Array(header.utf8)) }
    /// What separates a record's body from its hash: the body is every byte before it.
    static let hashMarker = Array(#","hash":""#.utf8)

    /// The SHA-256 of some bytes as 64 lower-case hex digits.
    public static func sha256Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digest = SHA256.hash(data: Array(bytes))
        var text = ""
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")
}
