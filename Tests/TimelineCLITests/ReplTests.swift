import Foundation
import Testing
import TimelineTestSupport

/// The REPL end to end, through a real pseudo-terminal, on a copy of the frozen bundled log.
@Suite("REPL on a terminal", .serialized)
struct ReplTests {
    let scratch = ScratchDirectory()
    let prompt = "copy #97> "

    var log: String { scratch.file("copy.jsonl") }

    init() {
        writeBytes(readBytes(frozenLog), to: scratch.file("copy.jsonl"))
    }

    func start() throws -> PseudoTerminal {
        try PseudoTerminal(
            productsDirectory.appendingPathComponent("timeline").path, ["--log", log],
            environment: [
                "TERM": "xterm", "HOME": scratch.path, "XDG_STATE_HOME": scratch.file("state"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            ])
    }

    @Test("Tab completes a unique organization, lists several countries, and fills a name with a space")
    func completion() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        try terminal.type("members SC\t", prompt: prompt)
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("at 2024-07-04 | last 1 | select name\r")
        try terminal.expect("Belarus")
        try terminal.type("status Unit\t", prompt: prompt)
        let listing = try terminal.expect("United States")
        #expect(listing.contains("United Kingdom"))
        try terminal.expect(prompt)  // libedit redraws the line under the listing
        try terminal.waitForRawMode()
        terminal.send("\u{3}")
        // libedit redraws only what changed, so the completion shows in what the statement does.
        try terminal.type("status Saudi A\t", prompt: prompt)
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("in SCO at 2024 | select country, status\r")
        try terminal.expect("SAU      dialogue-partner")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("Tab in the middle of a line, or after a closing quote, leaves one space before the next word")
    func completionInsideLine() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        // The cursor goes back before " in NOPE"; the error shows the line as completed.
        try terminal.type("status Saudi A in NOPE" + String(repeating: "\u{1B}[D", count: 8), prompt: prompt)
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("\t")
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("\r")
        try terminal.expect("  status \"Saudi Arabia\" in NOPE\n")
        try terminal.type("status \"Saudi A\" in NOPE" + String(repeating: "\u{1B}[D", count: 9), prompt: prompt)
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("\t")
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("\r")
        try terminal.expect("  status \"Saudi Arabia\" in NOPE\n")
        try terminal.type("status \"Saudi Arabia\"\t", prompt: prompt)
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("in NOPE\r")
        try terminal.expect("  status \"Saudi Arabia\" in NOPE\n")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("Tab completes the statuses of the organization's ladder")
    func statusCompletion() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        try terminal.type("begin\r", prompt: prompt)
        try terminal.type(
            "append founding TST on 2000 name \"Test\" founders CHN ladder guest associate member source \"x\"\r", prompt: "copy #97*> ")
        try terminal.type("append status TST IND ass\t", prompt: "copy #97*> ")
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("on 2001 source \"x\"\r")
        try terminal.type("status IND in TST at 2002 | select status\r", prompt: "copy #97*> ")
        try terminal.expect("associate")
        try terminal.type("rollback\r", prompt: "copy #97*> ")
        try terminal.expect("rolled back: 2 appends discarded")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("history persists across two sessions")
    func history() throws {
        defer { scratch.cleanUp() }
        let first = try start()
        try first.type("print 12345 + 1\r", prompt: prompt)
        try first.expect("12346")
        try first.type("\u{4}", prompt: prompt)
        #expect(try first.waitForExit() == 0)
        let second = try start()
        try second.type("\u{1B}[A", prompt: prompt)
        second.send("\r")
        try second.expect("12346")
        try second.type("\u{4}", prompt: prompt)
        #expect(try second.waitForExit() == 0)
        let saved = String(decoding: readBytes(scratch.file("state/timeline/history")), as: UTF8.self)
        #expect(saved.contains("print\\04012345\\040+\\0401"))
    }

    @Test("Ctrl-R searches the history; a repeated line is kept once")
    func search() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        try terminal.type("print 111\r", prompt: prompt)
        try terminal.type("print 222\r", prompt: prompt)
        try terminal.type("print 222\r", prompt: prompt)
        try terminal.type("\u{12}", prompt: prompt)
        Thread.sleep(forTimeInterval: 0.2)
        terminal.send("11")
        Thread.sleep(forTimeInterval: 0.2)
        terminal.send("\r")
        try terminal.expect("111\n")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
        let saved = String(decoding: readBytes(scratch.file("state/timeline/history")), as: UTF8.self)
        #expect(saved.components(separatedBy: "print\\040222").count == 2)
    }

    @Test("a multi-line statement continues on a continuation prompt")
    func multiLine() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        try terminal.type("for y in [2001, 2024] {\r", prompt: prompt)
        try terminal.type("print y, count(members SCO at y)\r", prompt: "...> ")
        try terminal.type("}\r", prompt: "...> ")
        try terminal.expect("2001 6")
        try terminal.expect("2024 10")
        try terminal.type("members SCO at 2024 |\r", prompt: prompt)
        try terminal.type("count\r", prompt: "...> ")
        try terminal.expect("10")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("a line ending in intersect continues; Tab completes intersect and the query after it; .help intersect")
    func setOperations() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        try terminal.type("members SCO at 2024 inters\t", prompt: prompt)
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("\r")
        try terminal.type("members SCO at 2017 | count\r", prompt: "...> ")
        try terminal.expect("8")
        try terminal.type("members SCO at 2024 except members SCO a\t", prompt: prompt)
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("2017 | select country\r")
        try terminal.expect("BLR")
        try terminal.type(".help intersect\r", prompt: prompt)
        try terminal.expect("intersect binds tighter than union and except")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("Ctrl-C cancels a line, and stops a running statement without touching the log")
    func interrupts() throws {
        defer { scratch.cleanUp() }
        let before = readBytes(log)
        let terminal = try start()
        try terminal.type("members SCO at 2024", prompt: prompt)
        terminal.send("\u{3}")
        try terminal.type("print 7 * 6\r", prompt: prompt)
        try terminal.expect("42")
        try terminal.type("for i in 1..1000000 { append milestone SCO on 2030 text (\"note \" + i) source \"test\" }\r", prompt: prompt)
        Thread.sleep(forTimeInterval: 1.0)
        terminal.send("\u{3}")
        try terminal.expect("interrupted")
        try terminal.type("print 8\r", prompt: prompt)
        try terminal.expect("8")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
        #expect(readBytes(log) == before)
    }

    @Test("a Ctrl-C sent right after typed keys cancels the line every time, even when it empties the keys before they are read")
    func interruptsRightAfterKeys() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        // The terminal discards unread input on Ctrl-C: a key the editor saw waiting may be gone
        // when it reads it. The editor must come back with a prompt, not wait for another key.
        for _ in 0..<200 {
            try terminal.type("members SCO at 2024", prompt: prompt)
            terminal.send("\u{3}")
        }
        try terminal.type("print 6 * 7\r", prompt: prompt)
        try terminal.expect("42")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("UTF-8 input, an error caret, .read and .format json")
    func inputAndCommands() throws {
        defer { scratch.cleanUp() }
        let script = scratch.file("q.tl")
        writeBytes(Array("print \"from the file\", count(orgs)\n".utf8), to: script)
        let terminal = try start()
        try terminal.type("status Türkiye in SCO at 2014 | select name, status\r", prompt: prompt)
        try terminal.expect("Türkiye  dialogue-partner")
        try terminal.type("members SCO at 2024-13-01\r", prompt: prompt)
        let error = try terminal.expect("^~~~~")
        #expect(error.contains("<repl>:1:21: error: invalid date \"2024-13-01\": month 13 is out of range"))
        #expect(error.contains("  members SCO at 2024-13-01\n                      ^~~~~"))
        try terminal.type(".read \(script)\r", prompt: prompt)
        try terminal.expect("from the file 1")
        try terminal.type(".format json\r", prompt: prompt)
        try terminal.type("members SCO at 2024-07-04 | first 1 | select country\r", prompt: prompt)
        try terminal.expect("{\"country\":\"CHN\"}")
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test(".cite on follows each answer with its citation, pinned to the head; .cite off stops it")
    func citations() throws {
        defer { scratch.cleanUp() }
        let terminal = try start()
        try terminal.type(".cite on\r", prompt: prompt)
        try terminal.type("print count(members SCO at 2017-06-09)\r", prompt: prompt)
        let cited = try terminal.expect("known at seq 97)'")
        #expect(cited.contains("8"))
        #expect(cited.contains("cite: log head #97 "))
        #expect(cited.contains("timeline verify --contains 97:"))
        #expect(cited.contains("print count(members SCO at 2017-06-09 known at seq 97)"))
        try terminal.type(".cite off\r", prompt: prompt)
        try terminal.type("print count(members SCO at 2024-07-04)\r", prompt: prompt)
        let plain = try terminal.expect("10")
        #expect(!plain.contains("cite:"))
        try terminal.type("\u{4}", prompt: prompt)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("a transaction rolls back, and leaving with one open asks and never half-writes")
    func transactions() throws {
        defer { scratch.cleanUp() }
        let before = readBytes(log)
        let terminal = try start()
        try terminal.type("begin\r", prompt: prompt)
        try terminal.type("append accession SCO MNG on 2030 source \"test\"\r", prompt: "copy #97*> ")
        try terminal.type("print count(members SCO at 2031)\r", prompt: "copy #97*> ")
        try terminal.expect("11")
        try terminal.type("rollback\r", prompt: "copy #97*> ")
        try terminal.expect("rolled back: 1 append discarded")
        try terminal.type("begin\r", prompt: prompt)
        try terminal.type("append accession SCO MNG on 2030 source \"test\"\r", prompt: "copy #97*> ")
        try terminal.type("\u{4}", prompt: "copy #97*> ")
        try terminal.type("n\r", prompt: "Commit them? [y/N] ")
        try terminal.expect("rolled back")
        #expect(try terminal.waitForExit() == 0)
        #expect(readBytes(log) == before)
        // Committing lands the batch, and the prompt shows the new head.
        let again = try start()
        try again.type("begin\r", prompt: prompt)
        try again.type("append accession SCO MNG on 2030 source \"test\"\r", prompt: "copy #97*> ")
        try again.type("commit\r", prompt: "copy #97*> ")
        try again.expect("appended 1 event")
        try again.type("\u{4}", prompt: "copy #98> ")
        #expect(try again.waitForExit() == 0)
    }
}

@Suite("REPL replay step", .serialized)
struct ReplStepTests {
    @Test("replay … step shows one event per Enter; q stops")
    func step() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        writeBytes(readBytes(frozenLog), to: scratch.file("copy.jsonl"))
        let terminal = try PseudoTerminal(
            productsDirectory.appendingPathComponent("timeline").path, ["--log", scratch.file("copy.jsonl")],
            environment: ["TERM": "xterm", "HOME": scratch.path, "XDG_STATE_HOME": scratch.file("state"), "LANG": "C.UTF-8"])
        let next = "(Enter: next event, q: stop) "
        try terminal.type("replay SCO from 2017 to 2017 step\r", prompt: "copy #97> ")
        let first = try terminal.expect(next)
        #expect(first.contains("2017-06-08/2017-06-09 (day)  summit"))
        #expect(!first.contains("accession"))
        try terminal.waitForRawMode()
        terminal.send("\r")
        let second = try terminal.expect(next)
        #expect(second.contains("accession  IND observer → member (7th)"))
        #expect(second.contains("[member 7, observer 5, dialogue-partner 6]"))
        try terminal.waitForRawMode()
        terminal.send("q\r")
        let rest = try terminal.expect("copy #97> ")
        #expect(!rest.contains("PAK observer"))
        try terminal.waitForRawMode()
        terminal.send("\u{4}")
        #expect(try terminal.waitForExit() == 0)
    }
}

@Suite("Colour on a terminal", .serialized)
struct ColourTests {
    /// The raw bytes `timeline -c STATEMENT` writes to a terminal.
    func output(_ environment: [String: String], _ arguments: [String] = []) throws -> String {
        let terminal = try PseudoTerminal(
            productsDirectory.appendingPathComponent("timeline").path,
            ["--log", packageRoot + "/Events/diplomacy.jsonl"] + arguments + [
                "-c", "roster SCO at 2010-04-15 | where country == BLR or country == CHN",
            ],
            environment: ["TERM": "xterm", "LANG": "C.UTF-8"].merging(environment) { $1 })
        #expect(try terminal.waitForExit() == 0)
        return String(decoding: terminal.transcript, as: UTF8.self)
    }

    @Test("tables are coloured on a terminal, and not with NO_COLOR or --no-color")
    func colour() throws {
        let coloured = try output([:])
        #expect(coloured.contains("\u{1B}[1m#  COUNTRY"))  // bold header
        #expect(coloured.contains("\u{1B}[33m   BLR"))  // a possible row highlighted
        #expect(!(try output(["NO_COLOR": "1"])).contains("\u{1B}["))
        #expect(!(try output([:], ["--no-color"])).contains("\u{1B}["))
    }
}
