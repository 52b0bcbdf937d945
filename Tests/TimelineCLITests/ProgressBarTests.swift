import Foundation
import Testing
import TimelineTestSupport

/// Progress bars on a real pseudo-terminal: `generate`, `verify` and the first read of a log
/// (before its snapshot exists) draw one on standard error with the rate and the time left;
/// nothing through a pipe, with `--quiet`, or for work under the delay (a second by default;
/// `TIMELINE_PROGRESS_DELAY=0` shows even short work, so the tests need no large logs).
@Suite("Progress bars")
struct ProgressBarTests {
    static let binary = productsDirectory.appendingPathComponent("timeline").path

    static func environment(_ scratch: ScratchDirectory, delay: String?) -> [String: String] {
        var environment = ["TERM": "xterm", "HOME": scratch.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        if let delay { environment["TIMELINE_PROGRESS_DELAY"] = delay }
        return environment
    }

    /// Runs the command on a terminal until it prints `done`; returns what the terminal showed.
    static func onTerminal(_ arguments: [String], until done: String, in scratch: ScratchDirectory, delay: String? = "0") throws -> String {
        let terminal = try PseudoTerminal(binary, arguments, environment: environment(scratch, delay: delay))
        let output = try terminal.expect(done, timeout: 120)
        #expect(try terminal.waitForExit() == 0)
        return output
    }

    @Test("generate draws a bar while it makes the events and one while it writes them")
    func generate() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let shown = try Self.onTerminal(
            ["generate", "--events", "40000", "--log", scratch.file("g.jsonl")], until: "wrote 40000 events", in: scratch)
        #expect(shown.contains("generate █"), "no generate bar in: \(shown.suffix(400))")
        #expect(shown.contains("write █"), "no write bar in: \(shown.suffix(400))")
        #expect(shown.contains("40000/40000 records") && shown.contains("/s, ") && shown.contains(" left"))
        let quiet = try Self.onTerminal(
            ["--quiet", "generate", "--events", "40000", "--log", scratch.file("q.jsonl")], until: "wrote 40000 events", in: scratch)
        #expect(!quiet.contains("records, "), "a bar with --quiet: \(quiet.suffix(300))")
        let piped = try timeline(
            ["generate", "--events", "40000", "--log", scratch.file("p.jsonl")], environment: ["TIMELINE_PROGRESS_DELAY": "0"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "a bar off a terminal: \(piped.stderr.prefix(200))")
    }

    @Test("verify draws a bar in megabytes; short work under the default delay draws none")
    func verify() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("g.jsonl")
        #expect(try timeline(["generate", "--events", "30000", "--log", log]).status == 0)
        let shown = try Self.onTerminal(["verify", "--log", log], until: "ok, 30000 events", in: scratch)
        #expect(shown.contains("verify █"), "no verify bar in: \(shown.suffix(400))")
        #expect(shown.contains(" MB, ") && shown.contains(" MB/s, ") && shown.contains(" left"))
        // The bundled log verifies well within a second: no bar at the default delay.
        let short = try Self.onTerminal(
            ["verify", "--log", packageRoot + "/Events/diplomacy.jsonl"], until: "ok, \(bundledRecordCount) events", in: scratch, delay: nil
        )
        #expect(!short.contains("verify █") && !short.contains("MB/s"), "a bar for short work: \(short.suffix(300))")
        let quiet = try Self.onTerminal(["--quiet", "verify", "--log", log], until: "ok, 30000 events", in: scratch)
        #expect(!quiet.contains("MB/s"), "a bar with --quiet: \(quiet.suffix(300))")
        let piped = try timeline(["verify", "--log", log], environment: ["TIMELINE_PROGRESS_DELAY": "0"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "a bar off a terminal: \(piped.stderr.prefix(200))")
    }

    @Test("the first read of a log draws a bar; a start from its snapshot draws none")
    func firstRead() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("g.jsonl")
        #expect(try timeline(["generate", "--events", "30000", "--log", log]).status == 0)
        let statement = "print \"members: \" + count(members ORG0001 at 2000)"
        let first = try Self.onTerminal(["--log", log, "-c", statement], until: "members: ", in: scratch)
        #expect(first.contains("read █"), "no read bar in: \(first.suffix(400))")
        #expect(FileManager.default.fileExists(atPath: log + ".snapshot"))
        let cached = try Self.onTerminal(["--log", log, "-c", statement], until: "members: ", in: scratch)
        #expect(!cached.contains("read █") && !cached.contains("MB/s"), "a bar on a start from the snapshot: \(cached.suffix(300))")
    }
}
