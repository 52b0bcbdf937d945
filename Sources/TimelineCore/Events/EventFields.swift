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

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "field \"\(field)\": \(message)" }
}

/// The flat, named-field form of an event that the log stores and that ids are derived from.
///
/// Keys: `type`, `id`, `date`, `source`, `url`, `note`, and per type `org`, `country`, `status`,
/// `change`, `name`, `place`, `founders`, `ladder`, `predecessor`, `host`, `number`, `speaker`,
/// `text`, `context`, `from`, `to`, `target`, `reason`, `set` (a correction's new values).
public enum EventFields {
    /// A digest of the content (every field but `id`): 16 hex digits of SHA-256 over a canonical
    /// text with sorted keys, so that the same content always gets the same id.
    public static func contentDigest(of fields: [String: FieldValue]) -> String {
        var canonical = ""
        for key in fields.keys.sorted() where key != "id" {
            canonical += key + "=" + canonicalText(fields[key]!) + "\n"
        }
        let digest = SHA256.hash(data: Array(canonical.utf8))
        return digest.prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The text in quotes, with backslashes, quotes and newlines escaped (`\\`, `\"`, `\n`).
    private static func quoted(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 0x0A }
        guard text.utf8.contains(where: special) else { return "\"" + text + "\"" }
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func canonicalText(_ value: FieldValue) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .int(let number): String(number)
        case .list(let items): "[" + items.map(quoted).joined(separator: ",") + "]"
        case .fields(let map): "{" + map.keys.sorted().map { quoted($0) + ":" + quoted(map[$0]!) }.joined(separator: ",") + "}"
        }
    }
}
