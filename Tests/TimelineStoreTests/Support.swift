import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Events read from a fixture file of plain event objects, one per line.
func fixtureEvents(_ name: String) throws -> [NewEvent] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    let bytes = Array(try Data(contentsOf: url))
    return try bytes.split(separator: 0x0A).map { line in try NewEvent(fields: try RecordDecoder.eventFields(line)) }
}

/// A fixed transaction time: 2026-01-01T00:00:00Z plus `seconds`.
func at(_ seconds: Int64 = 0) -> RecordedTime { RecordedTime(milliseconds: 1_767_225_600_000 + seconds * 1000) }
