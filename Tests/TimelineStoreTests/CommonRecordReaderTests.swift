import Foundation
import Testing
import TimelineCore
import TimelineTestSupport

@testable import TimelineStore

/// The typed fast path for common records against the general path (field map), which the
/// oracle tests in turn check against Foundation.
@Suite("Fast path for common records")
struct CommonRecordReaderTests {
    /// The kinds the fast path reads itself.
    static let fastKinds: Set<EventKind> = [.status, .accession, .withdrawal, .suspension, .reinstatement, .milestone, .summit]

    /// The record lines of a log (header dropped).
    static func recordLines(_ path: String) -> [ArraySlice<UInt8>] {
        Array(readBytes(path).split(separator: 0x0A).dropFirst())
    }

    /// Whether the fast path reads `line` itself.
    static func takesFastPath(_ line: ArraySlice<UInt8>) -> Bool {
        var reader = CommonRecordReader()
        let bodyEnd = line.endIndex - 66 - #","hash":""#.utf8.count
        return reader.read(line, bodyEnd: bodyEnd) != nil
    }

    /// Decodes `line` on both paths and expects the same record, or the same error.
    static func expectSameOnBothPaths(_ line: ArraySlice<UInt8>, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var fast = RecordDecoder()
        var general = RecordDecoder()
        let fastResult = Result { () throws(RecordDecodingError) in try fast.decode(line) }
        let generalResult = Result { () throws(RecordDecodingError) in try general.decode(line, fastPath: false) }
        switch (fastResult, generalResult) {
        case (.success(let a), .success(let b)):
            #expect(a.record == b.record, "\(label): record", sourceLocation: sourceLocation)
            #expect(
                a.commit == b.commit && a.previousHash == b.previousHash && a.hash == b.hash, "\(label): chain",
                sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.message == b.message, "\(label): error", sourceLocation: sourceLocation)
        default:
            Issue.record("\(label): one path reads the line, the other refuses it", sourceLocation: sourceLocation)
        }
    }

    @Test("a generated log: the common kinds take the fast path, every record equals the general path's")
    func generated() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        _ = try FileEventLog(path: path).append(SyntheticHistory(events: 3_000, seed: 5).events(), recordedAt: at(0))
        var fastCount = 0
        var kinds = Set<EventKind>()
        var decoder = RecordDecoder()
        for line in Self.recordLines(path) {
            let record = try decoder.decode(line).record
            kinds.insert(record.kind)
            let fast = Self.takesFastPath(line)
            #expect(fast == Self.fastKinds.contains(record.kind), "seq \(record.seq.value), \(record.kind)")
            if fast { fastCount += 1 }
            Self.expectSameOnBothPaths(line, "seq \(record.seq.value)")
        }
        #expect(kinds.isSuperset(of: Self.fastKinds.subtracting([.reinstatement])) && kinds.contains(.founding))
        #expect(fastCount > 2_500)
    }

    @Test("the bundled log: the same records on both paths")
    func bundled() {
        let lines = Self.recordLines(CorruptionTests.bundled)
        #expect(lines.count == (try? FileEventLog(path: CorruptionTests.bundled).read().records.count))
        for (index, line) in lines.enumerated() { Self.expectSameOnBothPaths(line, "line \(index + 2)") }
    }

    /// A line with its body edited and its hash made to match again.
    static func rehashed(_ line: ArraySlice<UInt8>, _ edit: (String) -> String) -> ArraySlice<UInt8> {
        let marker = #","hash":""#
        let text = String(decoding: line, as: UTF8.self)
        let body = edit(String(text[..<text.range(of: marker)!.lowerBound]))
        return Array((body + marker + LogFormat.sha256Hex(Array(body.utf8)) + "\"}").utf8)[...]
    }

    @Test(
        "lines outside the writer's exact form fall back to the general path, with its result or error",
        arguments: [
            ("white space", #""seq":"#, #""seq": "#),
            ("an escape", #""source":"a"#, #""source":"\u0061"#),
            ("non-ASCII", #""source":"a"#, #""source":"é"#),
            ("an unknown field", #""seq":2,"#, #""seq":2,"extra":"x","#),
            ("a repeated field", #""org":"SCO""#, #""org":"SCO","org":"XYZ""#),
            ("a leading zero", #""seq":2,"#, #""seq":02,"#),
            ("an id with a space", #""id":"ab"#, #""id":"a b"#),
            ("an empty country", #""country":"IND""#, #""country":"""#),
            ("a bad date", #""date":"2017-06-09""#, #""date":"2017-13-09""#),
            ("a bad status", #""type":"accession""#, #""type":"status","status":"!!""#),
            ("no organization", #""org":"SCO","#, ""),
            ("a negative number", #""seq":2,"#, #""seq":-2,"#),
            ("an upper-case prev", #""prev":"a"#, #""prev":"A"#),
        ])
    func fallback(_ label: String, _ find: String, _ replacement: String) throws {
        let template = Array(
            #"{"seq":2,"at":"2026-01-01T00:00:00.000Z","id":"ab12cd34ef567890","type":"accession","date":"2017-06-09","country":"IND","org":"SCO","source":"a TASS report","prev":"a992f7339c313b42378d3e00f01363d7067eb79ec3f153a04c428d833f7e904f","hash":""#
                .utf8)
        let original = Self.rehashed(template[...]) { $0 }
        #expect(Self.takesFastPath(original))
        Self.expectSameOnBothPaths(original, "the original")
        let edited = Self.rehashed(original) { $0.replacingOccurrences(of: find, with: replacement) }
        #expect(edited != original, "\(label): the edit applies")
        #expect(!Self.takesFastPath(edited), "\(label): fast path declines")
        Self.expectSameOnBothPaths(edited, label)
    }
}
