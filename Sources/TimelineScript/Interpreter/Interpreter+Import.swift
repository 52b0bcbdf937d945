import Foundation
import TimelineCore
import TimelineStore

extension Interpreter {
    /// `import "FILE.csv"` or `import "FILE.jsonl"`: appends every event of a file written by
    /// `export events` (or by hand, with the same columns), with exactly the checks of `append`,
    /// as part of this run's batch. A bad row is reported with its line, and nothing is written.
    func performImport(_ file: Expression, range: Range<Int>) throws {
        let path = try text(of: file, what: "a file to import")
        let bytes: [UInt8]
        do { bytes = try host.readFile(at: path) } catch {
            throw Diagnostic(HostMessage.reading(error), at: file.range)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let rows: [(line: Int, values: [String: Any])]
        let lowered = path.lowercased()
        do {
            if lowered.hasSuffix(".csv") {
                rows = try CSVRecords.parse(text)
            } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".json") {
                rows = try JSONLinesRecords.parse(text)
            } else {
                throw Diagnostic(ImportMessage.unsupportedFormat(path: path), at: file.range)
            }
        } catch let failure as ImportRowError {
            throw Diagnostic(ImportMessage.invalidRow(path: path, line: failure.line, reason: failure.message), at: range)
        }
        var events: [NewEvent] = []
        var lines: [EventID: Int] = [:]
        for (index, row) in rows.enumerated() {
            if index % 1_000 == 0 { host.progress("import", done: index, total: rows.count) }
            do {
                let event = try NewEvent(fields: ImportedFields.fields(from: row.values))
                events.append(event)
                lines[event.id] = lines[event.id] ?? row.line
            } catch {
                throw Diagnostic(ImportMessage.invalidRow(path: path, line: row.line, reason: error.description), at: range)
            }
        }
        do {
            let plan = try session.plan(events, recordedAt: host.now())
            host.progress("import", done: rows.count, total: rows.count)
            session.addPending(plan.records, alreadyPresent: plan.alreadyPresent.count)
            output(
                .info(
                    "import \(path): \(plan.records.count) event\(plan.records.count == 1 ? "" : "s") to append"
                        + (plan.alreadyPresent.isEmpty ? "" : ", \(plan.alreadyPresent.count) already in the log")))
        } catch let error as StoreError {
            let line = error.violation.flatMap { lines[$0.eventID] }
            throw Diagnostic(StoreMessage.importRefused(path: path, line: line, error: error), at: range)
        }
    }
}

/// A row that cannot be read, with its line.
struct ImportRowError: Error {
    let line: Int
    let message: String
}

/// Turns the columns of `export events` back into the fields of an event.
enum ImportedFields {
    static let listFields: Set<String> = ["founders", "ladder", "from", "members", "successors"]
    /// Columns `export` adds that are not part of an event.
    static let exportOnly: Set<String> = ["seq", "recorded", "kind"]

    static func fields(from values: [String: Any]) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        var set: [String: String] = [:]
        var also: [String: String] = [:]
        for (key, value) in values where !exportOnly.contains(key) {
            let text: String
            switch value {
            case let string as String: text = string
            case let number as Int: text = String(number)
            case let items as [Any]:
                if listFields.contains(key) { fields[key] = .list(items.map { "\($0)" }) }
                continue
            default: continue  // null
            }
            guard !text.isEmpty else { continue }
            if key.hasPrefix("set.") {
                set[String(key.dropFirst(4))] = text
            } else if key.hasPrefix("also.") {
                also[String(key.dropFirst(5))] = text
            } else if listFields.contains(key) {
                fields[key] = .list(text.split(whereSeparator: { $0 == " " }).map(String.init))
            } else if key == "number", let number = Int(text) {
                fields[key] = .int(number)
            } else {
                fields[key] = .string(text)
            }
        }
        // A correction's alternative dates are among what it sets; any other event's are its own.
        if case .string("correction")? = fields["type"] {
            for (key, value) in also { set["also." + key] = value }
        } else if !also.isEmpty {
            fields["also"] = .fields(also)
        }
        if !set.isEmpty { fields["set"] = .fields(set) }
        return fields
    }
}

/// JSON Lines: one JSON object per line; blank lines are skipped.
enum JSONLinesRecords {
    static func parse(_ text: String) throws -> [(line: Int, values: [String: Any])] {
        var rows: [(Int, [String: Any])] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ImportRowError(line: index + 1, message: "expected a JSON object of event fields")
            }
            rows.append((index + 1, object))
        }
        return rows
    }
}

/// CSV (RFC 4180) with a header row, keeping the line each record starts on.
// Hand-written rather than a library: errors must name the exact line, also after quoted
// fields that span lines, and the format is small.
enum CSVRecords {
    static func parse(_ text: String) throws -> [(line: Int, values: [String: Any])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteLine = 1
        var characters = Array(text).makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                quoted = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                continue
            case "\n", "\r\n":
                fields.append(field)
                if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
                fields = []
                field = ""
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if quoted { throw ImportRowError(line: quoteLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        guard let header = records.first else { return [] }
        var rows: [(Int, [String: Any])] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw ImportRowError(
                    line: record.line, message: "expected \(header.fields.count) fields as in the header, found \(record.fields.count)")
            }
            var values: [String: Any] = [:]
            for (key, value) in zip(header.fields, record.fields) { values[key] = value }
            rows.append((record.line, values))
        }
        return rows
    }
}
