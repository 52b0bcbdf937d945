import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Kills a writer with SIGKILL at seeded random moments and checks after each kill that the log
/// verifies, every acknowledged batch is there, no batch is partly visible, and a torn tail is
/// set aside by the next writer rather than lost.
///
/// `swift test` runs a quick seeded subset; `scripts/reliability` runs hundreds of kills:
/// `TIMELINE_CRASH_KILLS=200 swift test --skip-build --filter CrashTests`.
@Suite("Crashes")
struct CrashTests {
    static var kills: Int { Int(ProcessInfo.processInfo.environment["TIMELINE_CRASH_KILLS"] ?? "") ?? 16 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["TIMELINE_CRASH_SEED"] ?? "") ?? 2024 }
    static let batches = 8
    static let batchSize = 10

    /// A batch's events: milestones labelled with the round and batch, so each can be found.
    static func events(round: Int) -> [String] {
        (0..<batches).flatMap { batch in
            (0..<batchSize).map { item in
                #"{"type":"milestone","org":"TST","date":"2001","text":"r\#(round) b\#(batch) e\#(item)/\#(batchSize)","source":"crash test"}"#
            }
        }
    }

    @Test("SIGKILL at seeded moments: nothing acknowledged is lost, nothing partial is visible")
    func kills() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        _ = try makeLog(at: log)
        var generator = SplitMix64(seed: Self.seed)
        var tornTails = Set<[UInt8]>()  // each distinct unfinished append seen after a kill
        var acknowledged = 0
        var lost = 0
        for round in 0..<Self.kills {
            let file = scratch.file("round-\(round).jsonl")
            try Self.events(round: round).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let process = try launch(
                "timeline-test-writer", [log, file, String(Self.batchSize)], environment: ["TIMELINE_TEST_CHUNK": "700:300"])
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.25, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let acks = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").filter {
                $0.hasPrefix("ok ")
            }.count
            acknowledged += acks

            let contents = try FileEventLog(path: log).read()
            #expect(contents.warnings.isEmpty)
            if let tail = contents.tornTail { tornTails.insert(Array(readBytes(log)[tail.offset...])) }
            let texts = Set(
                contents.records.compactMap { record -> String? in
                    if case .milestone(_, _, let text) = record.payload, text.hasPrefix("r\(round) ") { return text }
                    return nil
                })
            for batch in 0..<Self.batches {
                let present = (0..<Self.batchSize).filter { texts.contains("r\(round) b\(batch) e\($0)/\(Self.batchSize)") }.count
                #expect(present == 0 || present == Self.batchSize, "round \(round) batch \(batch): \(present) of \(Self.batchSize) visible")
                if batch < acks && present != Self.batchSize { lost += 1 }
            }
            let report = try LogVerifier.verify(path: log)
            #expect(
                report.damage == nil && report.violations.isEmpty && report.warnings.isEmpty,
                "round \(round): \(String(describing: report.damage))")
        }
        #expect(lost == 0, "\(lost) acknowledged batches lost")
        // The next writer sets any torn tail aside into a side file, then appends.
        _ = try FileEventLog(path: log).append(
            [
                NewEvent(
                    date: .day(2002, 1, 1), payload: .milestone(org: OrganizationID("TST")!, country: nil, text: "after the crashes"),
                    source: Source(citation: "crash test")!)
            ], recordedAt: SystemClock.now)
        let sideFiles = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasPrefix("log.jsonl.torn-") }
        // A kill that lands inside a writer's set-aside (the side file written, the log not yet cut
        // back) leaves the same tail for the next writer, which sets it aside again: a duplicate
        // side file is harmless; a tail missing from the side files would be a loss.
        #expect(sideFiles.count >= tornTails.count)
        let setAside = Set(sideFiles.map { readBytes(scratch.file($0)) })
        #expect(setAside == tornTails, "a torn tail was lost instead of set aside")
        #expect(try LogVerifier.verify(path: log).isIntact)
        print(
            "crash test: \(Self.kills) kills, \(acknowledged) acknowledged batches, \(lost) lost, \(tornTails.count) torn tails set aside (\(sideFiles.count) side files)"
        )
    }
}
