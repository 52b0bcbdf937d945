// A writer and reader process for the store's tests: the crash, concurrency and corruption
// tests run several of these at once against one log.
//
//     timeline-test-writer LOG EVENTS.jsonl [BATCH-SIZE]   append in batches; print `ok FIRST-SEQ COUNT`
//                                                          or `refused RULE` for each batch
//     timeline-test-writer --read LOG SECONDS              read the log again and again; print
//                                                          `reads N` or `partial …` if a batch is ever
//                                                          seen incomplete (milestones `… b{K} e{I}/{N}`)
//     timeline-test-writer --profile LOG                   time reading, hashing, decoding, folding
//                                                          and 1,000 members queries (performance work)
//     timeline-test-writer --append-loop LOG N             append N single events in one process;
//                                                          print the median and slowest append
//
// TIMELINE_TEST_CHUNK=BYTES:MICROSECONDS writes each batch in pieces (crash tests).
import Foundation
import TimelineCore
import TimelineStore

/// Writes a line to standard output at once (unbuffered), so a parent sees every acknowledgement.
func report(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}

let arguments = CommandLine.arguments
if arguments.count >= 4, arguments[1] == "--append-loop", let count = Int(arguments[3]) {
    // One process keeps the log open and appends single events, as the REPL does: a new
    // organization, then its members accede and withdraw in turn, one day after another.
    let log = FileEventLog(path: arguments[2])
    let source = Source(citation: "append loop")!
    let org = OrganizationID("LOOP\(getpid())")!
    let time = SystemClock.now
    do {
        _ = try log.append(
            [
                NewEvent(
                    date: .day(2040, 1, 1),
                    payload: .founding(
                        Founding(org: org, name: "Loop \(getpid())", founders: ["FRA"], ladder: StatusLadder([Status("member")!])!)),
                    source: source)
            ], recordedAt: time)
        let countries = ["DEU", "ITA", "ESP", "PRT", "NLD", "BEL", "AUT", "POL", "SWE", "FIN", "DNK", "IRL"]
        var times: [Double] = []
        for index in 0..<count {
            let day = CivilDay(ordinal: CivilDay(year: 2040, month: 2, day: 1).ordinal + index).components
            let country = countries[index % countries.count]
            let payload: EventPayload =
                (index / countries.count) % 2 == 0 ? .accession(org: org, country: country) : .withdrawal(org: org, country: country)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try log.append([NewEvent(date: .day(day.year, day.month, day.day), payload: payload, source: source)], recordedAt: time)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let sorted = times.sorted()
        report(
            "appends \(count) median \(sorted[sorted.count / 2]) ms slowest \(sorted.last!) ms, the first three \(times.prefix(3).map { String(format: "%.2f", $0) }.joined(separator: " ")) ms"
        )
    } catch {
        fail("\(error)", 65)
    }
    exit(0)
}
if arguments.count >= 3, arguments[1] == "--profile" {
    func now() -> Double { Double(SystemClock.now.milliseconds) / 1000 }
    let t0 = now()
    guard let data = FileManager.default.contents(atPath: arguments[2]) else { fail("cannot read \(arguments[2])", 66) }
    let bytes = Array(data)
    let t1 = now()
    var decoder = RecordDecoder()
    var hashOnly = 0
    for line in bytes.split(separator: 0x0A).dropFirst() { hashOnly += LogFormat.sha256Hex(line).count }
    let t2 = now()
    var records: [RecordedEvent] = []
    for (index, line) in bytes.split(separator: 0x0A).dropFirst().enumerated() {
        do { records.append(try decoder.decode(line).record) } catch { fail("line \(index + 2): \(error.message)", 65) }
    }
    let t3 = now()
    let timeline = Timeline(records: records)
    let t4 = now()
    guard let org = timeline.organizations.keys.sorted().first else { fail("no organization in the log", 65) }
    let day = CivilDay(year: 2000, month: 1, day: 1)
    var total = 0
    for _ in 0..<1000 { total += timeline.members(of: org, at: day).rows.count }
    let t5 = now()
    report(
        "read \(t1 - t0)  hash-only \(t2 - t1)  decode(with hash) \(t3 - t2)  fold \(t4 - t3)  1000 members \(t5 - t4)  (\(records.count) records, \(total))"
    )
    exit(0)
}
if arguments.count >= 4, arguments[1] == "--read" {
    let log = FileEventLog(path: arguments[2])
    let deadline = Date().addingTimeInterval(Double(arguments[3]) ?? 1)
    var reads = 0
    while Date() < deadline {
        guard let contents = try? log.read() else {
            usleep(1000)
            continue
        }
        var seen: [String: (count: Int, size: Int)] = [:]
        for record in contents.records {
            guard case .milestone(_, _, let text) = record.payload, let slash = text.lastIndex(of: "/"),
                let size = Int(text[text.index(after: slash)...]), let e = text.range(of: " e", options: .backwards)
            else { continue }
            let batch = String(text[..<e.lowerBound])
            seen[batch, default: (0, size)].count += 1
        }
        if let partial = seen.first(where: { $0.value.count != $0.value.size }) {
            report("partial \(partial.key): \(partial.value.count) of \(partial.value.size)")
            exit(1)
        }
        reads += 1
    }
    report("reads \(reads)")
    exit(0)
}

guard arguments.count >= 3 else { fail("usage: timeline-test-writer LOG EVENTS.jsonl [BATCH-SIZE] | --read LOG SECONDS", 64) }
var log = FileEventLog(path: arguments[1])
if let chunk = ProcessInfo.processInfo.environment["TIMELINE_TEST_CHUNK"]?.split(separator: ":"), chunk.count == 2,
    let bytes = Int(chunk[0]), let pause = UInt32(chunk[1])
{
    log.crashTestChunks = (bytes, pause)
}
let batchSize = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1
guard let data = FileManager.default.contents(atPath: arguments[2]) else { fail("cannot read \(arguments[2])", 66) }
var events: [NewEvent] = []
for (index, line) in Array(data).split(separator: 0x0A).enumerated() where !line.isEmpty {
    do {
        events.append(try NewEvent(fields: try RecordDecoder.eventFields(line)))
    } catch {
        fail("\(arguments[2]):\(index + 1): \(error)", 65)
    }
}
var start = 0
while start < events.count {
    let batch = Array(events[start..<min(start + batchSize, events.count)])
    do {
        let receipt = try log.append(batch, recordedAt: SystemClock.now)
        report("ok \(receipt.appended.first?.seq.value ?? 0) \(receipt.appended.count)")
    } catch {
        report("refused \(error.violation?.rule.rawValue ?? error.code.rawValue)")
    }
    start += batchSize
}
