import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

@Suite("timeline command line")
struct CommandLineTests {
    @Test("--version prints the version and the log format")
    func version() throws {
        let result = try timeline(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0 (log format 1)\n")
    }

    @Test("verify reports an intact log and its head, with --log before or after the subcommand")
    func verifyIntact() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let receipt = try makeLog(at: path)
        let expected = "\(path): ok, 2 events, head #2 \(receipt.head.hash.hex.prefix(12))\n"
        for arguments in [["verify", "--log", path], ["--log", path, "verify"], ["--log=\(path)", "verify"]] {
            let result = try timeline(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout == expected, "\(arguments)")
        }
        let fromEnvironment = try timeline(["verify"], environment: ["TIMELINE_LOG": path])
        #expect(fromEnvironment.stdout == expected)
        let json = try timeline(["--format", "json", "--log", path, "verify"])
        #expect(
            json.stdout.hasPrefix(
                "{\"path\":\"\(path)\",\"intact\":true,\"records\":2,\"head\":{\"seq\":2,\"hash\":\"\(receipt.head.hash.hex)\"}"))
        let csv = try timeline(["verify", "--log", path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("path,records,head,intact,line,problem\n\(path),2,\(receipt.head.hash.hex),true,,\n"))
    }

    @Test("verify names the damaged line and exits 65")
    func verifyDamaged() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        _ = try makeLog(at: path)
        var bytes = Array(FileManager.default.contents(atPath: path)!)
        let thirdLine = bytes.indices.filter { bytes[$0] == 0x0A }[1] + 1
        bytes[thirdLine + 20] ^= 0x01
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let result = try timeline(["verify", "--log", path])
        #expect(result.status == 65)
        #expect(result.stdout.hasPrefix("\(path):3: damaged: integrity check failed"))
        #expect(result.stdout.contains("The 1 committed record before line 3 is intact"))
        let summary = try timeline(["--log", path, "summary"])
        #expect(summary.status == 65)
        #expect(summary.stderr.contains("\(path):3: the log is damaged"))
    }

    @Test("CR LF line endings, a byte-order mark and a trailing blank line are named with their line and fix, by verify and on read")
    func textDamage() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        _ = try makeLog(at: path)
        try FileManager.default.removeItem(atPath: path + ".head")
        let bytes = readBytes(path)
        let cases: [(bytes: [UInt8], line: Int, problem: String, fix: String)] = [
            (bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }, 1, "the line ends with CR LF, not LF", #"sed -i 's/\r$//' \#(path)"#),
            ([0xEF, 0xBB, 0xBF] + bytes, 1, "the log starts with a UTF-8 byte-order mark", #"sed -i '1s/^\xEF\xBB\xBF//' \#(path)"#),
            (bytes + [0x0A], 4, "a blank line after the last record", "sed -i '/^[[:space:]]*$/d' \(path)"),
        ]
        for (damaged, line, problem, fix) in cases {
            #expect(writeBytes(damaged, to: path))
            let verify = try timeline(["verify", "--log", path])
            #expect(verify.status == 65)
            #expect(verify.stdout.hasPrefix("\(path):\(line): damaged: \(problem)"), "\(verify.stdout)")
            #expect(verify.stdout.contains("\nFix (no record is lost): \(fix)\n"), "\(verify.stdout)")
            #expect(!verify.stdout.contains("format version"))
            let json = try timeline(["verify", "--log", path, "--format", "json"])
            #expect(json.stdout.contains(#""line":\#(line),"#) && json.stdout.contains(#""fix":"#))
            let query = try timeline(["--log", path, "-c", "members TST at 2010"])
            #expect(query.status == 65)
            #expect(query.stderr.contains("\(path):\(line): \(problem)") && query.stderr.contains("`\(fix)` fixes it"), "\(query.stderr)")
            let shell = try runProduct("/bin/sh", ["-c", fix])
            #expect(shell.status == 0 && readBytes(path) == bytes, "\(fix)")
        }
    }

    @Test("a missing log exits 66; a bad option exits 64")
    func exitCodes() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let missing = try timeline(["verify", "--log", scratch.file("none.jsonl")])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no log to verify"))
        let usage = try timeline(["verify", "--frobnicate"])
        #expect(usage.status == 64)
        let format = try timeline(["--format", "xml", "verify"])
        #expect(format.status == 64)
    }

    @Test("without a subcommand, a summary of the log: head and organizations")
    func summary() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let receipt = try makeLog(at: path)
        let table = try timeline(["--log", path, "summary"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Head   \(receipt.head), 2 events"))
        #expect(table.stdout.contains("TST  Test Organization  2000-01-01  3        observer < member"))
        let json = try timeline(["summary", "--log", path, "--format", "json"])
        #expect(
            json.stdout.contains(
                "\"organizations\":[{\"id\":\"TST\",\"name\":\"Test Organization\",\"founded\":\"2000-01-01\",\"dissolved\":null,\"ladder\":[\"observer\",\"member\"],\"members\":3}]"
            ))
    }

    @Test("the bundled log in the current directory opens by default")
    func defaultLocation() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        try FileManager.default.createDirectory(atPath: scratch.file("Events"), withIntermediateDirectories: true)
        _ = try makeLog(at: scratch.file("Events/diplomacy.jsonl"))
        let result = try timeline(["verify"], directory: scratch.path)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Events/diplomacy.jsonl: ok, 2 events"))
        // Elsewhere, the user's own log under XDG_DATA_HOME.
        let elsewhere = try timeline(["verify"], environment: ["XDG_DATA_HOME": scratch.file("data")], directory: "/")
        #expect(elsewhere.status == 66)
        #expect(elsewhere.stderr.contains(scratch.file("data") + "/timeline/timeline.jsonl"))
    }
}

@Suite("timeline generate")
struct GenerateCommandTests {
    @Test("writes a valid synthetic log, the same file for the same seed, and never over an existing log")
    func generate() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let first = try timeline([
            "generate", "--events", "3000", "--seed", "5", "--log", scratch.file("a.jsonl"), "--recorded-at", "2026-01-01T00:00:00Z",
        ])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote 3000 events to \(scratch.file("a.jsonl")) (head #3000 "))
        _ = try timeline([
            "generate", "--events", "3000", "--seed", "5", "--log", scratch.file("b.jsonl"), "--recorded-at", "2026-01-01T00:00:00Z",
        ])
        #expect(readBytes(scratch.file("a.jsonl")) == readBytes(scratch.file("b.jsonl")))
        #expect(try timeline(["verify", "--log", scratch.file("a.jsonl")]).status == 0)
        let again = try timeline(["generate", "--events", "10", "--log", scratch.file("a.jsonl")])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already exists"))
        #expect(try timeline(["generate", "--events", "10"]).status == 64)
    }
}

@Suite("snapshot cache on the command line")
struct SnapshotCacheCommandTests {
    @Test("a large log keeps a snapshot that answers; --no-cache neither reads nor writes it; deleting it loses nothing")
    func snapshotAndNoCache() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("big.jsonl")
        let snapshot = log + ".snapshot"
        #expect(try timeline(["generate", "--events", "10000", "--seed", "3", "--log", log]).status == 0)
        let query = ["--log", log, "--format", "csv", "-c", "members ORG0001 at 1990-01-01"]

        // Without --no-cache, the first reading folds the log and leaves a snapshot.
        let uncached = try timeline(["--no-cache"] + query)
        #expect(uncached.status == 0, "\(uncached.stderr)")
        #expect(uncached.stdout.split(separator: "\n").count > 2)
        #expect(readBytes(snapshot).isEmpty, "--no-cache wrote a snapshot")
        let first = try timeline(query)
        #expect(first.stdout == uncached.stdout)
        #expect(!readBytes(snapshot).isEmpty)
        #expect(try timeline(query).stdout == uncached.stdout)

        // Plant a snapshot of another history under this log's head: the cache answers from it,
        // which shows it is read, and --no-cache answers from the log.
        let other = scratch.file("other.jsonl")
        _ = try FileEventLog(path: other).append(
            SyntheticHistory(events: 10_000, seed: 4).events(), recordedAt: RecordedTime(milliseconds: 0))
        let otherTimeline = Timeline(records: try FileEventLog(path: other).read().records)
        SnapshotCache(log: log).save(otherTimeline.projections, head: try FileEventLog(path: log).read().head)
        let planted = try timeline(query)
        #expect(planted.status == 0)
        #expect(planted.stdout != uncached.stdout)
        #expect(try timeline(["--no-cache"] + query).stdout == uncached.stdout)

        // Deleted, it is rebuilt from the log on the next reading.
        SnapshotCache(log: log).remove()
        #expect(try timeline(query).stdout == uncached.stdout)
        #expect(try timeline(query).stdout == uncached.stdout)
    }
}
