import Synchronization
import Testing
import TimelineCore
import TimelineScript
import TimelineStore

/// A session plans a script's first append from the planner its log's writer keeps
/// (`EventLogWriter.keptPlanner()`) when that planner ends at the head the session read, and
/// from the log's records otherwise. A log here offers a planner of the test's choosing, on a
/// history that differs from its own, so that which one the session used shows in its verdict.
@Suite("A session starting from the writer's kept planner")
struct KeptPlannerSessionTests {
    /// An in-memory log whose writer offers `offered` as the planner it keeps.
    final class OfferingLog: SynchronousEventLogReader, SynchronousEventLogWriter {
        let base = InMemoryEventLog()
        let offered = Mutex<(planner: AppendPlanner, head: LogHead)?>(nil)

        func read() throws(StoreError) -> LogContents { try base.read() }
        func verify(registry: CountryRegistry) throws(StoreError) -> VerificationReport { try base.verify(registry: registry) }
        func chainHash(at seq: Int) throws(StoreError) -> ChainHash? { try base.chainHash(at: seq) }
        func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
            try base.append(events, recordedAt: recordedAt)
        }
        func keptPlanner() -> (planner: AppendPlanner, head: LogHead)? { offered.withLock { $0 } }
    }

    static func event(_ line: String) throws -> NewEvent {
        try NewEvent(fields: try RecordDecoder.eventFields(Array(line.utf8)[...]))
    }

    static let founding =
        #"{"type":"founding","org":"KPS","name":"Kept Planner Session","date":"2001-01-01","founders":["CHN"],"ladder":["member"],"source":"test"}"#
    static func accession(_ country: String) -> String {
        #"{"type":"accession","org":"KPS","country":"\#(country)","date":"2002-01-01","source":"test"}"#
    }

    /// Whether appending Kazakhstan's withdrawal is accepted by a fresh session on `log`.
    static func withdrawalAccepted(on log: OfferingLog) -> Bool {
        let host = IsolatedHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: RecordedTime(milliseconds: 0)) { _ in }
        let outcome = Interpreter(session: LogSession(log: log), host: host)
            .run(SourceFile(name: "<test>", text: #"append withdrawal KPS KAZ on 2005 source "test""#))
        return outcome.succeeded
    }

    /// A log where Kazakhstan joined, and a planner of the same length on a history where
    /// Uzbekistan joined instead.
    static func logAndOtherPlanner() throws -> (log: OfferingLog, planner: AppendPlanner) {
        let log = OfferingLog()
        _ = try log.append([try event(founding), try event(accession("KAZ"))], recordedAt: RecordedTime(milliseconds: 0))
        let other = InMemoryEventLog()
        _ = try other.append([try event(founding), try event(accession("UZB"))], recordedAt: RecordedTime(milliseconds: 0))
        return (log, AppendPlanner(existing: try other.read().records))
    }

    @Test("a kept planner ending at the head the session read is the one it plans with")
    func usesPlannerAtItsHead() throws {
        // Without one, the session plans on the log: Kazakhstan, a member, may leave (and does).
        #expect(Self.withdrawalAccepted(on: try Self.logAndOtherPlanner().log))
        let (log, planner) = try Self.logAndOtherPlanner()
        let head = try log.read().head
        log.offered.withLock { $0 = (planner, head) }
        // With one at the log's head, its history decides: there, Kazakhstan never joined, and
        // nothing is written.
        #expect(!Self.withdrawalAccepted(on: log))
        #expect(try log.read().head == head)
    }

    @Test("a kept planner at another head is not used")
    func ignoresPlannerElsewhere() throws {
        let (log, planner) = try Self.logAndOtherPlanner()
        let head = try log.read().head
        log.offered.withLock { $0 = (planner, LogHead(count: head.count, hash: ChainRule.genesis)) }
        #expect(Self.withdrawalAccepted(on: log))
    }
}
