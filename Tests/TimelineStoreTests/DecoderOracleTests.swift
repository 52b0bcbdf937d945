import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// The hand-written record reader against Foundation's `JSONDecoder`, record by record.
@Suite("Record decoder against JSONDecoder")
struct DecoderOracleTests {
    /// Any JSON value, decoded by Foundation.
    enum JSON: Decodable, Equatable {
        case string(String), number(Int), bool(Bool), null, array([JSON]), object([String: JSON])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSON].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: JSON].self))
            }
        }
    }

    /// The record as Foundation reads it: the event fields and the chain fields.
    static func oracle(_ line: ArraySlice<UInt8>) throws -> (
        event: NewEvent, seq: Int, at: String, commit: Bool, prev: String, hash: String
    ) {
        let object = try JSONDecoder().decode([String: JSON].self, from: Data(line))
        var fields: [String: FieldValue] = [:]
        for (key, value) in object where !["seq", "at", "prev", "hash", "commit"].contains(key) {
            switch value {
            case .string(let text): fields[key] = .string(text)
            case .number(let number): fields[key] = .int(number)
            case .array(let items):
                fields[key] = .list(items.compactMap { if case .string(let text) = $0 { return text } else { return nil } })
            case .object(let map):
                fields[key] = .fields(map.compactMapValues { if case .string(let text) = $0 { return text } else { return nil } })
            default: break
            }
        }
        guard case .number(let seq)? = object["seq"], case .string(let at)? = object["at"], case .string(let prev)? = object["prev"],
            case .string(let hash)? = object["hash"]
        else { throw CocoaError(.coderReadCorrupt) }
        let commit = object["commit"] == .bool(true)
        return (try NewEvent(fields: fields), seq, at, commit, prev, hash)
    }

    func compare(_ path: String) throws -> Int {
        let lines = readBytes(path).split(separator: 0x0A).dropFirst()
        var decoder = RecordDecoder()
        for line in lines {
            let fast = try decoder.decode(line)
            let slow = try Self.oracle(line)
            #expect(fast.record.event == slow.event)
            #expect(fast.record.seq.value == slow.seq)
            #expect(fast.record.recordedAt.description == slow.at)
            #expect(fast.commit == slow.commit)
            #expect(fast.previousHash.hex == slow.prev)
            #expect(fast.hash.hex == slow.hash)
        }
        return lines.count
    }

    @Test("identical events on the bundled log and the fixture")
    func bundled() throws {
        #expect(try compare(CorruptionTests.bundled) == (try FileEventLog(path: CorruptionTests.bundled).read().records.count))
        #expect(try compare(try SCOFixtureTests.goldenPath()) == 17)
    }

    @Test("identical events for strings with escapes, quotes, control characters and non-ASCII")
    func escapes() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let texts = [
            "quote \" and backslash \\", "tab\tnew\nline\r", "bell \u{7} and nul-ish \u{1}", "Türkiye, Côte d’Ivoire, 北京, 🇰🇿",
            "slash / and \u{2028} separator",
        ]
        let events =
            [ConformanceTests.sco[2]]
            + texts.map { text in
                NewEvent(
                    date: .day(2020, 1, 1), payload: .milestone(org: OrganizationID("SCO")!, country: nil, text: text),
                    source: Source(citation: text)!, note: text)
            }
        _ = try FileEventLog(path: path).append([ConformanceTests.sco[0]] + events, recordedAt: at(0))
        #expect(try compare(path) == events.count + 1)
        let read = try FileEventLog(path: path).read().records.suffix(texts.count).map { record -> String in
            if case .milestone(_, _, let text) = record.payload { return text }
            return ""
        }
        #expect(read == texts)
    }

    @Test("malformed JSON is refused with what was expected")
    func malformed() {
        var scanner = RecordDecoder()
        for text in [#"{"seq":1,"at":"x""#, #"{"seq":1e3}"#, #"{"a":"\ud800"}"#, #"{"a":tru}"#, #"{"a":"b"} x"#, "\u{0}"] {
            let line = Array(text.utf8)[...]
            #expect(throws: RecordDecodingError.self) { try RecordDecoder.eventFields(line) }
            #expect(throws: RecordDecodingError.self) { try scanner.decode(line) }
        }
    }
}
