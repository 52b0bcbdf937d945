import Foundation
import TimelineCore
import TimelineStore

/// A fresh directory under the system's temporary directory, removed by `cleanUp()`.
struct ScratchDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "timeline-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Events read from a fixture file of plain event objects, one per line.
func fixtureEvents(_ name: String) throws -> [NewEvent] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    let bytes = Array(try Data(contentsOf: url))
    return try bytes.split(separator: 0x0A).map { line in try NewEvent(fields: try RecordDecoder.eventFields(line)) }
}

import Testing

/// A fixed transaction time: 2026-01-01T00:00:00Z plus `seconds`.
func at(_ seconds: Int64 = 0) -> RecordedTime { RecordedTime(milliseconds: 1_767_225_600_000 + seconds * 1000) }

func readBytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

func writeBytes(_ bytes: [UInt8], to path: String) { _ = FileManager.default.createFile(atPath: path, contents: Data(bytes)) }

/// The byte offsets where each line starts, and the file length at the end.
func lineStarts(_ bytes: [UInt8]) -> [Int] {
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == 0x0A && index + 1 < bytes.count { starts.append(index + 1) }
    return starts
}
