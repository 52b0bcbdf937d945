import Testing
import TimelineCore
import TimelinePostgres
import TimelineStore
import TimelineTestSupport

/// A database log is read a stretch of records per statement, the server joining each stretch
/// into one value: the records read must be a file's, across stretches and after appends, and a
/// missing record must still be named.
@Suite("PostgreSQL log: reading in joined stretches", .enabled(if: PostgresTestServer.enabled))
struct PostgresReadTests {
    static let recordedAt = RecordedTime(milliseconds: 1_767_225_600_000)

    /// A file log of `count` synthetic events and a database log copied from it, line for line.
    static func copiedLogs(_ count: Int, scratch: ScratchDirectory) throws -> (file: FileEventLog, url: String, drop: @Sendable () -> Void)
    {
        let file = FileEventLog(path: scratch.file("log.jsonl"))
        _ = try file.append(SyntheticHistory(events: count, seed: 11).events(), recordedAt: recordedAt)
        let (url, _, drop) = try PostgresTestServer.freshDatabase("read")
        let database = PostgresEventLog(location: try PostgresLocation(url: url, environment: [:]))
        _ = try database.appendStoredLines(try file.storedLines()) { _ in }
        return (file, url, drop)
    }

    @Test("more records than three stretches read as the file's, whole and then after more appends")
    func sameRecordsAsTheFile() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let count = 3 * 8_000 + 123
        let (file, url, drop) = try Self.copiedLogs(count, scratch: scratch)
        defer { drop() }
        let location = try PostgresLocation(url: url, environment: [:])
        let reader = PostgresEventLog(location: location)
        let fromFile = try file.read()
        let fromDatabase = try reader.read()
        #expect(fromDatabase.head == fromFile.head && fromDatabase.head.count == count)
        #expect(fromDatabase.records.map(\.id) == fromFile.records.map(\.id))
        #expect(fromDatabase.records.map(\.recordedAt) == fromFile.records.map(\.recordedAt))
        #expect(try reader.chainHash(at: 8_001) == (try file.chainHash(at: 8_001)))

        // Another writer appends: the reader reads only what follows, and still has the file's.
        let more = try (1...40).map { index in
            try NewEvent(
                fields: try RecordDecoder.eventFields(
                    Array(#"{"type":"milestone","org":"ORG0001","date":"2030-01-01","text":"m\#(index)","source":"test"}"#.utf8)[...]))
        }
        _ = try file.append(more, recordedAt: Self.recordedAt)
        _ = try PostgresEventLog(location: location).append(more, recordedAt: Self.recordedAt)
        let grown = try reader.read()
        #expect(grown.head == (try file.read().head))
        #expect(grown.records.map(\.id) == (try file.read().records.map(\.id)))
    }

    @Test("a record missing in the middle of a stretch is named, and nothing is read")
    func missingRecordNamed() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (_, url, drop) = try Self.copiedLogs(10_000, scratch: scratch)
        defer { drop() }
        // Only the superuser, with the log's triggers off, can take a record out.
        try PostgresTestServer.sql(
            """
            ALTER TABLE timeline_records DISABLE TRIGGER timeline_records_append_only;
            DELETE FROM timeline_records WHERE seq = 9001;
            ALTER TABLE timeline_records ENABLE TRIGGER timeline_records_append_only;
            """, at: url)
        let reader = PostgresEventLog(location: try PostgresLocation(url: url, environment: [:]))
        let error = #expect(throws: StoreError.self) { try reader.read() }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("#9001") == true, "\(String(describing: error?.message))")
    }
}
