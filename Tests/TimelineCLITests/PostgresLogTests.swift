import Foundation
import Testing
import TimelineTestSupport

/// The log on a real PostgreSQL server, from the command line: the bundled history copied in
/// and out byte for byte, queries and appends as on a file, concurrent writers, a read-only
/// role, bad addresses and logins, passwords kept out of every output, and a writer killed while
/// it holds the log.
@Suite("PostgreSQL log from the command line", .enabled(if: PostgresTestServer.enabled))
struct PostgresLogTests {
    static let bundled = packageRoot + "/Events/diplomacy.jsonl"

    @Test("the bundled log copied into PostgreSQL and back is the same file; queries answer the same")
    func roundTrip() throws {
        let (url, _, drop) = try PostgresTestServer.freshDatabase("copy")
        defer { drop() }
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let into = try timeline(["copy", Self.bundled, url])
        #expect(into.status == 0, "\(into.stderr)")
        let back = scratch.file("back.jsonl")
        let out = try timeline(["copy", url, back])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(readBytes(back) == readBytes(Self.bundled))
        let verify = try timeline(["--log", url, "verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let fileHead = try timeline(["--log", Self.bundled, "verify"]).stdout.split(separator: " ").suffix(2).joined(separator: " ")
        #expect(verify.stdout.hasSuffix(fileHead), "\(verify.stdout) vs \(fileHead)")
        for statement in ["members UN at 2011-07-14 | count", "members NATO at 2024-03-07 | count", "memberships Belarus at 2024-07-04"] {
            let onDatabase = try timeline(["--log", url, "--format", "json", "-c", statement])
            let onFile = try timeline(["--log", Self.bundled, "--format", "json", "-c", statement])
            #expect(onDatabase.status == 0, "\(onDatabase.stderr)")
            #expect(onDatabase.stdout == onFile.stdout, "\(statement)")
        }
        // A copy into a log that already holds records is refused, and changes nothing.
        let again = try timeline(["copy", Self.bundled, url])
        #expect(again.status == 74)
        #expect(again.stderr.contains("already holds \(bundledRecordCount) records; copy into a new log"))
    }

    @Test("a script appends as one batch; running it again appends nothing; a refused append writes nothing")
    func appends() throws {
        let (url, _, drop) = try PostgresTestServer.freshDatabase("append")
        defer { drop() }
        #expect(try timeline(["init", url]).status == 0)
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let script = scratch.file("nato.tl")
        try """
        append founding NATO on 1949-04-04 name "North Atlantic Treaty Organization" founders BEL CAN DNK FRA ISL ITA LUX NLD NOR PRT GBR USA ladder member source "NATO"
        append accession NATO GRC on 1952-02-18 source "NATO"
        append accession NATO TUR on 1952-02-18 source "NATO"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let first = try timeline(["--log", url, "run", script])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("appended 3 events"))
        let second = try timeline(["--log", url, "run", script])
        #expect(second.stdout.contains("nothing appended"))
        let refused = try timeline(["--log", url, "-c", "append accession NATO GRC on 1960 source \"twice\""])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("already-member"))
        #expect(try timeline(["--log", url, "-c", "print count(members NATO at 1953)"]).stdout == "14\n")
        #expect(try PostgresTestServer.sql("SELECT count(*) FROM timeline_records", database: url.databaseName) == "3\n")
        // The log is append-only even for the database's owner, and no two records share a parent.
        for tampering in [
            "UPDATE timeline_records SET line = 'x' WHERE seq = 2", "DELETE FROM timeline_records WHERE seq = 3",
            "TRUNCATE timeline_records",
            "INSERT INTO timeline_records (seq, id, prev, hash, line) SELECT 4, 'fork', prev, hash, line FROM timeline_records WHERE seq = 3",
        ] {
            #expect(throws: PostgresTestServer.TestServerError.self, "\(tampering)") {
                try PostgresTestServer.sql(tampering, database: url.databaseName)
            }
        }
        #expect(try timeline(["--log", url, "verify"]).status == 0)
        // Export, import and charts work on a database log as on a file.
        let exported = try timeline(["--log", url, "--format", "csv", "-c", "export intervals NATO"])
        #expect(exported.stdout.contains("NATO,GRC,country,member,1952-02-18,"))
        let chart = scratch.file("nato.svg")
        #expect(try timeline(["--log", url, "-c", "chart NATO from 1949 to 1960 --svg \"\(chart)\""]).status == 0)
        #expect(String(decoding: readBytes(chart), as: UTF8.self).contains("data-country=\"GRC\""))
    }

    @Test("four writers append 500 events each at once: 2,000 events, gapless, verified; readers never see half a batch")
    func concurrentWriters() throws {
        let (url, name, drop) = try PostgresTestServer.freshDatabase("writers")
        defer { drop() }
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        #expect(try timeline(["copy", Self.bundled, url]).status == 0)
        // Each writer runs ten scripts of 50 milestones: ten batches.
        var writers: [Process] = []
        for writer in 0..<4 {
            var scripts: [String] = []
            for batch in 0..<10 {
                let path = scratch.file("w\(writer)-\(batch).tl")
                let lines = (0..<50).map {
                    #"append milestone SCO on 2030 text "writer \#(writer) batch \#(batch) event \#($0)" source "test""#
                }
                try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
                scripts.append(path)
            }
            let process = try launch("timeline", ["--log", url, "run"] + scripts)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            writers.append(process)
        }
        // Readers during the run see the bundled log plus whole batches only.
        var seen: Set<Int> = []
        while writers.contains(where: \.isRunning) {
            let answer = try timeline(["--log", url, "--format", "csv", "-c", "print count(milestones SCO from 2030 to 2030)"])
            if answer.status == 0, let count = Int(answer.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) { seen.insert(count) }
        }
        for writer in writers {
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0)
        }
        #expect(seen.allSatisfy { $0 % 50 == 0 }, "a reader saw part of a batch: \(seen.sorted())")
        let rows = try PostgresTestServer.sql("SELECT count(*), min(seq), max(seq) FROM timeline_records", database: name)
        #expect(rows == "\(bundledRecordCount + 2000)|1|\(bundledRecordCount + 2000)\n")
        let verify = try timeline(["--log", url, "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("\(bundledRecordCount + 2000) events"))
        #expect(try timeline(["--log", url, "-c", "print count(milestones SCO from 2030 to 2030)"]).stdout == "2000\n")
    }

    @Test("a read-only role queries, and an append is refused with exit 74 naming the missing right")
    func readOnlyRole() throws {
        let (url, name, drop) = try PostgresTestServer.freshDatabase("roles")
        defer { drop() }
        #expect(try timeline(["copy", Self.bundled, url]).status == 0)
        let role = "reader_\(name.suffix(8))"
        try PostgresTestServer.sql(
            "DROP ROLE IF EXISTS \(role); CREATE ROLE \(role) LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)", database: name
        )
        defer { _ = try? PostgresTestServer.sql("DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)", database: name) }
        let reader = try PostgresTestServer.url(database: name, user: role)
        #expect(try timeline(["--log", reader, "-c", "print count(members SCO at 2024-07-04)"]).stdout == "10\n")
        let append = try timeline(["--log", reader, "-c", #"append milestone SCO on 2026 text "by a reader" source "test""#])
        #expect(append.status == 74)
        #expect(append.stderr.contains("permission denied for table timeline_head"))
        #expect(append.stderr.contains("UPDATE on timeline_head"))
        #expect(try PostgresTestServer.sql("SELECT count(*) FROM timeline_records", database: name) == "\(bundledRecordCount)\n")
    }

    @Test("bad addresses, logins and databases: each a clear error, quickly, and nothing written")
    func badInput() throws {
        let malformed = try timeline(["--log", "postgresql://x@host:99999/db", "-c", "orgs"])
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("the port \"99999\" is not a number from 1 to 65535"))
        let start = Date()
        let unreachable = try timeline(["--log", "postgresql://x@127.0.0.1:1/db", "-c", "orgs"])
        #expect(unreachable.stderr.contains("cannot reach the PostgreSQL server at 127.0.0.1:1"))
        #expect(Date().timeIntervalSince(start) < 10)
        let missing = try timeline(["--log", try PostgresTestServer.url(database: "no_such_database"), "-c", "orgs"])
        #expect(missing.stderr.contains("the database \"no_such_database\" does not exist"))
        // A role whose password the server checks (scripts/start-postgres sets that up).
        try PostgresTestServer.sql(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'timeline_password') THEN CREATE ROLE timeline_password LOGIN PASSWORD 'right-secret'; END IF; END $$"
        )
        let wrong = try timeline([
            "--log", try PostgresTestServer.url(database: "postgres", user: "timeline_password", password: "wrong-secret"), "-c", "orgs",
        ])
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("refused the login of role \"timeline_password\""))
        #expect(!wrong.stderr.contains("wrong-secret"))
        #expect(wrong.stderr.contains("timeline_password:***@"))
        // A database that is someone else's, and one whose schema is newer.
        let (other, otherName, dropOther) = try PostgresTestServer.freshDatabase("other")
        defer { dropOther() }
        try PostgresTestServer.sql("CREATE TABLE customers (id int)", database: otherName)
        let notALog = try timeline(["--log", other, "-c", #"append milestone SCO on 2026 text "x" source "y""#])
        #expect(notALog.stderr.contains("this database is not a Timeline log"))
        #expect(try PostgresTestServer.sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'timeline%'", database: otherName) == "0\n")
        let (newer, newerName, dropNewer) = try PostgresTestServer.freshDatabase("newer")
        defer { dropNewer() }
        #expect(try timeline(["init", newer]).status == 0)
        try PostgresTestServer.sql("UPDATE timeline_meta SET value = '99' WHERE key = 'schema'", database: newerName)
        let future = try timeline(["--log", newer, "-c", "orgs"])
        #expect(future.stderr.contains("schema version 99; this timeline reads version 1"))
    }

    @Test("a password never shows: not in the summary, the REPL's banner, errors or citations")
    func passwordsRedacted() throws {
        let (url, name, drop) = try PostgresTestServer.freshDatabase("secret")
        defer { drop() }
        #expect(try timeline(["copy", Self.bundled, url]).status == 0)
        let withPassword = try PostgresTestServer.url(database: name, user: "postgres", password: "hunter2-secret")
        for arguments in [["summary"], ["verify"], ["--cite", "-c", "members SCO at 2017 | count"], ["-c", "frobnicate"]] {
            let result = try timeline(["--log", withPassword] + arguments)
            #expect(!(result.stdout + result.stderr).contains("hunter2"), "\(arguments)")
        }
        let summary = try timeline(["--log", withPassword, "summary"])
        #expect(summary.stdout.contains("postgres:***@"))
    }

    @Test("a REPL open on the shared log shows another writer's append in its next prompt (LISTEN/NOTIFY, then a read)")
    func replSeesOtherWriters() throws {
        let (url, name, drop) = try PostgresTestServer.freshDatabase("repl")
        defer { drop() }
        #expect(try timeline(["copy", Self.bundled, url]).status == 0)
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let terminal = try PseudoTerminal(
            productsDirectory.appendingPathComponent("timeline").path, ["--log", url],
            environment: [
                "TERM": "xterm", "HOME": scratch.path, "XDG_STATE_HOME": scratch.file("state"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            ])
        try terminal.type("print count(members SCO at 2024-07-04)\r", prompt: "\(name) #\(bundledRecordCount)> ")
        try terminal.expect("10")
        // Another user appends while the REPL waits at its prompt.
        let other = try timeline(["--log", url, "-c", #"append milestone SCO on 2026-11 text "appended by a colleague" source "test""#])
        #expect(other.status == 0, "\(other.stderr)")
        Thread.sleep(forTimeInterval: 0.5)
        try terminal.type("\r", prompt: "\(name) #\(bundledRecordCount)> ")
        try terminal.type("print count(milestones SCO from 2026-11 to 2026-11)\r", prompt: "\(name) #\(bundledRecordCount + 1)> ")
        try terminal.expect("1")
        try terminal.type("\u{4}", prompt: "\(name) #\(bundledRecordCount + 1)> ")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("copy draws a progress bar on a terminal, none through a pipe or with --quiet")
    func progressBar() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let generated = scratch.file("g.jsonl")
        #expect(try timeline(["--log", generated, "generate", "--events", "30000"]).status == 0)
        let environment = ["TERM": "xterm", "HOME": scratch.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let binary = productsDirectory.appendingPathComponent("timeline").path
        let (shown, _, dropShown) = try PostgresTestServer.freshDatabase("bar")
        defer { dropShown() }
        let terminal = try PseudoTerminal(binary, ["copy", generated, shown], environment: environment)
        let output = try terminal.expect("copied 30000 records", timeout: 120)
        #expect(output.contains("copy █") || output.contains("copy ░"), "no bar in: \(output.suffix(300))")
        #expect(output.contains("/30000 records") && output.contains("/s") && output.contains("left"))
        #expect(try terminal.waitForExit() == 0)
        let (quiet, _, dropQuiet) = try PostgresTestServer.freshDatabase("quiet")
        defer { dropQuiet() }
        let silent = try PseudoTerminal(binary, ["--quiet", "copy", generated, quiet], environment: environment)
        let plain = try silent.expect("copied 30000 records", timeout: 120)
        #expect(!plain.contains("records, "), "a bar with --quiet: \(plain.suffix(300))")
        #expect(try silent.waitForExit() == 0)
        let (piped, _, dropPiped) = try PostgresTestServer.freshDatabase("piped")
        defer { dropPiped() }
        let result = try timeline(["copy", generated, piped])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "a bar off a terminal: \(result.stderr.prefix(200))")
    }

    /// Starts `timeline run` on a script of one batch of 20,000 events, large enough that its
    /// insert takes a while; returns the script, the process and its standard error.
    static func startBulkWriter(_ url: String, in scratch: ScratchDirectory) throws -> (script: String, writer: Process, errors: Pipe) {
        let script = scratch.file("big.tl")
        let lines = (0..<20_000).map { #"append milestone SCO on 2031 text "bulk \#($0)" source "test""# }
        try lines.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        let writer = try launch("timeline", ["--log", url, "run", script])
        let errors = Pipe()
        writer.standardError = errors
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        return (script, writer, errors)
    }

    /// A `psql` session that has taken a SHARE lock on `table` (which every INSERT into it waits
    /// for) and holds it, in an open transaction, until `finish()` or until the server goes away.
    struct LockHolder {
        let process: Process
        let input: Pipe

        /// Ends the session: its transaction, if the server still runs, is rolled back.
        func finish() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    /// `psql` did not take the lock within 5 s.
    struct LockNotTaken: Error { let table: String }

    static func holdShareLock(on table: String, at url: String) throws -> LockHolder {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-qAt"]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN;\nLOCK TABLE \(table) IN SHARE MODE;\n".utf8))
        let granted = """
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE c.relname = '\(table)' AND l.mode = 'ShareLock' AND l.granted
            """
        for _ in 0..<500 {
            if try PostgresTestServer.sql(granted, at: url).trimmingCharacters(in: .whitespacesAndNewlines) == "1" {
                return LockHolder(process: process, input: input)
            }
            usleep(10_000)
        }
        LockHolder(process: process, input: input).finish()
        throw LockNotTaken(table: table)
    }

    @Test("the server stopped at once in the middle of a batch: no partial batch, a clear error, the retry appends once")
    func serverCrash() throws {
        let server = try PostgresTestServer.PrivateServer(root: packageRoot)
        defer { server.remove() }
        let url = server.url
        #expect(try timeline(["copy", Self.bundled, url]).status == 0)
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        // Another session holds a lock that the batch's first INSERT waits for (within the
        // writer's 10 s lock timeout), so the server is stopped while the batch's transaction is
        // open however fast this machine writes: polling for a running INSERT alone can miss it.
        let holder = try Self.holdShareLock(on: "timeline_records", at: url)
        let (script, writer, errors) = try Self.startBulkWriter(url, in: scratch)
        var crashed = false
        while writer.isRunning && !crashed {
            let waiting = try PostgresTestServer.sql(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%INSERT INTO timeline_records%' AND state = 'active' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
                at: url)
            if waiting.trimmingCharacters(in: .whitespacesAndNewlines) != "0" {
                try server.crash()
                crashed = true
            }
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        writer.waitUntilExit()
        holder.finish()
        #expect(crashed, "the writer finished before the server could be stopped")
        #expect(writer.terminationStatus == 74, "\(message)")
        #expect(message.contains("nothing was written"), "\(message)")
        try server.restart()
        #expect(try PostgresTestServer.sql("SELECT count(*) FROM timeline_records", at: url) == "\(bundledRecordCount)\n")
        #expect(try timeline(["--log", url, "verify"]).status == 0)
        let retry = try timeline(["--log", url, "run", script])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try PostgresTestServer.sql("SELECT count(*) FROM timeline_records", at: url) == "\(bundledRecordCount + 20000)\n")
        #expect(try timeline(["--log", url, "verify"]).status == 0)
    }

    @Test("a writer's connection terminated while it holds the log: no partial batch, a clear error, and the retry appends once")
    func writerTerminated() throws {
        let (url, name, drop) = try PostgresTestServer.freshDatabase("kill")
        defer { drop() }
        #expect(try timeline(["copy", Self.bundled, url]).status == 0)
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        // As in serverCrash: the batch's first INSERT waits for another session's lock.
        let holder = try Self.holdShareLock(on: "timeline_records", at: url)
        let (script, writer, errors) = try Self.startBulkWriter(url, in: scratch)
        // Terminate its backend once it holds the head row (it is then inserting).
        var terminated = false
        while writer.isRunning && !terminated {
            let killed = try PostgresTestServer.sql(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(name)' AND query LIKE '%INSERT INTO timeline_records%' AND state = 'active' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            terminated = killed.trimmingCharacters(in: .whitespacesAndNewlines) != "0"
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        writer.waitUntilExit()
        holder.finish()
        #expect(terminated, "the writer finished before its backend could be terminated")
        #expect(writer.terminationStatus == 74)
        #expect(message.contains("the server ended the connection") && message.contains("nothing was written"), "\(message)")
        #expect(try PostgresTestServer.sql("SELECT count(*) FROM timeline_records", database: name) == "\(bundledRecordCount)\n")
        #expect(try timeline(["--log", url, "verify"]).status == 0)
        let retry = try timeline(["--log", url, "run", script])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try PostgresTestServer.sql("SELECT count(*) FROM timeline_records", database: name) == "\(bundledRecordCount + 20000)\n")
        #expect(try timeline(["--log", url, "verify"]).status == 0)
    }
}

extension String {
    /// The database of a `postgresql://…/NAME?…` URL.
    var databaseName: String {
        let path = split(separator: "?").first.map(String.init) ?? self
        return path.split(separator: "/").last.map(String.init) ?? self
    }
}
