import Foundation
import TimelineCore

/// A record decoded from a log line, with the chain data needed to check it.
public struct DecodedRecord: Sendable {
    public let record: RecordedEvent
    public let commit: Bool
    public let previousHash: String
    public let hash: String
}

/// Why a line is not a valid record.
public struct RecordDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Decodes one log line into a record and checks its own hash.
///
/// All reading of log lines goes through this type, so a faster scanner can replace the
/// JSON parsing here without touching any caller.
public enum RecordDecoder {
    /// Decodes a line (without its newline).
    /// - Throws: `RecordDecodingError` saying what is wrong: not JSON, a missing or malformed
    ///   field, or a hash that does not match the line's content.
    public static func decode(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> DecodedRecord {
        // The hash covers every byte before `,"hash":"`, which must end the line.
        let marker = LogFormat.hashMarker
        guard line.count > marker.count + 66, line.last == UInt8(ascii: "}"),
            line[line.index(line.endIndex, offsetBy: -2)] == UInt8(ascii: "\""),
            line[line.index(line.endIndex, offsetBy: -(66 + marker.count))..<line.index(line.endIndex, offsetBy: -66)].elementsEqual(marker)
        else {
            throw RecordDecodingError(message: "the record does not end with its hash (,\"hash\":\"<64 hex digits>\"})")
        }
        let hashStart = line.index(line.endIndex, offsetBy: -66)
        let storedHash = String(decoding: line[hashStart..<line.index(line.endIndex, offsetBy: -2)], as: UTF8.self)
        let body = line[line.startIndex..<line.index(hashStart, offsetBy: -marker.count)]
        let actualHash = LogFormat.sha256Hex(body)
        guard actualHash == storedHash else {
            throw RecordDecodingError(message: "integrity check failed: the record's content does not match its hash")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw RecordDecodingError(message: "expected a JSON object")
            }
            object = parsed
        } catch let error as RecordDecodingError {
            throw error
        } catch {
            throw RecordDecodingError(message: "not valid JSON")
        }
        guard let seq = object["seq"] as? Int, seq >= 1 else { throw RecordDecodingError(message: "field \"seq\": expected a positive whole number") }
        guard let atText = object["at"] as? String, let at = RecordedTime.parse(atText) else {
            throw RecordDecodingError(message: "field \"at\": expected a UTC time such as 2026-11-29T03:00:00Z")
        }
        guard let prev = object["prev"] as? String, prev.utf8.count == 64 else { throw RecordDecodingError(message: "field \"prev\": expected 64 hex digits") }
        var fields: [String: FieldValue] = [:]
        for (key, value) in object where !["seq", "at", "prev", "hash", "commit"].contains(key) {
            fields[key] = try fieldValue(value, key: key)
        }
        guard case .string(let idText)? = fields["id"], EventID(idText) != nil else {
            throw RecordDecodingError(message: "field \"id\": every record needs a valid id")
        }
        let event: NewEvent
        do { event = try NewEvent(fields: fields) } catch { throw RecordDecodingError(message: error.description) }
        let commit = (object["commit"] as? Bool) ?? false
        return DecodedRecord(record: RecordedEvent(seq: SequenceNumber(seq), recordedAt: at, event: event),
                             commit: commit, previousHash: prev, hash: storedHash)
    }

    /// Decodes a plain event object (no chain fields), as written by hand or by an export.
    /// - Throws: `RecordDecodingError` when the line is not a JSON object of event fields.
    public static func eventFields(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> [String: FieldValue] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(line)) } catch { throw RecordDecodingError(message: "not valid JSON") }
        guard let object = parsed as? [String: Any] else { throw RecordDecodingError(message: "expected a JSON object") }
        var fields: [String: FieldValue] = [:]
        for (key, value) in object { fields[key] = try fieldValue(value, key: key) }
        return fields
    }

    private static func fieldValue(_ value: Any, key: String) throws(RecordDecodingError) -> FieldValue {
        if let text = value as? String { return .string(text) }
        if let items = value as? [Any] {
            var strings: [String] = []
            for item in items {
                guard let text = item as? String else { throw RecordDecodingError(message: "field \"\(key)\": expected a list of strings") }
                strings.append(text)
            }
            return .list(strings)
        }
        if let map = value as? [String: Any] {
            var strings: [String: String] = [:]
            for (name, item) in map {
                guard let text = item as? String else { throw RecordDecodingError(message: "field \"\(key).\(name)\": expected a string") }
                strings[name] = text
            }
            return .fields(strings)
        }
        if key == "number", let number = value as? Int { return .int(number) }
        throw RecordDecodingError(message: "field \"\(key)\": unexpected value")
    }
}
