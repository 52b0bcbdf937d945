import Crypto
import Foundation

/// One value of an event's flat representation.
public enum FieldValue: Hashable, Sendable {
    case string(String)
    case list([String])
    case int(Int)
    case fields([String: String])
}

/// Why a flat field map is not an event: the field and what was expected.
public struct EventFieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field at fault (`date`, `org` …), or `type` for the whole event.
    public let field: String
    /// What is wrong and what was expected.
    public let message: String

    /// The error for `field`, with what is wrong and what was expected in `message`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// The error as messages show it: `field "date": …`.
    public var description: String { "field \"\(field)\": \(message)" }
}

/// The flat, named-field form of an event that the log stores and that ids are derived from.
///
/// Keys: `type`, `id`, `date`, `source`, `url`, `note`, and per type `org`, `country`, `status`,
/// `change`, `name`, `place`, `founders`, `ladder`, `predecessor`, `host`, `number`, `speaker`,
/// `text`, `context`, `from`, `to`, `target`, `reason`, `set` (a correction's new values).
public enum EventFields {
    /// A digest of the content (every field but `id`), so that the same content always gets the
    /// same id: the first 8 bytes of a SHA-256 over a canonical text, from fields already sorted
    /// by key (a derived id is its 16 hex digits). The canonical text is `key=value` lines:
    /// strings in quotes with `\\`, `\"` and `\n` escaped, lists in brackets, maps with sorted
    /// keys in braces.
    public static func contentValue(ofSorted fields: [(key: String, value: FieldValue)]) -> UInt64 {
        var canonical: [UInt8] = []
        canonical.reserveCapacity(256)
        for (key, value) in fields where key != "id" {
            canonical.append(contentsOf: key.utf8)
            canonical.append(UInt8(ascii: "="))
            appendCanonical(value, to: &canonical)
            canonical.append(0x0A)
        }
        return SHA256.hash(data: canonical).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The text in quotes, with backslashes, quotes and newlines escaped (`\\`, `\"`, `\n`).
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendCanonical(_ value: FieldValue, to out: inout [UInt8]) {
        switch value {
        case .string(let text): appendQuoted(text, to: &out)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendQuoted(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .fields(let map):
            out.append(UInt8(ascii: "{"))
            for (index, key) in map.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                appendQuoted(map[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
