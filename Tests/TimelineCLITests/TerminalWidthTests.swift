import Foundation
import Testing
import TimelineTestSupport

/// Tables fit the terminal they are printed on: `timeline -c` and the REPL on pseudo-terminals
/// 60, 80 and 160 columns wide (the width read from the terminal itself, `COLUMNS` unset), and
/// no limit when standard output is a pipe.
@Suite("Tables fit the terminal", .serialized)
struct TerminalWidthTests {
    static let executable = productsDirectory.appendingPathComponent("timeline").path
    static let environment = ["TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"]

    /// The events of Belarus's history, whole, as JSON gives them.
    static func events() throws -> [[String: Any]] {
        let result = try timeline(["--log", frozenLog, "--format", "json", "-c", "history Belarus"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    /// The output's lines, without the blank ones.
    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// Checks that every line fits, that key cells are whole, and that no word of the long text
    /// was lost.
    static func checkFits(_ output: String, width: Int, keys: [String] = ["id", "date", "type", "status"]) throws {
        let lines = Self.lines(output)
        #expect(!lines.isEmpty)
        for line in lines { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        let words = Set(output.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "|" }).map(String.init))
        for event in try events() {
            for key in keys {
                if let value = event[key] as? String { #expect(words.contains(value), "\(key) \(value) cut at \(width)") }
            }
            // The descriptions wrap at spaces: each word is still there, whole.
            for word in (event["what"] as? String ?? "").split(separator: " ") where word.count < 12 {
                #expect(words.contains(String(word)), "\"\(word)\" lost at \(width)")
            }
        }
    }

    @Test("timeline -c on a terminal fits its width: records at 60 and 80, a wrapped table at 160", arguments: [60, 80, 160])
    func command(width: Int) throws {
        let terminal = try PseudoTerminal(
            Self.executable, ["--log", frozenLog, "-c", "history Belarus"], environment: Self.environment, columns: UInt16(width))
        #expect(try terminal.waitForExit() == 0)
        let output = terminal.pending
        try Self.checkFits(output, width: width)
        if width == 160 {
            #expect(output.hasPrefix("SEQ  ID                TYPE       DATE"))
            #expect(!output.contains("-[ RECORD"))
            // Rows wrap: more lines than events, each continuation blank under the key columns.
            #expect(Self.lines(output).count > 9)
            #expect(Self.lines(output).contains { $0.hasPrefix(String(repeating: " ", count: 60)) })
        } else {
            #expect(output.hasPrefix("-[ RECORD 1 ]"))
            #expect(output.contains("\ncountry | BLR\n"))
        }
    }

    @Test("the REPL fits tables to its terminal's width, and leaves a table that fits as it was", arguments: [60, 80, 160])
    func repl(width: Int) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        writeBytes(readBytes(frozenLog), to: scratch.file("copy.jsonl"))
        let terminal = try PseudoTerminal(
            Self.executable, ["--log", scratch.file("copy.jsonl")],
            environment: Self.environment.merging(["HOME": scratch.path, "XDG_STATE_HOME": scratch.file("state")]) { $1 },
            columns: UInt16(width), rows: 300)
        let prompt = "copy #97> "
        try terminal.type("history Belarus | select date, type, what, source\r", prompt: prompt)
        let answer = try terminal.expect(prompt)
        let table = String(answer.drop { $0 != "\n" }.dropFirst())  // after the echoed line
        try Self.checkFits(table, width: width, keys: ["date", "type"])
        #expect(table.hasPrefix("DATE        TYPE       WHAT"))
        try terminal.waitForRawMode()
        terminal.send("members SCO at 2024-07-04 | last 1\r")
        let members = try terminal.expect(prompt)
        #expect(
            members.contains("\n #  COUNTRY  NAME     STATUS  SINCE       CERTAINTY\n10  BLR      Belarus  member  2024-07-04  certain\n"))
        try terminal.waitForRawMode()
        terminal.send("\u{4}")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test("off a terminal, tables keep their natural width unless COLUMNS is set; JSON and CSV carry the whole text")
    func offTerminal() throws {
        let natural = try timeline(["--log", frozenLog, "-c", "history Belarus"])
        #expect(natural.status == 0)
        #expect(Self.lines(natural.stdout).contains { $0.count > 200 })
        #expect(!natural.stdout.contains("-[ RECORD"))
        let fitted = try timeline(
            ["--log", frozenLog, "-c", "history Belarus | select date, type, what, source"], environment: ["COLUMNS": "80"])
        #expect(Self.lines(fitted.stdout).allSatisfy { $0.count <= 80 })
        let csv = try timeline(["--log", frozenLog, "--format", "csv", "-c", "history Belarus"], environment: ["COLUMNS": "60"])
        for event in try Self.events() {
            #expect(csv.stdout.contains(event["source"] as? String ?? "?"))
        }
    }
}
