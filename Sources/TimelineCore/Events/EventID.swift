/// The stable identity of an event: derived from its content, or given explicitly.
///
/// Derived ids are 16 lower-case hex digits (the first 64 bits of a SHA-256 of the event's
/// canonical content); explicit ids are 1–64 letters, digits, `-`, `_` or `.`. A unique prefix of
/// at least 4 characters names an event in corrections and retractions.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id text.
    public let rawValue: String

    /// An id from text; `nil` when it is empty, too long or has other characters.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.count <= 64, text.utf8.allSatisfy(Self.isIDByte) else { return nil }
        rawValue = text
    }

    /// ASCII letters, digits, `-`, `_` and `.`; checked on bytes, as ids are read by the million.
    static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

    /// The shortest useful abbreviation for display (the first 8 characters).
    public var short: String { String(rawValue.prefix(8)) }
}
