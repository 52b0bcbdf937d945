/// The stable identity of an event: derived from its content, or given explicitly.
///
/// Derived ids are 16 lower-case hex digits (the first 64 bits of a SHA-256 of the event's
/// canonical content); explicit ids are 1–64 letters, digits, `-`, `_` or `.`. A unique prefix of
/// at least 4 characters names an event in corrections and retractions.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    // A derived id (16 lower-case hex digits) is kept as its 64-bit value: a large log holds
    // millions of ids, and as text each would take its own allocation. Others keep their text,
    // boxed, so that an id takes 16 bytes, not 24, in every record.
    private enum Storage: Hashable, Sendable {
        case derived(UInt64)
        indirect case text(String)
    }

    private let storage: Storage

    /// The id text.
    public var rawValue: String {
        switch storage {
        case .text(let text): return text
        case .derived(let value):
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.utf8.count) + digits
        }
    }

    /// An id from text; `nil` when it is empty, too long or has other characters.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.count <= 64, text.utf8.allSatisfy(Self.isIDByte) else { return nil }
        storage = Self.derivedValue(text).map(Storage.derived) ?? .text(text)
    }

    /// The 64-bit value of a derived id (16 lower-case hex digits), `nil` for other ids.
    public var derivedValue: UInt64? {
        if case .derived(let value) = storage { return value }
        return nil
    }

    /// The derived id with this 64-bit value.
    public init(derivedValue: UInt64) { storage = .derived(derivedValue) }

    /// The value of 16 lower-case hex digits, or `nil` for any other text.
    private static func derivedValue(_ text: String) -> UInt64? {
        guard text.utf8.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
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

    /// Ordered by text (two derived ids compare as their values, which is the same order).
    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        if case .derived(let left) = lhs.storage, case .derived(let right) = rhs.storage { return left < right }
        return lhs.rawValue < rhs.rawValue
    }

    /// The id as the log and messages write it: 16 hex digits when derived, else the explicit text.
    public var description: String { rawValue }

    /// The shortest useful abbreviation for display (the first 8 characters).
    public var short: String { String(rawValue.prefix(8)) }
}
