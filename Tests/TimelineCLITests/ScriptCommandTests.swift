import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// The acceptance checks of the language and command line, on the bundled log.
@Suite("Scripts from the command line")
struct ScriptCommandTests {
    @Test("members at 2024-07-04 as JSON: the ten members, Belarus the 10th")
    func membersJSON() throws {
        let result = try timelineInRoot(["--format", "json", "-c", "members SCO at 2024-07-04"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(
            rows.compactMap { $0["country"] as? String }.sorted() == ["BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"])
        let belarus = try #require(rows.first { $0["country"] as? String == "BLR" })
        #expect(belarus["ordinal"] as? Int == 10)
        #expect(belarus["certainty"] as? String == "certain")
        #expect(belarus["since"] as? String == "2024-07-04")
        #expect(Set(rows.flatMap { $0.keys }) == ["ordinal", "country", "kind", "name", "status", "since", "certainty"])
        #expect(rows.allSatisfy { $0["kind"] as? String == "country" })
    }

    @Test("roster at 2024-07-04: observers AFG and MNG, 14 dialogue partners")
    func roster() throws {
        let result = try timelineInRoot(["--format", "csv", "-c", "roster SCO at 2024-07-04"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "ordinal,country,kind,name,status,since,certainty")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.filter { $0[4] == "observer" }.map { $0[1] }.sorted() == ["AFG", "MNG"])
        #expect(rows.filter { $0[4] == "dialogue-partner" }.count == 14)
        #expect(rows.filter { $0[4] == "member" }.count == 10)
    }

    @Test("member counts on the days that matter", arguments: [("2017-06-08", 6), ("2017-06-09", 8), ("2001-06-15", 6), ("2023-07-04", 9)])
    func counts(date: String, count: Int) throws {
        let result = try timelineInRoot(["-c", "print count(members SCO at \(date))"])
        #expect(result.stdout == "\(count)\n")
    }

    @Test("an invalid date exits 65 with <command>:LINE:COL and a caret")
    func invalidDate() throws {
        let result = try timelineInRoot(["-c", "members SCO at 2024-13-01"])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                <command>:1:21: error: invalid date "2024-13-01": month 13 is out of range: expected 01 to 12
                  members SCO at 2024-13-01
                                      ^~~~~

                """)
    }

    @Test("running every seed again on the bundled log appends nothing")
    func seedsIdempotent() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("copy.jsonl")
        let original = readBytes(packageRoot + "/Events/diplomacy.jsonl")
        writeBytes(original, to: log)
        let seeds = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds").filter { $0.hasSuffix(".tl") }.sorted().map
        { "seeds/" + $0 }
        #expect(seeds.count >= 8)
        let result = try timelineInRoot(["--log", log, "run"] + seeds)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("nothing appended") })
        #expect(firstDifference(readBytes(log), original) == nil)
    }

    @Test("the seeds, run with a fixed recorded time, rebuild the bundled log byte for byte")
    func seedsReproduceLog() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("rebuilt.jsonl")
        let seeds = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds").filter { $0.hasSuffix(".tl") }.sorted().map
        { "seeds/" + $0 }
        let result = try timelineInRoot(["--log", log, "--recorded-at", "2026-01-01T00:00:00Z", "run"] + seeds)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(firstDifference(readBytes(log), readBytes(packageRoot + "/Events/diplomacy.jsonl")) == nil)
    }

    /// The first line at which two logs differ, as "line N: …", or `nil` when they are the same
    /// bytes (a plain `==` on two logs would have the test library diff them byte by byte).
    func firstDifference(_ rebuilt: [UInt8], _ committed: [UInt8]) -> String? {
        guard rebuilt != committed else { return nil }
        let left = rebuilt.split(separator: 0x0A, omittingEmptySubsequences: false)
        let right = committed.split(separator: 0x0A, omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? String(decoding: left[index], as: UTF8.self) : "(end)"
            let b = index < right.count ? String(decoding: right[index], as: UTF8.self) : "(end)"
            if a != b { return "line \(index + 1): rebuilt \(a.prefix(160)) … committed \(b.prefix(160))" }
        }
        return "the logs differ"
    }

    @Test("a failing script appends nothing, and says so")
    func atomicScript() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        let script = scratch.file("bad.tl")
        try """
        append founding TST on 2000 name "Test" founders CHN ladder member source "x"
        append accession TST KAZ on 2001 source "x"
        append accession TST KAZ on 2002 source "again"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try timeline(["--log", log, "run", script])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(script):3:1: error: refused: event "))
        #expect(result.stderr.contains("note: nothing was appended: the 2 earlier appends of this script were discarded"))
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test("scripts run from a file, from `run -`, and piped on standard input")
    func inputs() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let script = scratch.file("q.tl")
        try "print count(members SCO at 2024)\n".write(toFile: script, atomically: true, encoding: .utf8)
        #expect(try timelineInRoot(["run", script]).stdout == "10\n")
        #expect(try timelineInRoot(["run", "-"], input: "print count(members SCO at 2017)\n").stdout == "8\n")
        #expect(try timelineInRoot([], input: "print count(members SCO at 2001)\n").stdout == "6\n")
        let piped = try timelineInRoot([], input: "members SCO at 2024-13-01\n")
        #expect(piped.status == 65)
        #expect(piped.stderr.hasPrefix("<stdin>:1:21: error:"))
    }

    @Test("missing script files exit 66; usage errors 64")
    func exitCodes() throws {
        let missing = try timelineInRoot(["run", "no-such-script.tl"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no-such-script.tl: cannot read the script"))
        #expect(try timelineInRoot(["run"]).status == 64)
        #expect(try timelineInRoot(["--recorded-at", "yesterday", "-c", "orgs"]).status == 64)
    }

    @Test("JSON and CSV keep notes and messages off standard output")
    func machineFormats() throws {
        let json = try timelineInRoot(["--format", "json", "-c", "members SCO at 1999"])
        #expect(json.stdout == "[]\n")
        #expect(json.stderr.contains("note: SCO did not exist yet on 1999-12-31"))
        let csv = try timelineInRoot(["-c", "history Belarus | where org == SCO | select seq, type", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("seq,type\n18,milestone\n19,status\n"))
    }

    @Test("tables are never coloured off a terminal, or with NO_COLOR")
    func noColour() throws {
        for environment in [[:], ["NO_COLOR": "1"]] {
            let result = try timelineInRoot(["-c", "roster SCO at 2010-04-15"], environment: environment)
            #expect(!result.stdout.contains("\u{1B}["))
        }
        #expect(!(try timelineInRoot(["--no-color", "-c", "members SCO"]).stdout.contains("\u{1B}[")))
    }

    @Test("every subcommand's help has examples")
    func help() throws {
        for arguments in [["--help"], ["run", "--help"], ["verify", "--help"], ["summary", "--help"]] {
            let result = try timelineInRoot(arguments)
            #expect(result.status == 0)
            #expect(result.stdout.contains("Examples:"), "\(arguments)")
        }
        let completion = try timelineInRoot(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("_timeline"))
    }
}
