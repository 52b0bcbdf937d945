import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

@Suite("Writers in separate processes")
struct ConcurrentWritersTests {
    /// Event lines for a writer: an accession of each country (contested by the other writer,
    /// whose accession has another source and so another id) and a milestone of its own.
    func events(writer: String, countries: [String]) -> String {
        countries.enumerated().map { index, country in
            #"{"type":"accession","org":"TST","country":"\#(country)","date":"2010-01-01","source":"writer \#(writer)"}"# + "\n"
                + #"{"type":"milestone","org":"TST","date":"2011-01-01","text":"\#(writer) note \#(index)","source":"writer \#(writer)"}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test("two writers both land, in order, each validated against the other's events")
    func twoWriters() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        _ = try makeLog(at: log)
        let countries = [
            "KAZ", "KGZ", "TJK", "UZB", "PAK", "IRN", "BLR", "MNG", "AFG", "TUR", "ARM", "AZE", "NPL", "KHM", "LKA", "EGY", "QAT", "SAU",
            "KWT", "ARE",
        ]
        var writers: [(Process, Pipe)] = []
        for (name, order) in [("A", countries), ("B", countries.reversed())] {
            let file = scratch.file("\(name).jsonl")
            try events(writer: name, countries: order).write(toFile: file, atomically: true, encoding: .utf8)
            let process = try launch("timeline-test-writer", [log, file, "1"])
            let pipe = Pipe()
            process.standardOutput = pipe
            writers.append((process, pipe))
        }
        for (process, _) in writers { try process.run() }
        var outputs: [[String]] = []
        for (process, pipe) in writers {
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            outputs.append(text.split(separator: "\n").map(String.init))
        }
        let all = outputs.flatMap { $0 }
        #expect(all.count == 4 * countries.count)
        // Every milestone lands; each contested accession lands exactly once, the other refused
        // as an accession of a member.
        #expect(all.filter { $0.hasPrefix("ok ") }.count == 3 * countries.count)
        #expect(all.filter { $0 == "refused already-member" }.count == countries.count)
        let contents = try FileEventLog(path: log).read()
        #expect(contents.records.map(\.seq.value) == Array(1...(2 + 3 * countries.count)))
        #expect(try LogVerifier.verify(path: log).isIntact)
        let timeline = Timeline(records: contents.records)
        let members = timeline.members(of: OrganizationID("TST")!, at: try EDTFDate.parse("2012").latest)
        #expect(members.rows.count == 3 + countries.count)
        // Each writer's events appear in the order it wrote them.
        for name in ["A", "B"] {
            let notes = contents.records.compactMap { record -> Int? in
                guard case .milestone(_, _, let text) = record.payload, text.hasPrefix("\(name) note ") else { return nil }
                return Int(text.dropFirst("\(name) note ".count))
            }
            #expect(notes == Array(0..<countries.count))
        }
    }
}
