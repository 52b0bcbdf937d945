import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Every kind of damage comes out of the scanner and `verify` as its typed kind, on its line,
/// with the message people have always read; only the format version decides `.unsupportedFormat`.
@Suite("Log damage kinds")
struct LogDamageTests {
    static let bundled = readBytes(CorruptionTests.bundled)
    static var lines: [[UInt8]] { bundled.split(separator: 0x0A).map(Array.init) }

    /// A log of `lines`, each ended by a newline.
    static func log(_ lines: [[UInt8]]) -> [UInt8] { lines.flatMap { $0 + [0x0A] } }

    /// A record line whose hash matches its body, whatever the body says.
    static func hashed(_ body: String) -> [UInt8] {
        let body = Array(body.utf8)
        return body + ChainRule.hashMarker + Array(ChainRule.hash(ofBody: body[...]).hex.utf8) + Array("\"}".utf8)
    }

    /// Two records whose hashes and chain are right, numbered 1 and 3.
    static var gap: [UInt8] {
        // Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
        // swift-format-ignore: NeverUseForceTry
        let events = try! fixtureEvents("sco-small.events.jsonl")
        let first = RecordEncoder.line(
            for: RecordedEvent(seq: SequenceNumber(1), recordedAt: at(), event: events[0]), commit: true, previousHash: ChainRule.genesis)
        let second = RecordEncoder.line(
            for: RecordedEvent(seq: SequenceNumber(3), recordedAt: at(), event: events[1]), commit: true, previousHash: first.hash)
        return log([Array(ChainRule.header.utf8), first.bytes, second.bytes])
    }

    static let cases: [(name: String, bytes: [UInt8], damage: LogDamage, message: String)] = {
        var altered = lines
        altered[1][altered[1].firstIndex(of: UInt8(ascii: "S"))!] = UInt8(ascii: "Z")
        var removed = lines
        removed.remove(at: 2)
        return [
            (
                "a byte changed", log(altered), LogDamage(line: 2, kind: .integrityCheckFailed),
                "integrity check failed: the record's content does not match its hash"
            ),
            (
                "a line removed", log(removed), LogDamage(line: 3, kind: .brokenChain(follows: 2)),
                "the hash chain is broken: the record does not follow line 2 (a line was removed, duplicated, reordered or altered)"
            ),
            ("a sequence gap", gap, LogDamage(line: 3, kind: .sequenceGap(expected: 2, found: 3)), "expected sequence number 2, found 3"),
            (
                "a stray byte", Array(bundled.dropLast()) + [UInt8(ascii: "x")], LogDamage(line: lines.count, kind: .strayBytes),
                "the record ends with a stray byte instead of a newline"
            ),
            (
                "a newer version", log([Array(#"{"format":"timeline-log","version":2}"#.utf8)] + lines.dropFirst()),
                LogDamage(line: 1, kind: .unsupportedVersion(found: "2")), "this log has format version 2; this timeline reads version 1"
            ),
            (
                "another file", log([Array(#"{"hello":1}"#.utf8)]), LogDamage(line: 1, kind: .notATimelineLog),
                #"not a Timeline log: the first line must be {"format":"timeline-log","version":1}"#
            ),
            (
                "a record without its hash", log([lines[0], Array(#"{"seq":1}"#.utf8)]),
                LogDamage(line: 2, kind: .malformedRecord(.missingHash)),
                #"the record does not end with its hash (,"hash":"<64 hex digits>"})"#
            ),
            (
                "a bad recorded time",
                log([lines[0], hashed(#"{"seq":1,"at":"yesterday","id":"x1","type":"summit","prev":"\#(ChainRule.genesis.hex)""#)]),
                LogDamage(line: 2, kind: .malformedRecord(.invalidRecordedTime)),
                #"field "at": expected a UTC time such as 2026-11-29T03:00:00Z"#
            ),
            // A last line cut after its CR (its LF not written, or removed) is no torn append either.
            (
                "CR without LF at the end", Array(bundled.dropLast()) + [0x0D], LogDamage(line: lines.count, kind: .crlfLineEnding),
                "the line ends with CR LF"
            ),
        ] + textCases
    }()

    /// What git and editors do to a text file: each named for what it is, on its line.
    static let textCases: [(name: String, bytes: [UInt8], damage: LogDamage, message: String)] = {
        let crlf = lines.map { $0 + [0x0D] }
        let blank = Array("\n".utf8)
        return [
            (
                "CR LF line endings throughout", log(crlf), LogDamage(line: 1, kind: .crlfLineEnding),
                "the line ends with CR LF, not LF: git (core.autocrlf) or an editor converted the log's line endings; a log's lines end with LF alone (keep git from converting them with `*.jsonl -text`, or `*.jsonl eol=lf`, in .gitattributes)"
            ),
            (
                "CR LF from the third line on", log(Array(lines[..<2]) + crlf[2...]), LogDamage(line: 3, kind: .crlfLineEnding),
                "the line ends with CR LF"
            ),
            (
                "CR LF on the last line only", Array(bundled.dropLast()) + [0x0D, 0x0A],
                LogDamage(line: lines.count, kind: .crlfLineEnding),
                "the line ends with CR LF"
            ),
            (
                "a byte-order mark", [0xEF, 0xBB, 0xBF] + bundled, LogDamage(line: 1, kind: .byteOrderMark),
                "the log starts with a UTF-8 byte-order mark (EF BB BF), which an editor added: a log is UTF-8 without one (save it without a BOM)"
            ),
            (
                "a trailing blank line", bundled + blank, LogDamage(line: lines.count + 1, kind: .blankLine(trailing: true)),
                "a blank line after the last record (an editor added it): a log ends with its last record's newline"
            ),
            (
                "trailing white space lines", bundled + Array("  \n\t\n \r\n".utf8),
                LogDamage(line: lines.count + 1, kind: .blankLine(trailing: true)),
                "a blank line after the last record"
            ),
            (
                "trailing spaces without a newline", bundled + Array("   ".utf8),
                LogDamage(line: lines.count + 1, kind: .blankLine(trailing: true)),
                "a blank line after the last record"
            ),
            (
                "a blank line between records", log(Array(lines[..<3]) + [[]] + lines[3...]),
                LogDamage(line: 4, kind: .blankLine(trailing: false)),
                "a blank line between records: every line of a log after the header is a record"
            ),
        ]
    }()

    @Test("what text tools do is damage whose fix restores the log byte for byte", arguments: 0..<textCases.count)
    func textFixes(index: Int) throws {
        let (name, bytes, damage, _) = Self.textCases[index]
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("a log.jsonl")
        writeBytes(bytes, to: path)
        let fix = try #require(damage.fix(for: path), "\(name): a fix")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", fix]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0, "\(name): \(fix)")
        #expect(readBytes(path) == Self.bundled, "\(name): \(fix) restores the log")
        #expect(LogDamage(line: 2, kind: .integrityCheckFailed).fix(for: path) == nil)
    }

    @Test("the scanner and verify report each kind on its line, with its message", arguments: 0..<cases.count)
    func kinds(index: Int) throws {
        let (name, bytes, damage, message) = Self.cases[index]
        #expect(LogScanner.scan(bytes).damage == damage, "\(name): scan")
        #expect(damage.message.hasPrefix(message) && damage.description == damage.message, "\(name): message")
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        writeBytes(bytes, to: path)
        #expect(try LogVerifier.verify(path: path).damage == damage, "\(name): verify")
        do {
            _ = try FileEventLog(path: path).read()
            Issue.record("\(name): a damaged log was read")
        } catch {
            let version = if case .unsupportedVersion = damage.kind { true } else { false }
            #expect(error.code == (version ? .unsupportedFormat : .corrupt), "\(name): code")
            #expect(error.line == damage.line && error.message.contains(message), "\(name): error")
        }
    }

    @Test("a missing log whose head marker shows records is damage of its own kind")
    func missingLog() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        writeBytes(Array("timeline-head 1 97 \(String(repeating: "a", count: 64))\n".utf8), to: path + ".head")
        let report = try LogVerifier.verify(path: path)
        #expect(report.damage == LogDamage(line: 0, kind: .missingLog(committedRecords: 97)))
        #expect(report.damage?.message == "the log is missing, but it held 97 records when last committed: restore it from a copy")
        #expect(report.head == .empty)
    }
}
