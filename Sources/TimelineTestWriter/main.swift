// A writer process for the store's tests: appends events from a JSON Lines file, in batches,
// and reports each batch on standard output as `ok FIRST-SEQ COUNT` or `refused RULE-OR-CODE`.
//
//     timeline-test-writer LOG EVENTS.jsonl [BATCH-SIZE]
//
// Concurrency and crash tests run several of these at once against one log.
import Foundation
import TimelineCore
import TimelineStore

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: timeline-test-writer LOG EVENTS.jsonl [BATCH-SIZE]\n".utf8))
    exit(64)
}
let log = FileEventLog(path: arguments[1])
let batchSize = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1
guard let data = FileManager.default.contents(atPath: arguments[2]) else {
    FileHandle.standardError.write(Data("cannot read \(arguments[2])\n".utf8))
    exit(66)
}
var events: [NewEvent] = []
for (index, line) in Array(data).split(separator: 0x0A).enumerated() where !line.isEmpty {
    do {
        events.append(try NewEvent(fields: try RecordDecoder.eventFields(line)))
    } catch {
        FileHandle.standardError.write(Data("\(arguments[2]):\(index + 1): \(error)\n".utf8))
        exit(65)
    }
}
/// Writes a line to standard output at once (unbuffered), so a parent sees every acknowledgement.
func report(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

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
