import TimelineCore

/// A hand-written reader for the JSON objects the log holds: one object whose values are
/// strings, whole numbers, booleans, null, lists of strings, or objects of strings.
///
/// It is the log's fast path (Foundation's JSON parsing allocates a dictionary of `Any` per
/// line); tests check it against Foundation on every record. Repeated strings (types,
/// organization ids, country codes, statuses) are interned, so a large log shares their storage.
struct JSONObjectScanner: Sendable {
    /// A scanned value.
    enum Value: Equatable {
        case string(String)
        case number(Int)
        case bool(Bool)
        case null
        case strings([String])
        case object([String: String])
    }

    struct Failure: Error {
        let offset: Int
        let message: String
    }

    private var interned = StringInterner()

    /// Keys whose values differ on every line.
    private static let uniqueKeys: Set<String> = ["id", "prev", "hash"]

    /// Scans one object.
    /// - Throws: `Failure` with the offset and what was expected.
    /// - Complexity: O(n) in the length of the line.
    mutating func scan(_ bytes: ArraySlice<UInt8>) throws(Failure) -> [(key: String, value: Value)] {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func fail(_ message: String) -> Failure { Failure(offset: index - bytes.startIndex, message: message) }
        func skipSpace() {
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
        }
        func expect(_ byte: UInt8, _ what: String) throws(Failure) {
            skipSpace()
            guard index < end, bytes[index] == byte else { throw fail("expected \(what)") }
            index += 1
        }
        func string(interning: Bool = true) throws(Failure) -> String {
            skipSpace()
            guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string") }
            index += 1
            let start = index
            // The common case, no escapes: intern the raw bytes.
            while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                guard bytes[index] >= 0x20 else { throw fail("control character in a string") }
                index += 1
            }
            guard index < end else { throw fail("unterminated string") }
            if bytes[index] == UInt8(ascii: "\"") {
                let raw = bytes[start..<index]
                index += 1
                return interning ? interned.string(for: raw) : String(decoding: raw, as: UTF8.self)
            }
            var out = Array(bytes[start..<index])
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if byte < 0x20 { throw fail("control character in a string") }
                if byte != UInt8(ascii: "\\") {
                    out.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard index < end else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail("a high surrogate without its low half")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("an invalid low surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw fail("an invalid escape")
                }
            }
            throw fail("unterminated string")
        }
        func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= end else { throw fail("expected four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: throw fail("expected four hex digits")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
        func literal(_ word: String) -> Bool {
            let word = Array(word.utf8)
            guard index + word.count <= end, bytes[index..<index + word.count].elementsEqual(word) else { return false }
            index += word.count
            return true
        }
        func value(interning: Bool) throws(Failure) -> Value {
            skipSpace()
            guard index < end else { throw fail("expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "\""): return .string(try string(interning: interning))
            case UInt8(ascii: "["):
                index += 1
                var items: [String] = []
                skipSpace()
                if index < end, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .strings(items)
                }
                while true {
                    items.append(try string())
                    skipSpace()
                    guard index < end else { throw fail("unterminated list") }
                    if bytes[index] == UInt8(ascii: "]") {
                        index += 1
                        return .strings(items)
                    }
                    try expect(UInt8(ascii: ","), "\",\" or \"]\" in a list")
                }
            case UInt8(ascii: "{"):
                index += 1
                var map: [String: String] = [:]
                skipSpace()
                if index < end, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(map)
                }
                while true {
                    let key = try string()
                    try expect(UInt8(ascii: ":"), "\":\"")
                    map[key] = try string()
                    skipSpace()
                    guard index < end else { throw fail("unterminated object") }
                    if bytes[index] == UInt8(ascii: "}") {
                        index += 1
                        return .object(map)
                    }
                    try expect(UInt8(ascii: ","), "\",\" or \"}\" in an object")
                }
            case UInt8(ascii: "t"): if literal("true") { return .bool(true) }
            case UInt8(ascii: "f"): if literal("false") { return .bool(false) }
            case UInt8(ascii: "n"): if literal("null") { return .null }
            case UInt8(ascii: "-"), 0x30...0x39:
                let negative = bytes[index] == UInt8(ascii: "-")
                if negative { index += 1 }
                var number = 0
                var digits = 0
                while index < end, (0x30...0x39).contains(bytes[index]) {
                    let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - 0x30))
                    guard !overflow1, !overflow2 else { throw fail("a number too large") }
                    number = sum
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { throw fail("expected digits") }
                if index < end, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")
                {
                    throw fail("expected a whole number")
                }
                return .number(negative ? -number : number)
            default: break
            }
            throw fail("expected a value")
        }

        var members: [(key: String, value: Value)] = []
        try expect(UInt8(ascii: "{"), "\"{\"")
        skipSpace()
        if index < end, bytes[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                let key = try string()
                try expect(UInt8(ascii: ":"), "\":\"")
                // Ids and hashes are unique to their line: interning them would only cost memory.
                members.append((key, try value(interning: !Self.uniqueKeys.contains(key))))
                skipSpace()
                guard index < end else { throw fail("unterminated object") }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    break
                }
                try expect(UInt8(ascii: ","), "\",\" or \"}\"")
            }
        }
        skipSpace()
        guard index == end else { throw fail("unexpected text after the object") }
        return members
    }
}
