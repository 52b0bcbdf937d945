import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// `timeline merge` as git runs it: two contributors' copies of the bundled log merge into one
/// verified log; a conflict is reported to git as one, with the event, the rule and both
/// records; the repository's `.gitattributes` keeps git from converting a log's line endings.
@Suite("Merging logs through git")
struct GitMergeTests {
    static let binary = productsDirectory.appendingPathComponent("timeline").path
    static let bundled = packageRoot + "/Events/diplomacy.jsonl"

    /// Appends one statement's events to `log`, recorded at `time`.
    static func append(_ statement: String, to log: String, at time: String) throws {
        let result = try timeline(["--log", log, "--recorded-at", time, "-c", statement])
        #expect(result.status == 0, "\(statement): \(result.stderr)")
        // The head marker is the local writer's, not part of what git tracks.
        try? FileManager.default.removeItem(atPath: log + ".head")
    }

    /// The ids of a log's records, read as JSON.
    static func ids(_ path: String) throws -> [String] {
        try String(decoding: readBytes(path), as: UTF8.self).split(separator: "\n").dropFirst().map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["id"] as? String)
        }
    }

    static let summit = #"append summit SCO on 2026-06-15 place Bishkek host KGZ source "Merge test: summit both branches logged""#
    static let ours = #"append milestone SCO LAO on 2026-02-01 text "memorandum signed" source "Merge test: ours""#
    static let theirs = #"append milestone SCO URY on 2026-03-01 text "application filed" source "Merge test: theirs""#
    static let oursAccession = #"append accession SCO LAO on 2026-07-01 source "Ours Gazette, 2026-07-01""#
    static let theirAccession = #"append accession SCO LAO on 2026-07-02 source "Their Herald, 2026-07-02""#

    @Test("timeline merge writes the merged log into OURS and exits 0; every event is there once")
    func mergeCommand() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs) = (scratch.file("O.jsonl"), scratch.file("A.jsonl"), scratch.file("B.jsonl"))
        for path in [ancestor, ours, theirs] { #expect(writeBytes(readBytes(Self.bundled), to: path)) }
        try Self.append(Self.summit + "; " + Self.ours, to: ours, at: "2026-09-01T00:00:00Z")
        try Self.append(Self.theirs, to: theirs, at: "2026-08-01T00:00:00Z")
        try Self.append(Self.summit, to: theirs, at: "2026-10-01T00:00:00Z")
        let expected = Set(try Self.ids(ours) + Self.ids(theirs))

        let result = try timeline(["merge", ancestor, ours, theirs, "Events/diplomacy.jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let base = try Self.ids(ancestor).count
        #expect(
            result.stdout.hasPrefix(
                "merged Events/diplomacy.jsonl: \(base) common records, 2 of ours, 1 of theirs replayed (1 already in ours, kept once); 1 of their batches recorded before ours' head now carry the head's time; head #\(base + 3) "
            ))
        let merged = try Self.ids(ours)
        #expect(merged.count == base + 3 && Set(merged) == expected)
        let verify = try timeline(["verify", "--log", ours])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("\(ours): ok, \(base + 3) events"), "\(verify.stdout)")
    }

    @Test("a conflicting pair exits 1 naming the event, the rule and both records, and leaves OURS as it was")
    func conflictCommand() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs) = (scratch.file("O.jsonl"), scratch.file("A.jsonl"), scratch.file("B.jsonl"))
        for path in [ancestor, ours, theirs] { #expect(writeBytes(readBytes(Self.bundled), to: path)) }
        try Self.append(Self.oursAccession, to: ours, at: "2026-09-01T00:00:00Z")
        try Self.append(Self.theirAccession, to: theirs, at: "2026-09-02T00:00:00Z")
        let before = readBytes(ours)
        let result = try timeline(["merge", ancestor, ours, theirs, "Events/diplomacy.jsonl"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.hasPrefix("timeline merge: Events/diplomacy.jsonl: conflict: their event ") == true
                && lines.first?.contains("(accession SCO LAO on 2026-07-02) breaks rule already-member against ours: ") == true,
            "\(result.stderr)")
        #expect(
            lines.contains {
                $0.hasPrefix("  theirs (Events/diplomacy.jsonl), record ") && $0.hasSuffix("source: Their Herald, 2026-07-02")
            })
        #expect(
            lines.contains { $0.hasPrefix("  ours (Events/diplomacy.jsonl), record ") && $0.hasSuffix("source: Ours Gazette, 2026-07-01") })
        #expect(readBytes(ours) == before)

        // Logs that are not versions of one another.
        let unrelated = try timeline(["merge", theirs, ours, ancestor])
        #expect(unrelated.status == 65 && unrelated.stderr.contains("the ancestor is not where ours (\(ours)) starts"))
        let missing = try timeline(["merge", scratch.file("none.jsonl"), ours, theirs])
        #expect(missing.status == 66)
    }

    /// A throwaway repository whose driver is the built `timeline`, with the bundled log committed on `main`.
    struct Repository {
        let scratch = ScratchDirectory()
        var root: String { scratch.path }
        var log: String { root + "/Events/diplomacy.jsonl" }

        func git(_ arguments: [String]) throws -> ProcessResult {
            try runProduct(
                "/usr/bin/git", arguments,
                environment: [
                    "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Contributor",
                    "GIT_AUTHOR_EMAIL": "contributor@example.org", "GIT_COMMITTER_NAME": "Contributor",
                    "GIT_COMMITTER_EMAIL": "contributor@example.org", "HOME": root,
                ], directory: root)
        }

        @discardableResult
        func must(_ arguments: [String]) throws -> ProcessResult {
            let result = try git(arguments)
            #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }

        init(attributes: String = "Events/*.jsonl merge=timeline\n*.jsonl -text\n", driver: Bool = true) throws {
            try FileManager.default.createDirectory(atPath: scratch.file("Events"), withIntermediateDirectories: true)
            #expect(writeBytes(readBytes(GitMergeTests.bundled), to: scratch.file("Events/diplomacy.jsonl")))
            #expect(writeBytes(Array(attributes.utf8), to: scratch.file(".gitattributes")))
            #expect(writeBytes(Array("*.head\n*.snapshot\n".utf8), to: scratch.file(".gitignore")))
            try must(["init", "-q", "-b", "main"])
            // As the README sets it up: a checkout rewrites the log, so the head marker beside
            // it (which would report the other branch's records as lost) goes.
            let hook = scratch.file(".git/hooks/post-checkout")
            #expect(writeBytes(Array("#!/bin/sh\nrm -f Events/*.jsonl.head\n".utf8), to: hook))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
            if driver {
                try must(["config", "merge.timeline.name", "Timeline log merge"])
                try must(["config", "merge.timeline.driver", "\(GitMergeTests.binary) merge %O %A %B %P"])
            }
            try must(["add", "."])
            try must(["commit", "-qm", "the bundled log"])
        }

        /// Commits `statement`'s events on `branch`, made from `main`.
        func contribute(_ statement: String, on branch: String, at time: String) throws {
            try must(["checkout", "-q", "-b", branch, "main"])
            let result = try timeline(["--log", log, "--recorded-at", time, "-c", statement])
            #expect(result.status == 0, "\(statement): \(result.stderr)")
            try must(["commit", "-qam", "\(branch): \(statement.prefix(40))"])
        }
    }

    @Test("git merge runs the driver: two contributors' branches merge cleanly into one verified log")
    func gitMerge() throws {
        let repository = try Repository()
        defer { repository.scratch.cleanUp() }
        try repository.contribute(Self.summit + "; " + Self.ours, on: "ours", at: "2026-09-01T00:00:00Z")
        try repository.contribute(Self.summit + "; " + Self.theirs, on: "theirs", at: "2026-09-02T00:00:00Z")
        let expected = Set(try Self.ids(repository.log))
        try repository.must(["checkout", "-q", "ours"])
        let expectedAll = expected.union(try Self.ids(repository.log))

        let merge = try repository.git(["merge", "--no-edit", "theirs"])
        #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
        #expect(merge.stdout.contains("merged Events/diplomacy.jsonl: "), "\(merge.stdout)")
        let merged = try Self.ids(repository.log)
        #expect(merged.count == expectedAll.count && Set(merged) == expectedAll)
        let verify = try timeline(["verify", "--log", repository.log])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(try repository.git(["status", "--porcelain"]).stdout.isEmpty)
    }

    @Test("without the driver the same branches conflict as text: the driver is what merges them")
    func withoutDriver() throws {
        let repository = try Repository(driver: false)
        defer { repository.scratch.cleanUp() }
        try repository.contribute(Self.ours, on: "ours", at: "2026-09-01T00:00:00Z")
        try repository.contribute(Self.theirs, on: "theirs", at: "2026-09-02T00:00:00Z")
        try repository.must(["checkout", "-q", "ours"])
        let merge = try repository.git(["merge", "--no-edit", "theirs"])
        #expect(merge.status != 0 && merge.stdout.contains("CONFLICT"))
    }

    @Test("a conflicting pair makes git report a conflict, with the driver's message, and ours' log in place")
    func gitConflict() throws {
        let repository = try Repository()
        defer { repository.scratch.cleanUp() }
        try repository.contribute(Self.oursAccession, on: "ours", at: "2026-09-01T00:00:00Z")
        try repository.contribute(Self.theirAccession, on: "theirs", at: "2026-09-02T00:00:00Z")
        try repository.must(["checkout", "-q", "ours"])
        let ours = readBytes(repository.log)

        let merge = try repository.git(["merge", "--no-edit", "theirs"])
        #expect(merge.status != 0)
        #expect(merge.stdout.contains("CONFLICT (content): Merge conflict in Events/diplomacy.jsonl"), "\(merge.stdout)")
        #expect(merge.stderr.contains("breaks rule already-member against ours"), "\(merge.stderr)")
        #expect(merge.stderr.contains("Their Herald, 2026-07-02") && merge.stderr.contains("Ours Gazette, 2026-07-01"))
        #expect(readBytes(repository.log) == ours)
        #expect(try repository.git(["status", "--porcelain"]).stdout.contains("UU Events/diplomacy.jsonl"))
    }

    @Test("core.autocrlf turns a log's line endings into CR LF unless .gitattributes says -text; verify names it")
    func lineEndings() throws {
        for (attributes, converted) in [("", true), ("*.jsonl -text\n", false), ("*.jsonl eol=lf\n", false)] {
            let repository = try Repository(attributes: attributes, driver: false)
            defer { repository.scratch.cleanUp() }
            try repository.must(["config", "core.autocrlf", "true"])
            try FileManager.default.removeItem(atPath: repository.log)
            try repository.must(["checkout", "-q", "--", "Events/diplomacy.jsonl"])
            let verify = try timeline(["verify", "--log", repository.log])
            if converted {
                #expect(verify.status == 65)
                #expect(verify.stdout.hasPrefix("\(repository.log):1: damaged: the line ends with CR LF, not LF"), "\(verify.stdout)")
                #expect(verify.stdout.contains("Fix (no record is lost): sed -i 's/\\r$//' \(repository.log)\n"))
            } else {
                #expect(verify.status == 0, "\(attributes): \(verify.stdout)")
            }
        }
    }

    @Test("the repository's own .gitattributes keeps logs byte-exact and names the merge driver")
    func ownAttributes() throws {
        let result = try runProduct(
            "/usr/bin/git",
            ["check-attr", "text", "eol", "merge", "--", "Events/diplomacy.jsonl", "Tests/Fixtures/frozen-diplomacy.jsonl"],
            directory: packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Events/diplomacy.jsonl: text: unset\n"))
        #expect(result.stdout.contains("Events/diplomacy.jsonl: merge: timeline\n"))
        #expect(result.stdout.contains("Tests/Fixtures/frozen-diplomacy.jsonl: text: unset\n"))
    }
}

/// `scripts/verify-contribution`, the pull-request check the README gives a data repository.
@Suite("Verifying a contribution")
struct ContributionCheckTests {
    static let script = packageRoot + "/scripts/verify-contribution"

    func check(_ repository: GitMergeTests.Repository) throws -> ProcessResult {
        try runProduct(
            "/bin/sh", [Self.script, "main"], environment: ["TIMELINE": GitMergeTests.binary, "GIT_CONFIG_GLOBAL": "/dev/null"],
            directory: repository.root)
    }

    @Test("a branch that only appends passes; one that rewrote a record or damaged the log fails, naming it")
    func appendsOnly() throws {
        let repository = try GitMergeTests.Repository(driver: false)
        defer { repository.scratch.cleanUp() }
        try repository.contribute(GitMergeTests.ours, on: "appends", at: "2026-09-01T00:00:00Z")
        let appended = try check(repository)
        #expect(appended.status == 0, "\(appended.stdout)\(appended.stderr)")
        #expect(appended.stdout.contains("Events/diplomacy.jsonl: ok, "))
        #expect(appended.stdout.contains("Events/diplomacy.jsonl: holds #"))

        // A history rewritten with every hash recomputed: intact, but not the base's.
        try repository.must(["checkout", "-q", "-b", "rewrites", "main"])
        let original = try FileEventLog(path: repository.log).read().records
        try FileManager.default.removeItem(atPath: repository.log)
        _ = try FileEventLog(path: repository.log).append(original.map(\.event), recordedAt: RecordedTime(milliseconds: 0))
        try? FileManager.default.removeItem(atPath: repository.log + ".head")
        let rewritten = try check(repository)
        #expect(rewritten.status == 1)
        #expect(rewritten.stdout.contains("Events/diplomacy.jsonl: ok, \(original.count) events"), "\(rewritten.stdout)")
        #expect(rewritten.stdout.contains("Events/diplomacy.jsonl: does not hold #\(original.count) "), "\(rewritten.stdout)")
        #expect(rewritten.stdout.contains("record \(original.count) has hash "), "\(rewritten.stdout)")

        // Line endings converted by an editor.
        try repository.must(["checkout", "-q", "-f", "appends"])
        #expect(writeBytes(readBytes(repository.log).flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }, to: repository.log))
        let converted = try check(repository)
        #expect(converted.status == 1 && converted.stdout.contains("Events/diplomacy.jsonl:1: damaged: the line ends with CR LF"))
    }
}
