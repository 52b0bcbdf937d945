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
        guard !text.isEmpty, text.utf8.count <= 64,
            text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".") })
        else { return nil }
        rawValue = text
    }

    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }

    /// The shortest useful abbreviation for display (the first 8 characters).
    public var short: String { String(rawValue.prefix(8)) }
}
