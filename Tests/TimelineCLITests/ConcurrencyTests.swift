import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Four writer processes append to one log at once while a reader process reads it again and
/// again and a REPL session sits open on it.
///
/// `swift test` runs 4 × 100 events; the long run (`scripts/reliability`) 4 × 500:
/// `TIMELINE_CONCURRENT_EVENTS=500 swift test --skip-build --filter ConcurrencyTests`.
@Suite("Concurrent writers and readers", .serialized)
struct ConcurrencyTests {
    static var perWriter: Int { Int(ProcessInfo.processInfo.environment["TIMELINE_CONCURRENT_EVENTS"] ?? "") ?? 100 }
    static let batchSize = 10

    @Test("4 writers land every event with contiguous sequence numbers; readers never see a partial batch; the REPL sees the new events")
    func fourWriters() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        _ = try makeLog(at: log)
        let terminal = try PseudoTerminal(
            productsDirectory.appendingPathComponent("timeline").path, ["--log", log],
            environment: ["TERM": "xterm", "HOME": scratch.path, "XDG_STATE_HOME": scratch.file("state"), "LANG": "C.UTF-8"])
        try terminal.type("print count(milestones TST)\r", prompt: "log #2> ")
        try terminal.expect("0\n")

        var processes: [(Process, Pipe)] = []
        for writer in 0..<4 {
            let file = scratch.file("writer-\(writer).jsonl")
            let lines = (0..<Self.perWriter).map { index in
                #"{"type":"milestone","org":"TST","date":"2003","text":"w\#(writer) b\#(index / Self.batchSize) e\#(index % Self.batchSize)/\#(Self.batchSize)","source":"writer \#(writer)"}"#
            }
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let process = try launch("timeline-test-writer", [log, file, String(Self.batchSize)])
            let pipe = Pipe()
            process.standardOutput = pipe
            processes.append((process, pipe))
        }
        let reader = try launch("timeline-test-writer", ["--read", log, "3"])
        let readerOutput = Pipe()
        reader.standardOutput = readerOutput
        try reader.run()
        for (process, _) in processes { try process.run() }
        for (process, pipe) in processes {
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("ok ") }, "\(text)")
        }
        let readerText = String(decoding: readerOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(reader.terminationStatus == 0, "\(readerText)")
        #expect(readerText.hasPrefix("reads "))
        print(
            "concurrency: 4 writers × \(Self.perWriter) events in batches of \(Self.batchSize); reader: \(readerText.trimmingCharacters(in: .whitespacesAndNewlines)), no partial batch seen"
        )

        let contents = try FileEventLog(path: log).read()
        let total = 4 * Self.perWriter
        #expect(contents.records.count == 2 + total)
        #expect(contents.records.map(\.seq.value) == Array(1...(2 + total)))
        #expect(try LogVerifier.verify(path: log).isIntact)
        // The open REPL answers from the log as it now stands.
        try terminal.type("print count(milestones TST)\r", prompt: "log #2> ")
        try terminal.expect("\(total)\n")
        try terminal.type("\u{4}", prompt: "log #\(2 + total)> ")
        #expect(try terminal.waitForExit() == 0)
    }
}
