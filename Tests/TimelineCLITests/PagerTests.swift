import Foundation
import Testing
import TimelineTestSupport

/// The REPL's pager, through a real pseudo-terminal: output longer than the screen goes through
/// `$PAGER` (here a script that notes each time it runs, then shows its input), shorter output
/// does not, `.pager off` stops it, and standard output that is not a terminal never gets it.
/// Ctrl-C and the prompt work as before once the pager is left.
@Suite("The REPL's pager", .serialized)
struct PagerTests {
    let scratch = ScratchDirectory()
    let prompt = "copy #97> "
    var marks: String { scratch.file("pager-runs") }

    init() {
        writeBytes(readBytes(frozenLog), to: scratch.file("copy.jsonl"))
    }

    /// A pager command running a script: it appends a line to `pager-runs`, then shows its input, then (with
    /// `waits`) waits for a line typed on the terminal, as a real pager waits for a key.
    func pager(waits: Bool = false) -> String {
        let path = scratch.file(waits ? "waiting-pager" : "pager")
        let script = "#!/bin/sh\necho run >> '\(marks)'\ncat\n" + (waits ? "echo '(pager waiting)'\nread line < /dev/tty\n" : "")
        writeBytes(Array(script.utf8), to: path)
        // Run by sh rather than executed: a child another test forks while the file is being
        // written would keep it open for writing, and executing it would fail (ETXTBSY).
        return "sh \(path)"
    }

    /// How many times the pager ran.
    var runs: Int { String(decoding: readBytes(marks), as: UTF8.self).split(separator: "\n").count }

    func start(pager: String?, pipeOutput: Bool = false) throws -> PseudoTerminal {
        var environment = [
            "TERM": "xterm", "HOME": scratch.path, "XDG_STATE_HOME": scratch.file("state"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "NO_COLOR": "1",
        ]
        if let pager { environment["PAGER"] = pager }
        return try PseudoTerminal(
            productsDirectory.appendingPathComponent("timeline").path, ["--log", scratch.file("copy.jsonl")], environment: environment,
            columns: 100, rows: 24, pipeOutput: pipeOutput)
    }

    @Test("output longer than the screen goes through $PAGER; shorter output and .pager off do not")
    func pagesLongOutput() throws {
        defer { scratch.cleanUp() }
        let terminal = try start(pager: pager())
        try terminal.type("history Belarus\r", prompt: prompt)
        try terminal.expect("-[ RECORD 8 ]")  // 100 columns: the history is shown as records, through the pager
        try terminal.expect(prompt)
        #expect(runs == 1)
        try terminal.waitForRawMode()
        terminal.send("members SCO at 2024-07-04\r")
        try terminal.expect("10  BLR      Belarus     member  2024-07-04  certain")
        try terminal.expect(prompt)
        #expect(runs == 1)  // eleven lines fit the screen
        try terminal.waitForRawMode()
        terminal.send(".pager off\r")
        try terminal.expect("pager: off")
        try terminal.type("history Belarus\r", prompt: prompt)
        try terminal.expect("-[ RECORD 8 ]")
        try terminal.expect(prompt)
        #expect(runs == 1)
        try terminal.waitForRawMode()
        terminal.send(".pager on\r")
        try terminal.expect("pager: on (sh \(scratch.file("pager")))")
        try terminal.type("for y in 2001..2040 { print y }\r", prompt: prompt)
        try terminal.expect("2040")
        try terminal.expect(prompt)
        #expect(runs == 2)  // a loop's forty lines do not fit 24
        try terminal.waitForRawMode()
        terminal.send("\u{4}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("with standard output not a terminal, the REPL never pages")
    func neverOffTerminal() throws {
        defer { scratch.cleanUp() }
        let terminal = try start(pager: pager(), pipeOutput: true)
        terminal.send("history Belarus\r.pager on\r.quit\r")
        #expect(try terminal.waitForExit() == 0)
        let output = terminal.pipedOutput
        // No terminal, no COLUMNS: the table at its natural width, whole.
        #expect(output.contains("SEQ  ID                TYPE       DATE"))
        #expect(output.contains("pager: on (sh \(scratch.file("pager"))); not used while standard output is not a terminal"))
        #expect(!FileManager.default.fileExists(atPath: marks))
    }

    @Test("Ctrl-C in the pager ends the pager, not the next line; the prompt and Ctrl-C work after it")
    func interruptInPager() throws {
        defer { scratch.cleanUp() }
        let terminal = try start(pager: pager(waits: true))
        try terminal.type("history Belarus\r", prompt: prompt)
        let paged = try terminal.expect("(pager waiting)")
        #expect(paged.contains("-[ RECORD 8 ]"))
        terminal.send("\u{3}")
        let after = try terminal.expect(prompt)
        #expect(!after.contains("interrupted"))
        #expect(runs == 1)
        try terminal.waitForRawMode()
        terminal.send("members SCO at 2024")
        Thread.sleep(forTimeInterval: 0.2)
        terminal.send("\u{3}")
        try terminal.type("print 6 * 7\r", prompt: prompt)
        try terminal.expect("42")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test(
        "with less (the default), q leaves the pager, and quitting it early stops a long loop",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/less")))
    func less() throws {
        defer { scratch.cleanUp() }
        let terminal = try start(pager: nil)
        try terminal.type("history Belarus\r", prompt: prompt)
        try terminal.expect("-[ RECORD 2 ]")
        Thread.sleep(forTimeInterval: 0.5)
        terminal.send("q")
        try terminal.type("print 6 * 7\r", prompt: prompt)
        try terminal.expect("42")
        try terminal.type("for i in 1..1000000 { print i }\r", prompt: prompt)
        try terminal.expect("22\n")
        Thread.sleep(forTimeInterval: 0.5)
        terminal.send("q")
        let stopped = try terminal.expect(prompt, timeout: 10)
        #expect(stopped.contains("interrupted"))
        try terminal.waitForRawMode()
        terminal.send("print 7 * 6\r")
        try terminal.expect("42")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }
}
